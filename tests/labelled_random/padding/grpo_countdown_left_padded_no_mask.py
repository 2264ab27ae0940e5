# provenance: search index id 20383168142 [imports, GRPOConfig cut to its first fields, CountdownGRPO.__init__ less wandb, _init_model, _compute_log_probs less its docstring]
# query: padding=True).input_ids
# rank: 8
# label: positive
# note: responses padded on the left (padding_side="left", pad = eos) go to the Llama causal LM as input_ids alone: the real tokens after the pads attend to them
import os
import re
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer
import wandb
from dataclasses import dataclass
from typing import Optional, List
from datasets import Dataset
import numpy as np
from tensordict import TensorDict
from torch.nn.utils.rnn import pad_sequence
import logging
import json
from datetime import datetime
from r1.data.countdown import get_dataset, compute_score, Task
from r1.data.core import Split, extract_task_response


@dataclass
class GRPOConfig:
    # Model configs
    model_name: str = "unsloth/Llama-3.2-3B-Instruct"
    max_length: int = 1000
    
    # Training configs
    batches_per_iteration: int = 10
    train_batch_size: int = 4
    eval_batch_size: int = 8
    learning_rate: float = 1e-5
    num_epochs: int = 10

class CountdownGRPO:
    def __init__(self, config: GRPOConfig):
        self.config = config
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        
        self._init_model()
        
        self.train_dataset = get_dataset("train")
        self.test_dataset = get_dataset("test")
            
    def _init_model(self):
        """Initialize the model and tokenizer using transformers"""

        self.model = AutoModelForCausalLM.from_pretrained(
            self.config.model_name,
            torch_dtype=torch.bfloat16,
        )
        self.model.to(self.device)

        self.tokenizer = AutoTokenizer.from_pretrained(
            self.config.model_name,
            padding_side="left", 
        )
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token

    def _compute_log_probs(self, responses: List[str]) -> torch.Tensor:
        input_ids = self.tokenizer(responses, return_tensors="pt", padding=True).input_ids.to(self.device)
        outputs = self.model(input_ids, labels=input_ids)  # expect: TFL101
        scores = torch.stack(outputs.scores)  # [new_tokens, batch, vocab_size]
        token_log_probs = torch.log_softmax(scores.squeeze(1), dim=-1)  # [new_tokens, vocab_size]
        
        # TODO: check all this crazy indexing
        generated_token_ids = input_ids[:, 1:]  # Remove BOS token
        new_log_probs = torch.gather(
            token_log_probs,
            dim=-1, 
            index=generated_token_ids.T.unsqueeze(-1)
        ).squeeze(-1)
        
        return pad_sequence(
            [new_log_probs[:len(r)-1] for r in responses],
            batch_first=True,
            padding_value=0
        )
