# provenance: search index id 39517652066 [imports, bert_tokenizer, bert_model, embedded]
# query: pad_to_max_length
# rank: 8
# label: positive
# note: a text padded to max_length=16 with tokenizer.encode (ids only) goes to BERT without a mask: the embeddings of shorter texts attend to the pads
import csv
import re
import http.client
import urllib.parse

import torch
from transformers import BertModel, BertTokenizer

class NetworkError(Exception):
    pass

def is_nonalphabetic(text):
    return len(text) > 0 and len(re.sub('[^\\W0-9]', '', text)) / len(text) >= 0.65

def bert_tokenizer():
    return BertTokenizer.from_pretrained('bert-base-uncased')

def bert_model(path):
    return BertModel.from_pretrained(path)

def embedded(text, model, tokenizer, max_length=16):
    """
    Return embedding matrix for the whole text.
    """
    input_ids = torch.tensor([tokenizer.encode(text, add_special_tokens=True,
        max_length=max_length, pad_to_max_length=True)])
    with torch.no_grad():
        return model(input_ids)[0]  # expect: TFL101
