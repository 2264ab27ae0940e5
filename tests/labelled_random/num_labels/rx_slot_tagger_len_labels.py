# provenance: search index id 71460121660
# query: ForTokenClassification.from_pretrained(
# rank: 2
# label: negative
# note: thirteen BIO tags, and the token head gets num_labels=len(LABELS) with both maps
import argparse, json, os, random, time
import numpy as np
import torch
from torch.utils.data import Dataset, DataLoader
from transformers import (AutoTokenizer, AutoModelForTokenClassification,
                          get_linear_schedule_with_warmup)
from seqeval.metrics import f1_score, classification_report

LABELS = ["O","B-DRUG","I-DRUG","B-DOSE","I-DOSE","B-UNIT","I-UNIT","B-ROUTE","I-ROUTE",
          "B-FREQ","I-FREQ","B-DURATION","I-DURATION"]
L2I = {l:i for i,l in enumerate(LABELS)}
I2L = {i:l for l,i in L2I.items()}
MODEL_ID = "distilbert-base-uncased"
MAXLEN = 96

def main(args):
    tok = AutoTokenizer.from_pretrained(MODEL_ID)
    model = AutoModelForTokenClassification.from_pretrained(
        MODEL_ID, num_labels=len(LABELS), id2label=I2L, label2id=L2I).to(args.device)
