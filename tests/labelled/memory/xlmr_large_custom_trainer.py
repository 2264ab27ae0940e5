# provenance: search index id 34721545270
# label: negative
# note: XLM-RoBERTa-large (560M parameters) fully fine-tuned at batch 8: about 9 GB of weights, gradients and Adam states plus activations at up to 512 tokens, far below 80 GiB
import torch
from transformers import Trainer, TrainingArguments, XLMRobertaForSequenceClassification

class CustomTrainer(Trainer):
    def compute_loss(self, model, inputs, return_outputs=False):
        labels = inputs.pop("labels")
        outputs = model(**inputs)
        logits = outputs.logits
        loss_fn = torch.nn.CrossEntropyLoss()
        loss = loss_fn(logits, labels)
        return (loss, outputs) if return_outputs else loss

model = XLMRobertaForSequenceClassification.from_pretrained("xlm-roberta-large", num_labels=2)

training_args = TrainingArguments(
    per_device_train_batch_size=8,
    num_train_epochs=3,
    evaluation_strategy="epoch",
    logging_dir="./logs",
    output_dir="./results",
)

trainer = CustomTrainer(
    model=model,
    args=training_args,
    train_dataset=train_dataset,
    eval_dataset=eval_dataset,
)

trainer.train()
