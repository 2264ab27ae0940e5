# provenance: https://github.com/huggingface/transformers/issues/12632 [the reporter's code block]
# thread: https://github.com/huggingface/transformers/issues/12632
# query: add_tokens tokenizer length larger than model vocab_size
# rank: 9
# label: negative
# note: a token is added to GPT-2's tokenizer and its sizes are compared; no model is loaded, so no new id reaches an embedding
from transformers import AutoTokenizer
tokenizer = AutoTokenizer.from_pretrained("gpt2")
current_size = tokenizer.vocab_size
tokenizer.add_tokens(["new_token"])
tokenizer.vocab_size, current_size, len(tokenizer.vocab)
