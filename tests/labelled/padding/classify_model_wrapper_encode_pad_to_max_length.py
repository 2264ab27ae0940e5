# provenance: search index id 37932623074 [excerpt around offset 1000-2500]
# label: positive
# note: texts padded to max_length by encode(pad_to_max_length=True) go through a TensorDataset into a wrapper that calls BERT/ALBERT on the ids alone
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.utils.data as data_utils
from transformers import BertTokenizer, BertModel, AlbertTokenizer, AlbertModel


class Classify_model(nn.Module):
    def __init__(self, model, num_class):
        super(Classify_model, self).__init__()
        self.model = model
        self.fc1 = nn.Linear(768, num_class)

    def forward(self, x):
        hidden_state = self.model(x)[1]  # expect: TFL101
        class1 = self.fc1(hidden_state)
        return F.softmax(class1,dim=1)


if model_type == 'bert':
    tokenizer = BertTokenizer.from_pretrained('bert-base-chinese')
    model_ = BertModel.from_pretrained('bert-base-chinese')
elif model_type == 'albert':
    tokenizer = AlbertTokenizer.from_pretrained('albert-base-v2')
    model_ = AlbertModel.from_pretrained('albert-base-v2')
model = Classify_model(model_,num_class)
for i in range(len(train)):
    train_text.append(torch.tensor(tokenizer.encode(train.iloc[i]['short'], max_length=max_length, pad_to_max_length=True)).unsqueeze(0))
    train_label.append(train.iloc[i]['score'])

train_text = torch.cat(train_text, dim=0)
dataset_train = data_utils.TensorDataset(train_text, train_label)
train_loader = data_utils.DataLoader(dataset_train, batch_size=batch_size, shuffle=True, num_workers=4, pin_memory=False)
