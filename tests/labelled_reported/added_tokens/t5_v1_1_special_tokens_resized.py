# provenance: https://github.com/huggingface/transformers/pull/8880 [a comment's code block up to its constants; the import lines and `dev` supplied, the training loop (cut by the excerpt) left out]
# thread: https://github.com/huggingface/transformers/pull/8880
# query: resize_token_embeddings forgot new special tokens CUDA error
# rank: 5
# label: negative
# note: two special tokens are added to t5-base's tokenizer and the google/t5-v1_1-base model is resized to len(tokenizer) before training; the thread is about how the resize initialises the new rows, not an unresized embedding
import torch
from transformers import T5TokenizerFast, T5ForConditionalGeneration

dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")

MODEL_NAME = 'google/t5-v1_1-base'
tokenizer = T5TokenizerFast.from_pretrained('t5-base')
special_tokens_dict = {'additional_special_tokens': ['<ORG>','<PERSON>']}
num_added_tokens = tokenizer.add_special_tokens(special_tokens_dict)
print(f'ADDED TOKENS: {num_added_tokens}')
model = T5ForConditionalGeneration.from_pretrained(MODEL_NAME, return_dict=True)
model.resize_token_embeddings(len(tokenizer))
model.to(dev)
BATCH_SIZE = 8
