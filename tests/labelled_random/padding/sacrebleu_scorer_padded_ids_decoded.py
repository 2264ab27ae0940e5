# provenance: search index id 6379702065
# query: padding=True)["input_ids"]
# rank: 10
# label: negative
# note: the padded ids are only decoded for a BLEU score; no model receives them
import torch
from torchtext.data.metrics import bleu_score

from transformers import AutoTokenizer

import ctypes
from abc import ABC, abstractmethod


class BaseScorer(ABC):
    @abstractmethod
    def score(self, refs, preds) -> float:
        pass
        

class SacreBLEU(BaseScorer):
    def __init__(self, n_gram, model_tokenizer, metric_tokenizer):
        self.n_gram = n_gram
        self.model_tok = model_tokenizer
        self.metric_tok = metric_tokenizer

    def score(self, refs: torch.Tensor, preds: torch.Tensor):
        decoded_refs = self.model_tok.batch_decode(refs, skip_special_tokens=True)
        decoded_preds = self.model_tok.batch_decode(preds, skip_special_tokens=True)
        
        refs_tokens = [
            [self.metric_tok.tokenize(rs)] for rs in decoded_refs
        ]
        preds_tokens = [
            self.metric_tok.tokenize(rs) for rs in decoded_preds
        ]

        return bleu_score(preds_tokens, refs_tokens, max_n=self.n_gram, weights=[1./self.n_gram]*self.n_gram)


if __name__ == "__main__":
    a = ["hello everyone", "my name is kevin."]
    b = ["hello mike", "my name is kelvin."]
    model_tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    metric_tok = AutoTokenizer.from_pretrained("google/electra-small-discriminator")

    a = model_tok(a, return_tensors='pt', padding=True)["input_ids"]
    b = model_tok(b, return_tensors='pt', padding=True)["input_ids"]

    scorer = SacreBLEU(
        2, 
        model_tok,
        metric_tok
    )

    print(scorer.score(a, b))
