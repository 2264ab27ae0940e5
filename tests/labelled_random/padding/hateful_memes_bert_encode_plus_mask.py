# provenance: search index id 26365091 [imports, HatefulMemesSemiBERTDataset.__getitem__]
# query: pad_to_max_length
# rank: 5
# label: negative
# note: each caption padded to 32 reaches BERT with attention_mask=encoding["attention_mask"]
import json
import logging
from pathlib import Path
import random
import tarfile
import tempfile
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pandas_path
from PIL import Image
import torch

from torch.nn.utils.rnn import pad_sequence


class HatefulMemesSemiBERTDataset(torch.utils.data.Dataset):

    def __getitem__(self, idx):
        """This method is called when you do instance[key]
        for an instance of this class.
        """
        if torch.is_tensor(idx):
            idx = idx.tolist()

        img_id = self.samples_frame.loc[idx, "id"]

        image = Image.open(self.samples_frame.loc[idx, "img"]).convert("RGB")
        image = self.image_transform(image)

        text = self.samples_frame.loc[idx, "text"]
        if self.text_transform is not None:
            text = self.text_transform(text)
        (tokenizer, bert_model) = self.text_encoder
        if type(text) is tuple:
            encoding = tokenizer.encode_plus(
                text[0],
                max_length=32,
                add_special_tokens=True,  # Add '[CLS]' and '[SEP]'
                return_token_type_ids=False,
                pad_to_max_length=True,
                return_attention_mask=True,
                return_tensors="pt",  # Return PyTorch tensors
            )
            out = bert_model(
                input_ids=encoding["input_ids"],
                attention_mask=encoding["attention_mask"],
            )
            temp = (
                out[-1].squeeze()
                if type(out) is tuple
                else out["pooler_output"].squeeze()
            )
            encoding = tokenizer.encode_plus(
                text[1],
                max_length=32,
                add_special_tokens=True,  # Add '[CLS]' and '[SEP]'
                return_token_type_ids=False,
                pad_to_max_length=True,
                return_attention_mask=True,
                return_tensors="pt",  # Return PyTorch tensors
            )
            out = bert_model(
                input_ids=encoding["input_ids"],
                attention_mask=encoding["attention_mask"],
            )
            temp2 = (
                out[-1].squeeze()
                if type(out) is tuple
                else out["pooler_output"].squeeze()
            )
            text = (temp, temp2)
        else:
            encoding = tokenizer.encode_plus(
                text,
                max_length=32,
                add_special_tokens=True,  # Add '[CLS]' and '[SEP]'
                return_token_type_ids=False,
                pad_to_max_length=True,
                return_attention_mask=True,
                return_tensors="pt",  # Return PyTorch tensors
            )
            out = bert_model(
                input_ids=encoding["input_ids"],
                attention_mask=encoding["attention_mask"],
            )
            text = (
                out[-1].squeeze()
                if type(out) is tuple
                else out["pooler_output"].squeeze()
            )
