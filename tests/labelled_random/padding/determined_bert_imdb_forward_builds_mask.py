# provenance: search index id 19702787271 [the trial class without its optimizer wrapping and evaluation; the tokenization, data flow and model calls as in the file]
# query: pad_to_max_length=True)['input_ids']
# rank: 3
# label: negative
# note: only the padded input_ids are kept in the dataset, but the trial's forward builds the mask from them (input_ids != 0, BERT's pad id) and passes it positionally
from typing import Dict, Sequence, Union
import torch

from determined.pytorch import DataLoader, PyTorchTrial, PyTorchTrialContext
import transformers
import nlp


class BertIMDBPyTorch(PyTorchTrial):
    def __init__(self, context: PyTorchTrialContext):
        self.context = context
        self.model = self.context.wrap_model(
                transformers.BertForSequenceClassification.from_pretrained("bert-base-uncased"))
        self.loss = torch.nn.CrossEntropyLoss(reduction='none')
        self.prepare_data()

    def prepare_data(self):
        tokenizer = transformers.BertTokenizer.from_pretrained("bert-base-uncased")

        def _tokenize(x):
            x['input_ids'] = tokenizer.batch_encode_plus(
                    x['text'],
                    max_length=32,
                    pad_to_max_length=True)['input_ids']
            return x

        def _prepare_ds(split):
            ds = nlp.load_dataset('imdb', split=f"{split}[:1%]")
            ds = ds.map(_tokenize, batched=True)
            ds.set_format(type='torch', columns=['input_ids', 'label'])
            return ds

        self.train_ds, self.test_ds = map(_prepare_ds, ('train', 'test'))

    def build_training_data_loader(self):
        return DataLoader(self.train_ds, drop_last=True, batch_size=self.context.get_per_slot_batch_size())

    def forward(self, input_ids):
        mask = (input_ids != 0).float()
        logits, = self.model(input_ids, mask)
        return logits

    def train_batch(self, batch, epoch_idx, batch_idx):
        logits = self.forward(batch['input_ids'])
        loss = self.loss(logits, batch['label']).mean()
        self.context.backward(loss)
        return {"loss": loss}
