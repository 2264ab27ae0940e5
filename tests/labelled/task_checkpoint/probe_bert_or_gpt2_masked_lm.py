# provenance: search index id 28532027133
# label: positive
# note: the bert branch is fine, but the gpt2 branch asks AutoModelForMaskedLM for a model type that has no masked-LM class
import torch.nn as nn
from transformers import AutoModelForMaskedLM, AutoTokenizer


class Prober(nn.Module):
    def __init__(self, lm="bert", p=0.15, mask_mode="random"):
        super().__init__()
        self.p = p
        self.mask_mode = mask_mode

        if lm == "bert":
            self.backbone = AutoModelForMaskedLM.from_pretrained("bert-base-uncased")
            self.tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
        elif lm == "gpt2":
            self.backbone = AutoModelForMaskedLM.from_pretrained("gpt2")  # expect: TFL301
            self.tokenizer = AutoTokenizer.from_pretrained("gpt2")
        else:
            raise ValueError("lm should be either bert or gpt2")
