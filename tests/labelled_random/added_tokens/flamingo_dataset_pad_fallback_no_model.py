# provenance: search index id 54580184210
# query: add_special_tokens(
# rank: 1
# label: negative
# note: a dataset module: "[PAD]" is added only to a tokenizer with neither pad nor eos token, and no model in the file receives the tokenizer's ids (the excerpt is the dataset class around the hit; the file holds only dataset classes)
import os, sys, json, random, traceback
from typing import Any, Dict, List, Tuple, Optional

import torch
from torch.utils.data import Dataset
from PIL import Image


class FlamingoPretrainDataset(Dataset):
    def __init__(self, config, transform) -> None:
        super().__init__()
        print("<pretrain_dataset.py -> FlamingoPretrainDataset init()>")

        self.annotations: List[dict] = []

        # ---- (2) 공통 키 ----
        self.image_key = config["image_key"]
        self.caption_key = config["caption_key"]
        self.dataset_key = config["dataset_key"]
        self.transform = transform
        # ---- (3) 이미지 변환 ----
        self.tokenizer = config.get("tokenizer_obj", None)
        self.image_processor = config.get("image_processor_obj", None)

        if self.tokenizer is None:
            # 폴백: config에 tokenizer_name_or_path를 넣어둔 경우
            tok_name = config.get("tokenizer_name_or_path", None)
            if tok_name is None:
                raise ValueError("FlamingoPretrainDataset needs tokenizer_obj or tokenizer_name_or_path in config.")
            self.tokenizer = AutoTokenizer.from_pretrained(tok_name, use_fast=True)

        # pad 토큰 안정화 (Flamingo/LM계열에서 pad가 없을 수 있음)
        if getattr(self.tokenizer, "pad_token_id", None) is None:
            if getattr(self.tokenizer, "eos_token", None) is not None:
                self.tokenizer.pad_token = self.tokenizer.eos_token
            else:
                # 최후의 수단
                self.tokenizer.add_special_tokens({"pad_token": "[PAD]"})

        # ---- (4) 텍스트 변환: Flamingo는 LM tokenizer를 써야 함 ----
        self.max_tokens = int(config.get("max_tokens", 256))
        self.max_words = int(config.get("max_words", 40))
