# provenance: search index id 46060117076
# query: tokenizer.add_tokens(
# rank: 5
# label: negative
# note: geohash tokens "[xx]" are new to bert-base-chinese's vocabulary, and the Bert_geo model is resized right after loading
import sys, os
import torch
import torch.nn as nn
import csv, random, json
from argparse import ArgumentParser
from tqdm import tqdm
import numpy as np
import pickle, faiss
from transformers import AdamW, BertTokenizerFast
from contextlib import suppress

import model


def main(args):
    dict_geohash = load_geohash(args.geohash_path)

    # tokenizer
    tokenizer = BertTokenizerFast.from_pretrained(args.plm_path)
    print(len(tokenizer))
    geo_special_tokens_dict = ['['+gcd+']' for gcd in dict_geohash]
    tokenizer.add_tokens(geo_special_tokens_dict)
    print(len(tokenizer))

    # model
    itmodel = model.Bert_geo.from_pretrained(args.plm_path, args)
    itmodel.resize_token_embeddings(len(tokenizer))
    load_checkpoint(args.checkpoint_path, itmodel)
    itmodel = itmodel.cuda()
    itmodel.eval()
