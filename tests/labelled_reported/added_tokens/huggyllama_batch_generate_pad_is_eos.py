# provenance: https://github.com/huggingface/transformers/issues/23401 [the maintainer's corrected code block]
# thread: https://github.com/huggingface/transformers/issues/23401
# query: srcIndex < srcSelectDimSize pad token added llama embedding
# rank: 11
# label: negative
# note: the fixed program of the thread: instead of adding "[PAD]" (the reporter's IndexError), the pad token is the existing eos token, so batch generation stays inside Llama's embedding
from transformers import AutoTokenizer, LlamaForCausalLM
model_name = "huggyllama/llama-7b"

tokenizer = AutoTokenizer.from_pretrained(model_name)
model = LlamaForCausalLM.from_pretrained(model_name)
tokenizer.pad_token = tokenizer.eos_token
model.generation_config.pad_token_id = model.generation_config.eos_token_id

prompt = "Hey, are you consciours? Can you talk to me?"
inputs = tokenizer([prompt, prompt + " blah blah"], return_tensors="pt", padding=True, truncation=True)

# Generate
generate_ids = model.generate(inputs.input_ids, max_length=30)
tokenizer.batch_decode(generate_ids, skip_special_tokens=True, clean_up_tokenization_spaces=False)[0]
