# provenance: https://github.com/huggingface/transformers/issues/9542 [the reporter's code block]
# thread: https://github.com/huggingface/transformers/issues/9542
# query: GPT2 pad token [PAD] added model not resized Trainer IndexError
# rank: 1
# label: positive
# note: "[PAD]" gets id 50257 in GPT-2's tokenizer, the ids are padded to 12 with it and fed to GPT2Model('gpt2'), whose 50257-row embedding is never resized: IndexError (the thread's traceback)
from transformers import GPT2Tokenizer, GPT2Model
import torch

# inits model and tokenizer
tokenizer = GPT2Tokenizer.from_pretrained('gpt2')
tokenizer.add_special_tokens({'pad_token': '[PAD]'})  # expect: TFL701
model = GPT2Model.from_pretrained('gpt2')

# inputs
inputs = tokenizer.encode(text="Hello, my dog is cute", max_length=12, padding="max_length",
                                         truncation=True)
#[15496, 11, 616, 3290, 318, 13779, 50257, 50257, 50257, 50257, 50257, 50257]

# input_ids tensor and attention mask
features = torch.tensor([inputs])
# tensor([[15496,    11,   616,  3290,   318, 13779, 50257, 50257, 50257, 50257,
#        50257, 50257]])
attention_mask = (features < 50257).int()
# tensor([[1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]], dtype=torch.int32)

# outputs
outputs = model(
    input_ids=features, 
    attention_mask=attention_mask
)
