# provenance: search index id 45200636673 [lines 1-60, 130-200]
# label: positive
# note: __getitem__ pads each text to 128 with F.pad(value=0) and returns the ids without a mask; the loop feeds them to a BERT/RoBERTa classifier
import pandas as pd
import torch
from torch.utils.data import Dataset, DataLoader
from transformers import AutoTokenizer, AutoModelForSequenceClassification
import sys

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
epoch = 300
col = sys.argv[1]
flag = int(sys.argv[2])

if flag == 0:
    tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
    model = AutoModelForSequenceClassification.from_pretrained(
        'bert-base-uncased',
        num_labels=7,
        output_attentions=False,
        output_hidden_states=False,
    )
elif flag == 1:
    tokenizer = AutoTokenizer.from_pretrained("roberta-base")
    model = AutoModelForSequenceClassification.from_pretrained(
        'roberta-base',
        num_labels=7,
        output_attentions=False,
        output_hidden_states=False,
    )

model.to(device)
train_df = pd.read_csv("github-train.csv")


class CSVDataset(Dataset):

    def __init__(self, df, tokenizer, max_len):
        self.df = df
        self.tokenizer = tokenizer
        self.max_len = max_len

    def __len__(self):
        return len(self.df)

    def __getitem__(self, idx):
        text = self.df.iloc[idx]["text"]
        label = self.df.iloc[idx][col]

        # Tokenize the text and pad the sequences
        tokens = self.tokenizer.tokenize(text)
        tokens = tokens[:self.max_len - 2]
        tokens = ["[CLS]"] + tokens + ["[SEP]"]
        input_ids = self.tokenizer.convert_tokens_to_ids(tokens)
        input_ids = torch.nn.functional.pad(torch.tensor(input_ids), pad=(0, self.max_len - len(input_ids)), value=0)

        label = torch.tensor(label).long()

        return input_ids, label


MAX_LEN = 128
train_dataset = CSVDataset(train_df, tokenizer, MAX_LEN)
train_dataloader = DataLoader(train_dataset, batch_size=128, shuffle=True)
optimizer = torch.optim.Adam(model.parameters(), lr=2e-5)

for epoch in range(epoch):
    model.train()
    for input_ids, labels in train_dataloader:
        input_ids = input_ids.to(device)
        labels = labels.to(device)
        outputs = model(input_ids, labels=labels)  # expect: TFL101
        loss = outputs[0]
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
