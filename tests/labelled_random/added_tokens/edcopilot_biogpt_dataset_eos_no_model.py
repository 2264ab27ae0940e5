# provenance: search index id 46665280460
# query: add_special_tokens(
# rank: 10
# label: negative
# note: a Dataset class: "[EOS]" is added to BioGPT's tokenizer only when missing, and no model in the file receives the ids
import torch
from torch.utils.data import Dataset
from transformers import AutoTokenizer
import pandas as pd
import ast

class EDCopilotDataset(Dataset):
    def __init__(
        self,
        data_path: str,
        tokenizer_name: str = "microsoft/BioGPT",
        max_length: int = 656  # Conforme paper
    ):
        self.df = pd.read_parquet(data_path)
        self.tokenizer = AutoTokenizer.from_pretrained(tokenizer_name)
        self.max_length = max_length
        
        # Adiciona token [EOS] se não existir
        if '[EOS]' not in self.tokenizer.vocab:
            self.tokenizer.add_special_tokens({'additional_special_tokens': ['[EOS]']})
        
        # Mapeamento de grupos para IDs
        self.group_to_id = {
            'CBC': 0, 'CHEM': 1, 'COAG': 2, 'UA': 3,
            'LACTATE': 4, 'LFTs': 5, 'LIPASE': 6, 'LYTES': 7,
            'BLOOD_GAS': 8, 'CARDIO': 9, 'TOX': 10, 'INFLAM': 11
        }
        self.num_groups = len(self.group_to_id)
