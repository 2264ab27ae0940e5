# provenance: search index id 44958740442 [imports, CrystalClip.__init__ (text encoder) and get_text_embeds]
# query: padding="longest"
# rank: 10
# label: negative
# note: the padded texts reach BERT with attention_mask=attention_mask
from typing import List

import torch
import torch.nn as nn
import torch.nn.functional as F
import pytorch_lightning as pl
from torch_geometric.data import Batch
from transformers import BertModel, BertTokenizer

from chemeleon.text_encoder import MODEL_NAMES
from chemeleon.modules.cspnet import CSPNet
from chemeleon.utils.scatter import scatter_mean, scatter_sum


class CrystalClip(pl.LightningModule):
    def __init__(self, _config):
        super().__init__()
        self.save_hyperparameters(_config)
        self.text_encoder_name = _config["text_encoder"]
        self.max_text_len = _config["max_text_len"]
        self.tokenizer = BertTokenizer.from_pretrained(self.text_encoder_name)
        self.text_encoder = BertModel.from_pretrained(self.text_encoder_name).to(
            self.device
        )
        self.text_encoder.train()

    def get_text_embeds(self, text: List[str]):
        tokenized = self.tokenizer.batch_encode_plus(
            text,
            padding="longest",
            max_length=self.max_text_len,
            truncation=True,
            return_tensors="pt",  # Returns torch.tensor instead of python integers
        )
        input_ids = tokenized.input_ids.to(self.device)
        attention_mask = tokenized.attention_mask.to(self.device)

        outputs = self.text_encoder(input_ids, attention_mask=attention_mask)
        class_token_embeds = outputs.last_hidden_state[:, 0, :]  # [B, text_embed_dim]
        text_embeds = self.text_proj(class_token_embeds)  # [B, clip_dim]
        return text_embeds
