# provenance: search index id 40134154004 [imports, the model's forward, the live part of the __main__ block]
# query: padding=True)["input_ids"]
# rank: 7
# label: negative
# note: one text ("你好") is tokenized, so nothing is padded; the model is the file's own LSTM classifier (the curated set holds a snippet of the same code)
import torch
import pytorch_lightning as pl

from torch import nn
from transformers import PretrainedConfig, PreTrainedModel


class SWCBiLSTMModel(PreTrainedModel, pl.LightningModule):
    def forward(self, input_ids, labels=None):
        input_ids = self.embedding(input_ids)
        input_ids = self.embedding_dropout(input_ids)

        out, _ = self.lstm(input_ids)
        logits = self.mlp(out[:, -1, :])

        from transformers.modeling_outputs import SequenceClassifierOutput

        loss = None
        if labels is not None:
            loss_fn = nn.CrossEntropyLoss()
            loss = loss_fn(logits.view(-1, self.config.num_classes), labels.view(-1))

        return SequenceClassifierOutput(
            loss=loss,
            logits=logits,
            hidden_states=None,
            attentions=None,
        )


if __name__ == "__main__":
    from transformers import AutoTokenizer, AutoModelForSequenceClassification

    tokenizer = AutoTokenizer.from_pretrained(
        "/home/momoia/codes/MiniLM2/models/tokenizers/tokenizer64k",
        trust_remote_code=True,
    )
    model = AutoModelForSequenceClassification.from_pretrained(
        "YamadaMano/SWCBiLSTM", trust_remote_code=True
    )
    input_ids = tokenizer("你好", return_tensors="pt", padding=True)["input_ids"]
    print(model.forward(input_ids))
