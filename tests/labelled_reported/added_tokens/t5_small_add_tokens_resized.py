# provenance: https://github.com/adapter-hub/adapters/issues/557 [the reporter's code block, up to the resize]
# thread: https://github.com/adapter-hub/adapters/issues/557
# query: add_tokens new tokens T5 index out of range embedding
# rank: 9
# label: negative
# note: a token is added to t5-small's tokenizer and the seq2seq model of the same checkpoint is resized to len(tokenizer); the thread is about an adapter method, not an unresized embedding
from transformers import AutoTokenizer
from transformers import AutoTokenizer
from transformers import AutoModelForSeq2SeqLM


model_name = "t5-small"

tokenizer = AutoTokenizer.from_pretrained(model_name)
tokenizer.add_tokens(["NEW_ADDED_TOKEN"])
model = AutoModelForSeq2SeqLM.from_pretrained(model_name)
print(f"original: encoder embedding: {model.encoder.embed_tokens.num_embeddings} decoder embeddding: {model.decoder.embed_tokens.num_embeddings} lm_head: {model.lm_head.out_features}")

model.resize_token_embeddings(len(tokenizer))
