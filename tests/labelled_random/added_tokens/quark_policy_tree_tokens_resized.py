# provenance: search index id 4762343666
# query: tokenizer.add_tokens(
# rank: 10
# label: negative
# note: the reward tree tokens are added to GPT-2's tokenizer only under reward_cond, and the same branch resizes the model and initialises the new rows
import torch
import torch.nn.functional as F
import numpy as np
from typing import Union, List, Dict
from transformers import GPT2LMHeadModel, GPT2Tokenizer
from utils.constants import NEGATIVE_INF
from utils.utils import logits_to_entropy, mask_pad


class Policy:
    def __init__(self, model_name, temperature, device, reward_cond=False, tree_tokens=None):
        self.model = GPT2LMHeadModel.from_pretrained(model_name)
        self.device = device

        self.tokenizer = GPT2Tokenizer.from_pretrained(model_name, pad_token="<|endoftext|>")
        self.model.config.pad_token_id = self.tokenizer.pad_token_id

        if reward_cond:
            self.tokenizer.add_tokens(tree_tokens, special_tokens=True)

            weights = self.model.get_input_embeddings().weight.detach().numpy()
            mean_weights, std_weights = np.mean(weights, axis=0), np.std(weights, axis=0)
            new_inits = np.vstack([np.random.normal(loc=mean_weights, scale=std_weights) for _ in tree_tokens])

            self.model.resize_token_embeddings(len(self.tokenizer))
            with torch.no_grad():
                new_inits = torch.tensor(new_inits)
                self.model.get_input_embeddings().weight[-len(tree_tokens):, :] = new_inits

        self.model = self.model.to(self.device)
        self.model.parallelize()

        self.temperature = temperature
