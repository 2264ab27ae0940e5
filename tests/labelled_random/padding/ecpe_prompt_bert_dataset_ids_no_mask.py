# provenance: search index id 69246953779 [read: characters 0-32,000 of 39,540; MyDataset trimmed to its tokenization, prompt_bert, run's training and test loops; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: pad_to_max_length=True)['input_ids']
# rank: 4
# label: positive
# note: each document is padded to 512 by encode_plus and only its ids kept in the Dataset; the loader's batches go through prompt_bert's forward to BertForMaskedLM without a mask, so every [MASK] prediction attends to the pads
import torch.nn
import torch.nn.functional as F
from torch.utils.data import Dataset, DataLoader
from transformers import BertTokenizer, BertForMaskedLM
import numpy as np
import json


class MyDataset(Dataset):
    def __init__(self, input_file, test=False, tokenizer=None):
        self.x_bert, self.label = [], []
        self.tokenizer = tokenizer
        with open(input_file, 'r', encoding='utf8') as f:
            data = json.load(f)
        for doc in data:
            mask_full_document = " ".join(clause["clause"] + "[MASK] [MASK] [MASK] [SEP]" for clause in doc["clauses"])
            full_document = " ".join(clause["clause"] + clause["answer"] + "[SEP]" for clause in doc["clauses"])
            mask_full_document = \
                self.tokenizer.encode_plus(mask_full_document, return_tensors="pt", max_length=512, truncation=True,
                                           pad_to_max_length=True)['input_ids']
            full_document = \
                self.tokenizer.encode_plus(full_document, return_tensors="pt", max_length=512, truncation=True,
                                           pad_to_max_length=True)['input_ids']
            labels = full_document.masked_fill(mask_full_document != 103, -100)
            self.x_bert.append(np.array(mask_full_document[0]))
            self.label.append(np.array(labels[0]))
        self.x_bert, self.label = map(np.array, [self.x_bert, self.label])
        self.index = [i for i in range(len(self.x_bert))]

    def __getitem__(self, index):
        index = self.index[index]
        feed_list = [self.x_bert[index], self.label[index]]
        return feed_list

    def __len__(self):
        return len(self.x_bert)


class prompt_bert(torch.nn.Module):
    def __init__(self, bert_path='./bert-base-chinese'):
        super(prompt_bert, self).__init__()
        self.bert = BertForMaskedLM.from_pretrained(bert_path)
        self.tokenizer = BertTokenizer.from_pretrained(bert_path)
        self.bert.resize_token_embeddings(len(self.tokenizer))

    def forward(self, x_bert, labels):
        output = self.bert(x_bert, labels=labels)  # expect: TFL101
        loss, logits = output.loss, output.logits
        return loss, logits


def run():
    bert_path = './bert-base-chinese'
    tokenizer = BertTokenizer.from_pretrained(bert_path)
    model = prompt_bert(bert_path)
    model = model.cuda()
    NLP_Dataset = {x: MyDataset('fold1_{}.json'.format(x), test=(x == 'test'), tokenizer=tokenizer) for x in ['train', 'test']}
    trainloader = DataLoader(NLP_Dataset['train'], batch_size=8, shuffle=True, drop_last=True)
    testloader = DataLoader(NLP_Dataset['test'], batch_size=8, shuffle=False)
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.00001, weight_decay=0.01)
    for i in range(3):
        model.train()
        for index, data in enumerate(trainloader):
            x_bert, label = data
            x_bert = x_bert.cuda()
            label = label.cuda()
            loss, logits = model(x_bert, label)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            for _, data in enumerate(testloader):
                x_bert, label = data
                loss, logits = model(x_bert.cuda(), label.cuda())
                logits = F.softmax(logits, dim=-1)


if __name__ == '__main__':
    run()
