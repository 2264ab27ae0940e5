# provenance: search index id 7963996926
# label: negative
# target: 4.57
# note: DistilBERT on 256-token reviews at batch 16: fits
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

model_name = "distilbert-base-uncased"
tokenizer = AutoTokenizer.from_pretrained(model_name)
model = AutoModelForSequenceClassification.from_pretrained(model_name, num_labels=2)


def tokenize(batch):
    return tokenizer(batch["text"], padding=True, truncation=True, max_length=256)


training_args = TrainingArguments(
    output_dir="./sentiment-model",
    evaluation_strategy="epoch",
    num_train_epochs=2,
    per_device_train_batch_size=16,
    per_device_eval_batch_size=32,
)

trainer = Trainer(model=model, args=training_args, train_dataset=tokenized["train"], eval_dataset=tokenized["test"])
trainer.train()
