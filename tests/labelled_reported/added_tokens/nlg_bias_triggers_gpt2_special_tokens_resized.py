# provenance: https://github.com/ewsheng/controllable-nlg-biases/issues/2 [the reporter's code block; the import line and the def line supplied, the block has neither]
# thread: https://github.com/ewsheng/controllable-nlg-biases/issues/2
# query: IndexError index out of range in self after adding special tokens fine-tuning
# rank: 6
# label: negative
# note: <BOS>, <EOS> and three markers are added to GPT-2's tokenizer and the fine-tuned LM is resized to len(tokenizer) right after; the thread's IndexError is a list index in the trigger-search hooks (a hard-coded vocabulary size), not the embedding
from transformers import AutoModelWithLMHead, GPT2Tokenizer


def load(params, device):
    model = AutoModelWithLMHead.from_pretrained(params.model_name_or_path)
    tokenizer = GPT2Tokenizer.from_pretrained('gpt2')
    special_tokens_dict = {'bos_token': '<BOS>', 'eos_token': '<EOS>','additional_special_tokens': ['<premise>','<label>','<hypo>']}
    num_added_toks = tokenizer.add_special_tokens(special_tokens_dict)
    model.resize_token_embeddings(len(tokenizer))
    model.eval()
    model.to(device)
