# provenance: search index id 61419738791 [imports, VADataset, RegressorModel less its freeze helpers, train_regressor_epoch]
# query: padding="max_length"
# rank: 1
# label: negative
# note: rows padded to max_length keep their attention_mask through the Dataset and the loop passes it to the backbone
import torch.nn as nn
from torch.utils.data import Dataset
from transformers import AutoModel
from tqdm import tqdm

import torch

from root_mse import rmse

CLS_SIZE = 768

class VADataset(Dataset):
    def __init__(self, dataframe, tokenizer, max_len=128):
        self.sentences = dataframe["Text"].tolist()
        self.aspects = dataframe["Aspect"].tolist()
        self.va_labels = dataframe[["Valence", "Arousal"]].values.astype(float)  # VA scores
        self.tokenizer = tokenizer
        self.max_len = max_len

    def __len__(self):
        return len(self.sentences)

    def __getitem__(self, idx):
        text = f"{self.aspects[idx]}: {self.sentences[idx]}"
        encoded = self.tokenizer(
            text,
            truncation=True,
            padding="max_length", 
            max_length=self.max_len,
            return_tensors="pt"
        )
        
        return {
            "input_ids": encoded["input_ids"].squeeze(0),
            "attention_mask": encoded["attention_mask"].squeeze(0),
            "va_labels": torch.tensor(self.va_labels[idx], dtype=torch.float)  # For regression
        }

class RegressorModel(nn.Module):
    def __init__(self, model_name="distilbert-base-multilingual-cased", dropout=0.1, 
                 hidden_dims=[384], activation='none'):
        super().__init__()
        self.backbone = AutoModel.from_pretrained(model_name)
        self.dropout = nn.Dropout(dropout)
        
        layers = []
        input_dim = CLS_SIZE
        
        for hidden_dim in hidden_dims:
            layers.append(nn.Linear(input_dim, hidden_dim))
            layers.append(self._get_activation(activation))
            input_dim = hidden_dim
        
        layers.append(nn.Linear(input_dim, 2))
        
        self.reg_head = nn.Sequential(*layers)
    
    def _get_activation(self, activation):
        activations = {
            'relu': nn.ReLU(),
            'leaky_relu': nn.LeakyReLU(0.3),
            'gelu': nn.GELU(),
            'elu': nn.ELU(),
            'none': nn.Identity()  # No activation
        }
        return activations.get(activation, nn.Identity())
 
    def forward(self, input_ids, attention_mask):
        outputs = self.backbone(input_ids=input_ids, attention_mask=attention_mask)
        hidden_states = outputs.last_hidden_state        
        cls_output = hidden_states[:, 0]  # first token = [CLS]
        cls_output = self.dropout(cls_output)
        va_scores = self.reg_head(cls_output)
        
        return va_scores

def train_regressor_epoch(model, dataloader, optimizer, va_loss_fn, device):
    model.train()
    total_loss = 0

    for batch in tqdm(dataloader):
        input_ids = batch["input_ids"].to(device)
        attention_mask = batch["attention_mask"].to(device)
        va_labels = batch["va_labels"].to(device) 

        optimizer.zero_grad()
        
        va_scores = model(input_ids, attention_mask)
        
        va_loss = va_loss_fn(va_scores, va_labels)
        
        va_loss.backward()
        optimizer.step()
        total_loss += va_loss.item()
    
    return total_loss / len(dataloader)
