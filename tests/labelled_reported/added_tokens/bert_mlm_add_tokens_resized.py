# provenance: https://github.com/huggingface/transformers/issues/2468 [the reporter's code block]
# thread: https://github.com/huggingface/transformers/issues/2468
# query: added tokens new tokens embedding not resized IndexError
# rank: 7
# label: negative
# note: 22 word pieces are added to bert-base-multilingual-cased's tokenizer and the BertForMaskedLM is resized to len(tokenizer) right after loading; the thread's failure comes from elsewhere (the run_lm_finetuning script), not from an unresized embedding
from transformers import BertForMaskedLM, BertTokenizer
tokenizer = BertTokenizer.from_pretrained('bert-base-multilingual-cased')
tokenizer.add_tokens(my_new_tokens_list) #Consisting of 22 new word pieces

model = BertForMaskedLM.from_pretrained(model_name_or_path)
model.resize_token_embeddings(len(tokenizer))
model.to(torch.device(type='cuda'))

from transformers_fromGITHUB.examples import run_lm_finetuning
dataset = run_lm_finetuning.load_and_cache_examples(args, tokenizer, evaluate=False)

global_step, tr_loss = run_lm_finetuning.train(args, train_dataset, model, tokenizer)
