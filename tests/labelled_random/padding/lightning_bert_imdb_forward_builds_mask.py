# provenance: search index id 13831591597 [sentimentClassifier, main; the flag definitions left out; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: pad_to_max_length=True)['input_ids']
# rank: 6
# label: negative
# note: only the padded input_ids are kept in the dataset, but the Lightning module's forward builds the mask from them (input_ids != 0, BERT's pad id) and passes it positionally
import torch as th
import pytorch_lightning as pl
import datasets
import transformers

batch_sizeVar = 8
modelVar = 'bert-base-uncased'
seq_lengthVar = 32


class sentimentClassifier(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.model = transformers.BertForSequenceClassification.from_pretrained(modelVar)
        self.loss = th.nn.CrossEntropyLoss(reduction='none')

    def prepare_data(self):
        tokenizer = transformers.BertTokenizer.from_pretrained(modelVar)

        def _tokenize(x):
            x['input_ids'] = tokenizer.batch_encode_plus(
                    x['text'],
                    max_length=seq_lengthVar,
                    pad_to_max_length=True)['input_ids']
            return x

        def _prepare_ds(split):
            ds = datasets.load_dataset('imdb', split=f'{split}[:5%]')
            ds = ds.map(_tokenize, batched=True)
            ds.set_format(type='torch', columns=['input_ids', 'label'])
            return ds

        self.train_ds, self.test_ds = map(_prepare_ds, ('train', 'test'))

    def forward(self, input_ids):
        mask = (input_ids != 0).float()
        logits, = self.model(input_ids, mask)
        return logits

    def training_step(self, batch, batch_idx):
        logits = self.forward(batch['input_ids'])
        loss = self.loss(logits, batch['label']).mean()
        return {'loss': loss}

    def train_dataloader(self):
        return th.utils.data.DataLoader(self.train_ds, batch_size=batch_sizeVar, drop_last=True, shuffle=True)

    def configure_optimizers(self):
        return th.optim.SGD(self.parameters(), lr=1e-2, momentum=0.9)


def main():
    model = sentimentClassifier()
    trainer = pl.Trainer(default_root_dir='logs', max_epochs=10)
    trainer.fit(model)


if __name__ == "__main__":
    main()
