# provenance: search index id 1852382094 [lines 1-40, 95-140]
# label: positive
# note: the collate function pads token ids with pad_sequence(padding_value=pad id) and returns no mask; the wrapper calls the BERT token classifier on the ids alone
import torch
import torch.optim as optim
from torch.utils.data import DataLoader, Dataset, random_split
import torch.nn as nn
from transformers import BertTokenizer, BertForTokenClassification
from torch.nn.utils.rnn import pad_sequence

tokenizer = BertTokenizer.from_pretrained('bert-base-uncased')


def collate_fn(batch):
    tokens = [item[0] for item in batch]
    labels = [item[1] for item in batch]

    # Pad tokens and labels to the same length (max_len)
    padded_tokens = pad_sequence(tokens, batch_first=True, padding_value=tokenizer.pad_token_id)
    padded_labels = pad_sequence(labels, batch_first=True, padding_value=-1)
    return padded_tokens, padded_labels


dataset = SentenceLabelingDataset(data, tokenizer, label_encoder)
train_size = int(0.8 * len(dataset))
test_size = len(dataset) - train_size
train_dataset, test_dataset = random_split(dataset, [train_size, test_size])
train_dataloader = DataLoader(train_dataset, batch_size=2, collate_fn=collate_fn)


class BertForTokenClassificationWithHead(nn.Module):
    def __init__(self, model_name, num_labels):
        super(BertForTokenClassificationWithHead, self).__init__()
        self.bert = BertForTokenClassification.from_pretrained(model_name, num_labels=num_labels)

    def forward(self, x):
        return self.bert(x).logits  # expect: TFL101


output_dim = len(label_encoder.classes_)
model = BertForTokenClassificationWithHead('bert-base-uncased', output_dim)
optimizer = optim.Adam(model.parameters(), lr=0.0001)

num_epochs = 3
for epoch in range(num_epochs):
    model.train()
    for batch in train_dataloader:
        sentences, labels = batch
        optimizer.zero_grad()
        outputs = model(sentences)
        outputs = outputs.view(-1, output_dim)
        labels = labels.view(-1)
        loss = nn.CrossEntropyLoss(ignore_index=-1)(outputs, labels)
        loss.backward()
        optimizer.step()
