# provenance: search index id 46326043700
# label: negative
# note: looks wrong but loads: bert has a causal-LM class (BertLMHeadModel) in AutoModelForCausalLM; the script only inspects its state dict
import transformers
import numpy as np

tokenizer = transformers.AutoTokenizer.from_pretrained("bert-base-cased")
bert = transformers.AutoModelForCausalLM.from_pretrained("bert-base-cased").train()

state_dict_names = set(bert.state_dict().keys())
param_names = set(dict(bert.named_parameters()).keys())

print(len(state_dict_names))  # 205
print(len(param_names))       # 202
