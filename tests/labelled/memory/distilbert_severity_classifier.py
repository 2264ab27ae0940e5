# provenance: search index id 40006391871
# label: negative
# target: 4.57
# note: DistilBERT at batch 16 fits any GPU by far, even in float32
from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments

model_name = "distilbert-base-uncased"
model = AutoModelForSequenceClassification.from_pretrained(model_name, num_labels=4)

training_args = TrainingArguments(
    output_dir="./results",
    evaluation_strategy="epoch",
    save_strategy="epoch",
    learning_rate=2e-5,
    per_device_train_batch_size=16,
    per_device_eval_batch_size=16,
    num_train_epochs=5,
    weight_decay=0.01,
    load_best_model_at_end=True,
)

trainer = Trainer(model=model, args=training_args, train_dataset=tokenized_datasets["train"],
                  eval_dataset=tokenized_datasets["test"])
trainer.train()
