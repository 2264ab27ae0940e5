# provenance: search index id 36716675307 [imports, LatencyDatasetGenerator.__init__ and get_latency_eval_subtransformer]
# query: padding="longest"
# rank: 1
# label: negative
# note: tokenizer.pad builds each batch's attention mask and the model gets **batch (a project's own BERT class)
import numpy as np
import matplotlib.pyplot as plt
import random
import time
from prepare_task import GlueTask
import argparse
import torch
from torch.utils.data import DataLoader
from tqdm import tqdm
from accelerate import Accelerator, DistributedType
from datasets import load_dataset, load_metric
from transformers import (
    AdamW,
    AutoTokenizer,
    get_linear_schedule_with_warmup,
    set_seed,
    AutoConfig,
)
from custom_bert import BertForSequenceClassification
import os
from pprint import pprint
import pandas as pd

class LatencyDatasetGenerator():
    def __init__(
            self,
            datasize=2000,
            task = "sst2",
            model_name_or_path = "bert-base-uncased",
            use_pretrained_supertransformer = False,  
            output_dir = "checkpoints",
            max_seq_length = 128,
            per_gpu_eval_batch_size = 64,
            gradient_accumulation_steps = 1,
            fp16 = True,
            cpu = False,
            seed = 42
        ):

        # Initialize accelerator
        accelerator = Accelerator(fp16=fp16, cpu=cpu)

        print("Running on: ", accelerator.device)

        # for now correcting adam bias is hardcoded to True
        correct_bias = True
        seed = int(seed)
        per_gpu_eval_batch_size = int(per_gpu_eval_batch_size)

        set_seed(seed)
        config = self.get_supertransformer_config()
        use_pretained = use_pretrained_supertransformer
        model_checkpoint = model_name_or_path

        glue_task = GlueTask(
            task, model_checkpoint, config, initialize_pretrained_model=use_pretained
        )

        def collate_fn(examples):
            # On TPU it's best to pad everything to the same length or training will be very slow.
            if accelerator.distributed_type == DistributedType.TPU:
                return glue_task.tokenizer.pad(
                    examples,
                    padding="max_length",
                    max_length=max_seq_length,
                    return_tensors="pt",
                )
            return glue_task.tokenizer.pad(examples, padding="longest", return_tensors="pt")

        # Instantiate dataloader
        eval_dataloader = DataLoader(
            glue_task.eval_dataset,
            shuffle=False,
            collate_fn=collate_fn,
            batch_size=per_gpu_eval_batch_size,
        )

        model = glue_task.model
        metric = glue_task.metric
        model = model.to(accelerator.device)

        self.model = model
        self.accelerator = accelerator
        self.eval_dataloader = eval_dataloader
        self.metric = metric
        self.task = task

    # Function to get Latency and Eval metrics:
    def get_latency_eval_subtransformer(
        self, model, config, eval_dataloader, accelerator, metric, task="sst2"
    ):
        # Set the subtransformer configuration:
        model.set_sample_config(config=config)

        # Inference of subtransformer:
        model.eval()
        for step, batch in enumerate(eval_dataloader):
            # We could avoid this line since we set the accelerator with `device_placement=True`.
            batch.to(accelerator.device)
            with torch.no_grad():
                outputs = model(**batch)
            if task == "stsb":
                predictions = predictions[:, 0]
            else:
                predictions = outputs.logits.argmax(dim=-1)
