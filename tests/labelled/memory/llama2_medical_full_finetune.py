# provenance: search index id 10455015947
# label: positive
# target: 4.57
# note: full fine-tune of Llama-2-7b in float32 (no torch_dtype under 4.x): weights, gradients and AdamW states alone are ~108 GB
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments
from datasets import load_from_disk

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")

tokenized_dataset = load_from_disk('tokenized_llama_medical_dialogue')

training_args = TrainingArguments(
    output_dir="./llama_finetuned",
    evaluation_strategy="epoch",
    learning_rate=2e-5,
    per_device_train_batch_size=8,  # expect: TFL401
    num_train_epochs=3,
    weight_decay=0.01,
    logging_dir='./logs',
)

trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=tokenized_dataset["train"],
    eval_dataset=tokenized_dataset["validation"]
)

trainer.train()
