# provenance: search index id 29114664170 [read: characters 0-16,000 of 21,541; MyDataset trimmed to its tokenization, prompt_bert, run's test loop; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: pad_to_max_length=True)['input_ids']
# rank: 5
# label: positive
# note: (another task of the same project as ecpe_prompt_bert_dataset_ids_no_mask.py) documents padded to 512 keep only their ids in the Dataset; the batches reach BertForMaskedLM through prompt_bert's forward without a mask
import argparse
import os
import torch.nn
import torch.nn.functional as F
from torch.utils.data import Dataset, DataLoader
from transformers import BertTokenizer, BertForMaskedLM
import numpy as np


class MyDataset(Dataset):
    def __init__(self, input_file, test=False, tokenizer=None):
        self.x_bert, self.label = [], []
        self.tokenizer = tokenizer
        for full_document, mask_Conditional_document in read_documents(input_file):
            full_document = \
                self.tokenizer.encode_plus(full_document, return_tensors="pt", max_length=512, truncation=True,
                                           pad_to_max_length=True)['input_ids']
            mask_Conditional_document = \
                self.tokenizer.encode_plus(mask_Conditional_document, return_tensors="pt", max_length=512,
                                           truncation=True, pad_to_max_length=True)['input_ids']
            labels = full_document.masked_fill(mask_Conditional_document != 103, -100)
            self.label.append(np.array(labels[0]))
            self.x_bert.append(np.array(mask_Conditional_document[0]))
        self.x_bert, self.label = map(np.array, [self.x_bert, self.label])
        self.index = [i for i in range(len(self.x_bert))]

    def __getitem__(self, index):
        index = self.index[index]
        feed_list = [self.x_bert[index], self.label[index]]
        return feed_list

    def __len__(self):
        return len(self.x_bert)


def read_documents(input_file):
    with open(input_file) as f:
        for line in f:
            full, masked = line.rstrip("\n").split("\t")
            yield full, masked


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
    for fold in range(1, 11):
        model = prompt_bert(bert_path)
        model = model.cuda()
        test = 'data_combine_CCRC/fold{}_test.txt'.format(fold)
        testloader = DataLoader(MyDataset(test, test=True, tokenizer=tokenizer), batch_size=8, shuffle=False)
        model.eval()
        with torch.no_grad():
            for _, data in enumerate(testloader):
                x_bert, label = data
                x_bert = x_bert.cuda()
                label = label.cuda()
                loss, logits = model(x_bert, label)
                logits = F.softmax(logits, dim=-1)


if __name__ == '__main__':
    run()
