# provenance: search index id 44540335542
# query: add_special_tokens({'pad_token'
# rank: 6
# label: negative
# note: "[PAD]" is added only if the tokenizer has no pad token; the tokenizer is a BERT one (its config is loaded with BertConfig), which has [PAD], so nothing is added
import os
import random
from typing import Dict
import wandb
from sklearn.model_selection import train_test_split
import torch
import yaml
from transformers import AutoTokenizer, BertConfig, TrainingArguments
from src.training.trainer import MultiTaskTrainer
from src.utils.file_manager import read_jsonl
from src.data import PretrainDataset, Collator
from src.models import BusinessBERT2Pretrain
from src.utils.arg_parser import parse_cli_args
from src.utils.taxonomy import build_taxonomy_maps


def setup_tokenizer(base_tokenizer: str):
    tokenizer = AutoTokenizer.from_pretrained(base_tokenizer, use_fast=True)
    if tokenizer.pad_token is None:
        tokenizer.add_special_tokens({'pad_token': '[PAD]'})
    return tokenizer


def main(config):
    tokenizer = setup_tokenizer(config["base_tokenizer"])
    dataset = read_jsonl(config["jsonl_path"])
    train_rows, val_rows = train_test_split(
        dataset,
        test_size=config["val_ratio"],
        shuffle=True,
        random_state=config.get("seed", 42),
    )

    taxonomy_maps = build_taxonomy_maps(dataset, config["field_sic2"], config["field_sic3"], config["field_sic4"])
    train_dataset = PretrainDataset(train_rows, tokenizer, config["max_seq_len"], taxonomy_maps["idx2"], taxonomy_maps["idx3"], taxonomy_maps["idx4"], preprocess_device="cpu")
    val_dataset   = PretrainDataset(val_rows,   tokenizer, config["max_seq_len"], taxonomy_maps["idx2"], taxonomy_maps["idx3"], taxonomy_maps["idx4"], preprocess_device="cpu")

    data_collator = Collator(tokenizer=tokenizer)

    # ---------------- Model ----------------
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    bert_config = BertConfig.from_pretrained(config["base_tokenizer"])

    model = BusinessBERT2Pretrain(
        config=bert_config,
        n_sic2_classes=len(taxonomy_maps["sic2_list"]),
        n_sic3_classes=len(taxonomy_maps["sic3_list"]),
        n_sic4_classes=len(taxonomy_maps["sic4_list"]),
        A32=taxonomy_maps["A32"].to(device) if len(taxonomy_maps["sic3_list"]) and len(taxonomy_maps["sic2_list"]) else torch.empty(0),
        A43=taxonomy_maps["A43"].to(device) if len(taxonomy_maps["sic4_list"]) and len(taxonomy_maps["sic3_list"]) else torch.empty(0),
        loss_weights=config["loss_weights"],
    )

    model.to(device)

    training_args = TrainingArguments(
        output_dir=config["save_dir"],
        max_steps=config["max_steps"],
    )

    # Initialize trainer
    trainer = MultiTaskTrainer(
        model=model,
        args=training_args,
        train_dataset=train_dataset,
        eval_dataset=val_dataset,
        data_collator=data_collator,
        taxonomy_maps=taxonomy_maps,
        total_steps=config["max_steps"],
    )

    # Train
    trainer.train()
