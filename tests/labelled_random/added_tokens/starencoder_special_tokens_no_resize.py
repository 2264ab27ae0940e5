# provenance: search index id 47180217412
# query: add_special_tokens({"pad_token": "<pad>"})
# rank: 9
# label: negative
# note: <pad>/<sep>/<cls>/<mask> are added to bigcode/starencoder's tokenizer with no resize, but StarEncoder was pre-trained with exactly these four tokens (its embedding has 49156 rows, StarCoder's 49152 plus four), so the ids stay inside the matrix; decided from the published model, as the original bigcode-encoder code this adapts does the same
from abc import ABC, abstractmethod
import argparse
import json
import linecache
import random
from typing import Dict, List, Union

import torch
import tqdm
import torchmetrics
from transformers import AutoModel, AutoTokenizer
import wandb


# Code adapted from https://github.com/bigcode-project/bigcode-encoder
class BaseEncoder(torch.nn.Module, ABC):
    def __init__(self, device, max_input_len, maximum_token_len, model_name):
        super().__init__()

        self.device = device
        self.model_name = model_name
        self.tokenizer = self.prepare_tokenizer()
        self.encoder = (
            AutoModel.from_pretrained(model_name, use_auth_token=True)
            .to(self.device)
            .eval()
        )
        self.device = device
        self.max_input_len = max_input_len
        self.maximum_token_len = maximum_token_len

    def prepare_tokenizer(self):
        try:
            tokenizer = AutoTokenizer.from_pretrained(self.model_name)
        except OSError:
            tokenizer = AutoTokenizer.from_pretrained(
                self.model_name, use_auth_token=True
            )

        tokenizer.add_special_tokens({"pad_token": "<pad>"})
        tokenizer.add_special_tokens({"sep_token": "<sep>"})
        tokenizer.add_special_tokens({"cls_token": "<cls>"})
        tokenizer.add_special_tokens({"mask_token": "<mask>"})
        return tokenizer

    @abstractmethod
    def forward(
        self,
    ):
        pass


class StarEncoder(BaseEncoder):
    def __init__(self, device, max_input_len, maximum_token_len):
        super().__init__(
            device, max_input_len, maximum_token_len, model_name="bigcode/starencoder"
        )

    def set_device(self, inputs: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
        output_data = {}
        for k, v in inputs.items():
            output_data[k] = v.to(self.device)

        return output_data

    def forward(self, input_sentences):
        inputs = self.tokenizer(
            [f"<cls>{sentence}<sep>" for sentence in input_sentences],
            padding="longest",
            max_length=self.maximum_token_len,
            truncation=True,
            return_tensors="pt",
        )

        outputs = self.encoder(**self.set_device(inputs))
        embedding = self.pool_and_normalize(
            outputs.hidden_states[-1], inputs.attention_mask
        )

        return embedding


class FileDataset(torch.utils.data.Dataset):
    def __init__(self, config, encoder, filename):
        self.config = config
        self.encoder = encoder
        self.filename = filename

        # Count the number of lines in the file
        with open(filename) as f:
            self.max_lines = 0
            for line in f:
                self.max_lines += 1

    def __len__(self):
        return self.max_lines

    def __getitem__(self, idx):
        # Load the line of JSON from the file and
        # serialize the object with indentation
        line = linecache.getline(self.filename, idx + 1)
        obj = json.loads(line)
        tok_str = json.dumps(obj["obj"], indent=4)

        if len(tok_str) <= 1024:
            # Get the embedding of the serialized object
            embedding = self.encoder([tok_str])[0]


def main(config, args):
    # Build an encoder for generating the input
    starencoder = StarEncoder("cuda:0", 10000, 1024)

    # Prepare to load the dataset
    data = FileDataset(config, starencoder, args.training_data)
