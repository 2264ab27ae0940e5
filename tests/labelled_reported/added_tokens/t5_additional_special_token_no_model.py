# provenance: https://github.com/huggingface/transformers/issues/15516 [the reporter's code block]
# thread: https://github.com/huggingface/transformers/issues/15516
# query: add_tokens new tokens T5 index out of range embedding
# rank: 10
# label: negative
# note: "[EVENT]" is added to t5-base's tokenizer and its special ids are printed; no model is loaded, so no id reaches an embedding (the thread is about the special-token list being replaced)
from transformers import T5Tokenizer
tokenizer = T5Tokenizer.from_pretrained("t5-base")
print(tokenizer.all_special_ids)
tokenizer.add_special_tokens({"additional_special_tokens": ["[EVENT]"]})
print(tokenizer.all_special_ids)
