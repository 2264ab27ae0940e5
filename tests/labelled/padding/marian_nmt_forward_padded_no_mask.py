# provenance: search index id 4670360850 [lines 1-3, 38-83]
# label: positive
# note: source sentences padded to the longest go into MarianMT's forward as input_ids alone (labels padded too): the encoder attends to the pads
import torch
import torch.nn as nn
from transformers import MarianMTModel, MarianTokenizer


class NMT(nn.Module):
    MODEL_MAPPING = {
        ('en', 'de'): 'Helsinki-NLP/opus-mt-en-de',
        ('de', 'en'): 'Helsinki-NLP/opus-mt-de-en',
    }

    def __init__(self):
        super(NMT, self).__init__()
        self.models = {}
        self.tokenizers = {}

    def load_language_pair(self, source_lang, target_lang):
        lang_pair = (source_lang, target_lang)
        if lang_pair not in self.models:
            model_name = self.MODEL_MAPPING[lang_pair]
            self.models[lang_pair] = MarianMTModel.from_pretrained(model_name)
            self.tokenizers[lang_pair] = MarianTokenizer.from_pretrained(model_name)

    def forward(self, source, target, source_lang, target_lang):
        lang_pair = (source_lang, target_lang)
        self.load_language_pair(source_lang, target_lang)

        source_ids = self.tokenizers[lang_pair](source, return_tensors="pt", padding=True, truncation=True).input_ids
        target_ids = self.tokenizers[lang_pair](target, return_tensors="pt", padding=True, truncation=True).input_ids

        outputs = self.models[lang_pair](input_ids=source_ids, labels=target_ids)  # expect: TFL101

        return outputs.loss
