# provenance: https://github.com/huggingface/transformers/issues/4486 [the reporter's code block; the def line supplied, the block uses a tokenizer it does not create]
# thread: https://github.com/huggingface/transformers/issues/4486
# query: add_tokens tokenizer length larger than model vocab_size
# rank: 8
# label: negative
# note: "[HL]" is added to a (BERT, 30522) tokenizer and only lengths are printed: no model is shown, so no id reaches an embedding in this program
def show(tokenizer):
    # len(tokenizer)  == 30522
    tokens_dict = ['[HL]']
    num_added_toks = tokenizer.add_tokens(tokens_dict)
    # len(tokenizer)  == 30523
    # But tokenizer.vocab_size == 30522
