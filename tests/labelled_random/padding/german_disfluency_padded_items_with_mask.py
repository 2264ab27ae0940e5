# provenance: search index id 47260129016 [imports, DisfluenyDataset, test, the __main__ block less its commented-out Trainer]
# query: DataCollatorWithPadding
# rank: 4
# label: negative
# note: the padded encodings keep attention_mask in every item and the held-out loop calls model(**batch)
import os
import argparse
import pandas as pd
import numpy as np
import torch
from transformers import AutoTokenizer, AutoModel, DataCollatorWithPadding, Trainer, AutoModelForSequenceClassification, TrainingArguments
from datasets import load_metric
from sklearn.metrics import classification_report 
labels =['<f/>','<e/>','<rps/>']
label2idx = {t:i for i, t in enumerate(labels)}
idx2label = {v: k for k, v in label2idx.items()}
import wandb
import warnings
warnings.filterwarnings("ignore")
class DisfluenyDataset(torch.utils.data.Dataset):
    def __init__(self, encodings, labels, tag2idx):
        self.encodings = encodings
        self.labels = labels
        self.tag2idx = tag2idx
    def __getitem__(self, idx):
        item = {key: torch.tensor(val[idx]) for key, val in self.encodings.items()}
        item['labels'] = torch.tensor(self.tag2idx[self.labels[idx]])
        return item 
    def __len__(self):
        return len(self.labels)

def test(held_out_dataset):
    print("------------------------------------------------------- Testing loop on held out data-------------------------------------------")
    model = AutoModelForSequenceClassification.from_pretrained('../saved_models/bert_with_pos_tag_final_trail')
    # tokenizer = AutoTokenizer.from_pretrained('../saved_models/bert_with_pos_tag/')
    y_true = list()
    y_pred = list()
    for index, batch in enumerate(held_out_dataset):
        input_ids = batch['input_ids']
        attention_mask = batch['attention_mask']
        y_true.append(batch['labels'].item())
        with torch.no_grad():
            logits = model(**batch).logits
            print(model(**batch))
        predictions = np.argmax(logits.detach().numpy())
        y_pred.append(predictions)
    print(classification_report(y_true=y_true, y_pred=y_pred,  target_names=['<f/>','<e/>','<rps/>'],zero_division=0))
    return

if __name__ == '__main__':
    model           = AutoModelForSequenceClassification.from_pretrained('dbmdz/bert-base-german-cased', num_labels=len(labels), classifier_dropout=0.1)
    tokenizer       = AutoTokenizer.from_pretrained('dbmdz/bert-base-german-cased')
    data_collator   = DataCollatorWithPadding(tokenizer=tokenizer)



    df = read_corpus('../data/word_tag_csv_word_dur2/')
    train_dataframe, held_out_dataset = preprocessing(df)

    train_words = train_dataframe['combine_col'].tolist() 
    train_labels = train_dataframe['disflunecy_tag'].tolist()

    train_dataset_encoding  = tokenizer(train_words, truncation=True, padding=True, return_tensors="pt")
    train_dataset           = DisfluenyDataset(train_dataset_encoding, train_labels, label2idx)

    # train_loader        = torch.utils.data.DataLoader(train_dataset, batch_size=64)
    train_dataset, val_dataset = generate_train_test_valid_loader(train_dataset,  training_split=0.7, validation_split=0.15, train_batch_size=64)
    

    held_out_words = held_out_dataset['combine_col'].tolist()
    held_out_label = held_out_dataset['disflunecy_tag'].tolist()

    held_out_encoding = tokenizer(held_out_words, truncation=True, padding=True, return_tensors="pt")

    held_out_dataset = DisfluenyDataset(held_out_encoding, held_out_label, label2idx)

    held_out_loader  = torch.utils.data.DataLoader(held_out_dataset, batch_size=1, shuffle=True)
    test(held_out_loader)
