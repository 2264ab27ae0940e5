# provenance: search index id 35059059361 [read: characters 0-16,000 of 17,557; full_sent_tokenize, MSC_Dataset, the model and Trainer set-up; NER masking, argument parsing and plots left out; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: padding=True)['input_ids']
# rank: 4
# label: negative
# note: padding=True on one sentence pads nothing; the sentences are packed into 512-token rows and each row's attention mask is built beside it and given to Trainer with the ids
import torch
from transformers import AutoConfig, BertForMaskedLM, AutoTokenizer, DataCollatorForWholeWordMask, Trainer, TrainingArguments

model_name = "bert-base-uncased"
config = AutoConfig.from_pretrained(model_name)
tokenizer = AutoTokenizer.from_pretrained(model_name, use_fast=True)
max_seq_length = 512
start_tok = tokenizer.convert_tokens_to_ids('[CLS]')
sep_tok = tokenizer.convert_tokens_to_ids('[SEP]')


def full_sent_tokenize(file_name):
    f = open(file_name, 'r')
    sents = f.read().strip().split('\n')
    f.close()
    tok_sents = []
    for masked_sentence in sents:
        tokenized_sent = tokenizer(masked_sentence, return_attention_mask=True, truncation=True, padding=True)['input_ids']
        tok_sents.append(tokenized_sent)
    for s in tok_sents:
        s.pop(0)
    res = [[]]
    l_curr = 0
    for s in tok_sents:
        l_s = len(s)
        idx = 0
        while idx < l_s - 1:
            if l_curr == 0:
                res[-1].append(start_tok)
                l_curr = 1
            s_end = min(l_s, idx + max_seq_length - l_curr) - 1
            res[-1].extend(s[idx:s_end] + [sep_tok])
            idx = s_end
            if len(res[-1]) == max_seq_length:
                res.append([])
            l_curr = len(res[-1])
    attention_mask = []
    for s in res:
        attention_mask.append([1] * len(s) + [0] * (max_seq_length - len(s)))
    return {'input_ids': res, 'attention_mask': attention_mask}


class MSC_Dataset(torch.utils.data.Dataset):
    def __init__(self, inp):
        self.inp = inp

    def __getitem__(self, idx):
        item = {key: torch.tensor(val[idx]) for key, val in self.inp.items()}
        return item

    def __len__(self):
        return len(self.inp['input_ids'])


train_dataset = MSC_Dataset(full_sent_tokenize("train_norm.txt"))
eval_dataset = MSC_Dataset(full_sent_tokenize("val_norm.txt"))

model = BertForMaskedLM.from_pretrained(model_name, config=config)
model.resize_token_embeddings(len(tokenizer))
data_collator = DataCollatorForWholeWordMask(tokenizer=tokenizer, mlm_probability=0.15)
training_args = TrainingArguments(output_dir="checkpoints", per_device_train_batch_size=64, num_train_epochs=150)
trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=train_dataset,
    eval_dataset=eval_dataset,
    tokenizer=tokenizer,
    data_collator=data_collator,
)
trainer.train()
