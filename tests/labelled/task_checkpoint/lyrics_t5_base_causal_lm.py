# provenance: search index id 28278394861
# label: positive
# note: the comment says GPT-2, the code loads t5-base (model_type t5) with AutoModelForCausalLM, which has no T5 class
import torch
from transformers import AutoModelForCausalLM, GPT2Tokenizer

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
# Load the pre-trained GPT-2 model and tokenizer
model_name = 'gpt2'
model = AutoModelForCausalLM.from_pretrained("t5-base").to(device)  # expect: TFL301
tokenizer = GPT2Tokenizer.from_pretrained(model_name)
tokenizer.pad_token = tokenizer.eos_token
