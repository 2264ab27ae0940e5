# provenance: leomerl/home-projects llm/hf-llm-course/03-multisequence-handling.py 2989947dedbe37e6931dd74250f2a06c02a049a4
# label: negative
# note: a hand-padded literal batch (pads written as tokenizer.pad_token_id) given to the model together with its attention mask
import torch
from transformers import AutoTokenizer, AutoModelForSequenceClassification

checkpoint = "distilbert-base-uncased-finetuned-sst-2-english"
tokenizer = AutoTokenizer.from_pretrained(checkpoint)
model = AutoModelForSequenceClassification.from_pretrained(checkpoint)

sequence = "I've been waiting for a HuggingFace course my whole life."
tokens = tokenizer.tokenize(sequence)
ids = tokenizer.convert_tokens_to_ids(tokens)

batched_ids = [ids, [200, 200] + [tokenizer.pad_token_id] * 12]
attention_mask = [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]

output = model(torch.tensor(batched_ids), attention_mask=torch.tensor(attention_mask))
print("Logits:", output.logits)
