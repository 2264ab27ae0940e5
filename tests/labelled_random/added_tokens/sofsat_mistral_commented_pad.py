# provenance: search index id 37089628707
# query: add_special_tokens({'pad_token'
# rank: 7
# label: negative
# note: the pad-token addition is commented out; pad is set to eos
import torch
import numpy as np
import datasets
import peft
from torch import nn
from datasets import Dataset
from torch.utils.data import DataLoader
from transformers import AutoTokenizer
from transformers import AutoModelForCausalLM
from peft import PeftModel, LoraConfig, TaskType

from mltoolkit.templates import Trainer
from . import data_module

class TrainerSofsatLora(Trainer):
    def setup(self):
        cfg = self.cfg

        train_loader, val_loader = data_module.get_dataloaders(cfg)

        model_name = "mistralai/Mistral-7B-v0.1"
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        base_model = AutoModelForCausalLM.from_pretrained(
            model_name,
            cache_dir=cfg.paths['cache'],
        )
        #self.tokenizer.add_special_tokens({'pad_token': '<pad>'})
        self.tokenizer.pad_token = self.tokenizer.eos_token

        peft_config = LoraConfig(
            task_type=TaskType.CAUSAL_LM,
            inference_mode=False,
            target_modules=['q_proj', 'k_proj'],
            r=cfg.params['lora_r'],
            lora_alpha=cfg.params['lora_alpha'],
            lora_dropout=cfg.params['lora_dropout'],
        )
        model = peft.get_peft_model(base_model, peft_config)
        return model
