# provenance: search index id 8530468076 [imports, WorldModelDataset, the Trainer of SFTTrainer.train and the manual evaluation]
# query: padding="max_length"
# rank: 7
# label: negative
# note: the max_length-padded examples carry attention_mask into Trainer, and the manual evaluation passes it too
import asyncio
import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader
from transformers import (
    AutoTokenizer, AutoModelForCausalLM, TrainingArguments, 
    Trainer, DataCollatorForLanguageModeling, TrainerCallback
)
try:
    from peft import (
        LoraConfig, get_peft_model, TaskType, 
        PeftModel, PeftConfig, prepare_model_for_kbit_training
    )
    PEFT_AVAILABLE = True
except ImportError:
    PEFT_AVAILABLE = False
    LoraConfig = None

import json
import numpy as np
from dataclasses import dataclass, asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional, Any, Tuple, Union
import logging
import os

from tqdm.auto import tqdm

from ..utils.config import TrainingConfig
from ..utils.logging import get_logger
from ..training.dataGenerator import TrainingExample, DataGenerator


class WorldModelDataset(Dataset):
    def __init__(self, examples: List[TrainingExample], tokenizer: AutoTokenizer, 
                 max_length: int = 2048, include_thinking: bool = True):
        self.examples = examples
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.include_thinking = include_thinking
        
        # Set padding token if it doesn't exist
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        
        self.processed_examples = self._process_examples()
    
    def _process_examples(self) -> List[Dict[str, torch.Tensor]]:
        """Pre-process all examples for faster training."""
        processed = []
        
        for example in tqdm(self.examples, desc="Processing training data"):
            # Format the conversation
            text = self._format_example(example)
            
            # Tokenize
            encoding = self.tokenizer(
                text,
                truncation=True,
                max_length=self.max_length,
                padding="max_length",  # Pad to max_length for consistent batching
                return_tensors="pt"
            )
            
            input_ids = encoding['input_ids'].squeeze()
            attention_mask = encoding['attention_mask'].squeeze()
            
            # For causal LM, labels are the same as input_ids
            labels = input_ids.clone()
            
            # Find the model response start to only compute loss on model tokens
            model_start = self._find_assistant_start(input_ids)
            if model_start > 0:
                # Mask user tokens by setting them to -100 (ignored in loss)
                labels[:model_start] = -100
            
            processed.append({
                'input_ids': input_ids,
                'attention_mask': attention_mask,
                'labels': labels
            })
        
        return processed
    
    def __len__(self) -> int:
        return len(self.processed_examples)
    
    def __getitem__(self, idx: int) -> Dict[str, torch.Tensor]:
        return self.processed_examples[idx]

class SFTTrainer:
    def _create_data_collator(self) -> DataCollatorForLanguageModeling:
        """Create data collator for language modeling."""
        return DataCollatorForLanguageModeling(
            tokenizer=self.tokenizer,
            mlm=False,  # We're doing causal LM, not masked LM
            return_tensors="pt"
        )

    async def train(self, examples: List[TrainingExample], 
                   eval_split: float = 0.1,
                   resume_from_checkpoint: Optional[str] = None) -> Dict[str, Any]:
        if self.model is None:
            self._setup_model_and_tokenizer()
        train_examples, eval_examples = self._split_dataset(examples, eval_split)
        
        # Create datasets
        train_dataset = WorldModelDataset(
            train_examples, 
            self.tokenizer, 
            self.config.max_sequence_length
        )
        
        eval_dataset = None
        if eval_examples:
            eval_dataset = WorldModelDataset(
                eval_examples,
                self.tokenizer,
                self.config.max_sequence_length
            )
        
        # Create data collator
        data_collator = self._create_data_collator()
        
        # Setup training arguments
        training_args = self.config.to_training_args()
        
        # Create trainer
        self.trainer = Trainer(
            model=self.model,
            args=training_args,
            train_dataset=train_dataset,
            eval_dataset=eval_dataset,
            data_collator=data_collator,
            callbacks=[SFTTrainingCallback(self)]
        )

    async def evaluate(self, examples: List[TrainingExample]) -> Dict[str, float]:
        eval_dataset = WorldModelDataset(
            examples,
            self.tokenizer,
            self.config.max_sequence_length
        )
        
        # Manual evaluation
        self.model.eval()
        total_loss = 0.0
        total_samples = 0
        
        dataloader = DataLoader(
            eval_dataset, 
            batch_size=self.config.batch_size,
            collate_fn=self._create_data_collator()
        )
        
        with torch.no_grad():
            for batch in tqdm(dataloader, desc="Evaluating"):
                # Move to device
                if torch.cuda.is_available():
                    batch = {k: v.cuda() if isinstance(v, torch.Tensor) else v 
                            for k, v in batch.items()}
                
                # Forward pass
                outputs = self.model(**{k: v for k, v in batch.items() 
                                      if k in ['input_ids', 'attention_mask', 'labels']})
