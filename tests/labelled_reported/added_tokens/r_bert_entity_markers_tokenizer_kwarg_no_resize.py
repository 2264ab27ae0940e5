# provenance: mickeysjm/R-BERT bert.py 9bd7f07bd0f86275f1dd09cb26806ab48f550544 [train() without its optimizer, logging and step lines, main() without its device and logging setup, up to the training call; evaluate, caching and saving left out]
# thread: https://github.com/mickeysjm/R-BERT/issues/5
# query: IndexError: index out of range in self add_tokens
# rank: 1
# label: positive
# note: the entity markers [E11] [E12] [E21] [E22] are added through BertTokenizer.from_pretrained('bert-base-uncased', additional_special_tokens=...) (not in BERT's WordPiece vocabulary), the file's BERT classifier (a BertPreTrainedModel of model.py) is never resized, and the marked inputs reach it in train(): the thread's IndexError, fixed by resize_token_embeddings
import argparse
import glob
import logging
import os
import sys
import random
import torch.nn as nn
import numpy as np
import torch
import socket


from torch.utils.data import (DataLoader, RandomSampler, SequentialSampler,
                              TensorDataset)
from torch.utils.data.distributed import DistributedSampler
# from tensorboardX import SummaryWriter
from tqdm import tqdm, trange

from transformers import (WEIGHTS_NAME, BertConfig, BertTokenizer)

from transformers import AdamW, get_linear_schedule_with_warmup

from utils import (RELATION_LABELS, compute_metrics, convert_examples_to_features,
                   output_modes, data_processors)
import torch.nn.functional as F

from argparse import ArgumentParser
from config import Config
from model import BertForSequenceClassification
logger = logging.getLogger(__name__)
additional_special_tokens = ["[E11]", "[E12]", "[E21]", "[E22]"]


def train(config, train_dataset, model, tokenizer):
    """ Train the model """
    config.train_batch_size = config.per_gpu_train_batch_size * \
        max(1, config.n_gpu)
    if config.local_rank == -1:
        train_sampler = RandomSampler(train_dataset)
    else:
        DistributedSampler(train_dataset)

    train_dataloader = DataLoader(
        train_dataset, sampler=train_sampler, batch_size=config.train_batch_size)

    global_step = 0
    tr_loss, logging_loss = 0.0, 0.0
    model.zero_grad()
    train_iterator = trange(int(config.num_train_epochs),
                            desc="Epoch", disable=config.local_rank not in [-1, 0])
    for _ in train_iterator:
        epoch_iterator = tqdm(train_dataloader, desc="Iteration",
                              disable=config.local_rank not in [-1, 0])
        for step, batch in enumerate(epoch_iterator):
            model.train()
            batch = tuple(t.to(config.device) for t in batch)
            inputs = {'input_ids':      batch[0],
                      'attention_mask': batch[1],
                      # XLM and RoBERTa don't use segment_ids
                      'token_type_ids': batch[2],
                      'labels':      batch[3],
                      'e1_mask': batch[4],
                      'e2_mask': batch[5],
                      }

            outputs = model(**inputs)
            # model outputs are always tuple in pytorch-transformers (see doc)
            loss = outputs[0]
    return global_step, tr_loss / global_step


def main():
    parser = ArgumentParser(
        description="BERT for relation extraction (classification)")
    parser.add_argument('--config', dest='config')
    args = parser.parse_args()
    config = Config(args.config)

    # Prepare GLUE task
    processor = data_processors["semeval"]()
    output_mode = output_modes["semeval"]
    label_list = processor.get_labels()
    num_labels = len(label_list)

    # Load pretrained model and tokenizer
    if config.local_rank not in [-1, 0]:
        torch.distributed.barrier()
    # Make sure only the first process in distributed training will download model & vocab
    bertconfig = BertConfig.from_pretrained(
        config.pretrained_model_name, num_labels=num_labels, finetuning_task=config.task_name)
    # './large-uncased-model', num_labels=num_labels, finetuning_task=config.task_name)
    bertconfig.l2_reg_lambda = config.l2_reg_lambda
    bertconfig.latent_entity_typing = config.latent_entity_typing
    tokenizer = BertTokenizer.from_pretrained(  # expect: TFL701
        'bert-base-uncased', do_lower_case=True, additional_special_tokens=additional_special_tokens)
    # 'bert-large-uncased', do_lower_case=True, additional_special_tokens=additional_special_tokens)
    model = BertForSequenceClassification.from_pretrained(
        config.pretrained_model_name, config=bertconfig)
    # './large-uncased-model', config=bertconfig)

    if config.local_rank == 0:
        # Make sure only the first process in distributed training will download model & vocab
        torch.distributed.barrier()

    model.to(config.device)

    # Training
    if config.train:
        train_dataset = load_and_cache_examples(
            config, config.task_name, tokenizer, evaluate=False)
        global_step, tr_loss = train(config, train_dataset, model, tokenizer)
        logger.info(" global_step = %s, average loss = %s",
                    global_step, tr_loss)


if __name__ == "__main__":
    main()
