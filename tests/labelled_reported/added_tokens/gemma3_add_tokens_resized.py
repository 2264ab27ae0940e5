# provenance: https://github.com/huggingface/transformers/issues/37011 [the reporter's two code blocks, up to the resize; the access token placeholder kept as written]
# thread: https://github.com/huggingface/transformers/issues/37011
# query: add_tokens tokenizer length larger than model vocab_size
# rank: 11
# label: negative
# note: three marker tokens are added to gemma-3-1b-it's tokenizer and the model is resized to len(tokenizer) at once; the thread is about an extra token appearing, not an unresized embedding
from transformers import AutoTokenizer, BitsAndBytesConfig, Gemma3ForCausalLM
import torch

model_id = "google/gemma-3-1b-it"
quantization_config = BitsAndBytesConfig(load_in_8bit=True)

model = Gemma3ForCausalLM.from_pretrained(
    model_id, quantization_config=quantization_config,token='#your token'
)
tokenizer = AutoTokenizer.from_pretrained(model_id,token='#your token')

old_input_embedding  = model.get_input_embeddings().weight.detach().clone()
old_output_embedding = model.get_output_embeddings().weight.detach().clone()
old_input_length     = old_input_embedding.shape[0]

new_tokens = ["<CHARACTER_1>", "<THINKING>", "<SCRATCH_PAD>"]
old_tokenizer_length = len(tokenizer)
tokenizer.add_tokens(new_tokens)

model.resize_token_embeddings(len(tokenizer))
