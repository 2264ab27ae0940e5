# provenance: search index id 48866802699
# target: 4.57
# label: negative
# note: Mistral-7B is frozen under LoRA (only adapter weights train) at batch 1: about 29 GB of float32 weights plus activations, which fits an 80 GiB GPU
from __future__ import annotations

from peft import LoraConfig, get_peft_model
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)


def finetune(
    model_name: str = "mistralai/Mistral-7B-v0.1",
    output_dir: str = "lora_mistral",
) -> None:
    """Fine-tune `model_name` with LoRA parameters on the TAT-QA dataset."""

    model = AutoModelForCausalLM.from_pretrained(model_name)
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token

    config = LoraConfig(
        r=8,
        lora_alpha=16,
        target_modules=["q_proj", "v_proj"],
        lora_dropout=0.1,
    )
    model = get_peft_model(model, config)

    args = TrainingArguments(
        output_dir=output_dir,
        per_device_train_batch_size=1,
        per_device_eval_batch_size=1,
        num_train_epochs=1,
        evaluation_strategy="epoch",
        save_strategy="epoch",
        logging_steps=10,
    )

    trainer = Trainer(model=model, args=args, tokenizer=tokenizer)
    trainer.train()
