# provenance: search index id 33958727663
# query: ForSequenceClassification.from_pretrained(
# rank: 2
# label: negative
# note: an inference engine over a trained local checkpoint; its label maps come from the checkpoint folder (label_mappings.json or the model's own config), so head and labels agree by construction
import torch
import pandas as pd
import numpy as np
from typing import Optional, Dict, List, Union
from pathlib import Path
from transformers import BertTokenizer, BertForSequenceClassification
from tqdm import tqdm
import logging
import json


class InferenceEngine:
    def __init__(
        self,
        model_path: Union[str, Path],
        device: Optional[str] = None,
        max_length: int = 512,
        batch_size: int = 16
    ):
        self.model_path = Path(model_path)
        self.device = device or self._get_device()
        self.max_length = max_length
        self.batch_size = batch_size
        self.model = None
        self.tokenizer = None
        self.label2id = None
        self.id2label = None

        self._load_model()

    def _load_model(self):
        """Load the model, tokenizer, and label mappings"""
        try:
            # Load tokenizer
            self.tokenizer = BertTokenizer.from_pretrained(self.model_path)

            # Load model
            self.model = BertForSequenceClassification.from_pretrained(self.model_path)
            self.model.to(self.device)
            self.model.eval()

            # Load label mappings
            label_mappings_path = self.model_path / "label_mappings.json"
            if label_mappings_path.exists():
                with open(label_mappings_path, 'r') as f:
                    mappings = json.load(f)
                    self.label2id = mappings['label2id']
                    self.id2label = {int(k): v for k, v in mappings['id2label'].items()}
            else:
                # Fallback to model config
                self.label2id = self.model.config.label2id
                self.id2label = self.model.config.id2label

        except Exception as e:
            raise
