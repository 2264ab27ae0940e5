# provenance: https://github.com/huggingface/transformers/issues/1062 [the reporter's code block; the import line supplied, the block has none]
# thread: https://github.com/huggingface/transformers/issues/1062
# query: add_special_tokens resize_token_embeddings index out of range
# rank: 2
# label: positive
# note: "[CLS]" is added to openai-gpt's tokenizer (its BPE vocabulary has no such token, the reply confirms the new id) and the encodings reach the model of the same checkpoint, never resized: index out of range in the embedding
import torch
from transformers import OpenAIGPTDoubleHeadsModel, OpenAIGPTTokenizer

tokenizer = OpenAIGPTTokenizer.from_pretrained('openai-gpt') 
model = OpenAIGPTDoubleHeadsModel.from_pretrained('openai-gpt')
tokenizer.add_special_tokens({'cls_token': '[CLS]'})  # Add a [CLS] to the vocabulary (we should train it also!)  # expect: TFL701
choices = ["Hello, my dog is cute [CLS]", "Hello, my cat is cute [CLS]"]
input_ids = torch.tensor([tokenizer.encode(s) for s in choices]).unsqueeze(0)  # Batch size 1, 2 choices
mc_token_ids = torch.tensor([input_ids.size(-1), input_ids.size(-1)]).unsqueeze(0)  # Batch size 1
outputs = model(input_ids, mc_token_ids)
lm_prediction_scores, mc_prediction_scores = outputs[:2]
