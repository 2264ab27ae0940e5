# provenance: search index id 5061660815
# label: positive
# note: gpt2-medium is model_type gpt2; AutoModelForSeq2SeqLM has no GPT-2 class (the commented-out line used an LM-head class)
import torch
from transformers import AutoTokenizer, AutoModelWithLMHead, AutoModelForSeq2SeqLM

# model = AutoModelWithLMHead.from_pretrained("keyonvafa/compatible-gpt2")
# tokenizer = AutoTokenizer.from_pretrained("keyonvafa/compatible-gpt2")
model = AutoModelForSeq2SeqLM.from_pretrained("gpt2-medium")  # expect: TFL301
tokenizer = AutoTokenizer.from_pretrained("gpt2-medium")
model.eval()

input_string = "I love eating breakfast out the"
input_ids = tokenizer(input_string, return_tensors='pt')['input_ids'].to(model.device)
