# provenance: search index id 31807363500
# query: padding=True)['input_ids']
# rank: 9
# label: negative
# note: the padded ids are decoder_input_ids of mBART, whose decoder attends causally: right pads come after every real target token and reach none of them; the encoder gets embeddings, not ids
import torch
from transformers import MBartTokenizer, MBartModel
from torch import nn


class LanguageModule(nn.Module):
    def __init__(self, tgt_lang="de_DE"):
        super(LanguageModule, self).__init__()
        self.model = MBartModel.from_pretrained("/home/groups/auslan-ai/models/mbart-large-cc25")
        self.tokenizer = MBartTokenizer.from_pretrained("facebook/mbart-large-cc25", tgt_lang=tgt_lang)
        self.tgt_lang = tgt_lang
        self.targets = None

    def forward(self, x, target):
        self.targets = self.tokenizer(text_target=target, return_tensors="pt", padding=True)['input_ids']
        y = self.model(decoder_input_ids=self.targets, inputs_embeds=x)
        return y

    def generate(self, x):
        attention_mask = torch.ones(x.shape[:2], dtype=torch.long)
        decoder_input_ids = torch.ones((x.shape[0], 1), dtype=torch.long)*self.tokenizer.lang_code_to_id[self.tgt_lang]
        return self.mdoel.generate(attention_mask=attention_mask, decoder_input_ids=decoder_input_ids, inputs_embeds=x, max_length=100, num_beams=4)
