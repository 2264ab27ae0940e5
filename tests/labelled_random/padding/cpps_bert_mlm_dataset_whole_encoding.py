# provenance: search index id 8275771041
# query: padding='max_length')['input_ids']
# rank: 4
# label: negative
# note: the dataset items carry every field of the padded encoding (attention_mask included) to Trainer; only the labels are the padded ids taken alone
from transformers import BertTokenizer, BertForMaskedLM, Trainer, TrainingArguments
import torch

tokenizer = BertTokenizer.from_pretrained('bert-base-uncased')
model = BertForMaskedLM.from_pretrained('bert-base-uncased')

sentences = [
    "The transformer is operating at [MASK] temperature.",
    "The substation voltage is [MASK] kV.",
]

inputs = tokenizer(sentences, return_tensors='pt', max_length=512, truncation=True, padding='max_length')

labels = tokenizer(sentences, return_tensors='pt', max_length=512, truncation=True, padding='max_length')['input_ids']


class CPPSDataset(torch.utils.data.Dataset):
    def __init__(self, encodings, labels):
        self.encodings = encodings
        self.labels = labels

    def __getitem__(self, idx):
        item = {key: torch.tensor(val[idx]) for key, val in self.encodings.items()}
        item['labels'] = torch.tensor(self.labels[idx])
        return item

    def __len__(self):
        return len(self.labels)


dataset = CPPSDataset(inputs, labels)

training_args = TrainingArguments(
    output_dir='./results',
    num_train_epochs=3,
    per_device_train_batch_size=4,
    save_steps=10,
    save_total_limit=2,
)

trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=dataset,
)

trainer.train()
