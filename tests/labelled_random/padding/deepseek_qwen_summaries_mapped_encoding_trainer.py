# provenance: search index id 3504292711 [fine_tune; data preparation and cross-validation left out; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: padding="max_length").input_ids
# rank: 3
# label: negative
# note: the mapped inputs keep their attention_mask for Trainer; only the labels are padded ids taken alone
import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model, TaskType, prepare_model_for_kbit_training
from transformers import AutoTokenizer, AutoModelForCausalLM, Trainer, TrainingArguments, DataCollatorForSeq2Seq


def fine_tune(training_path, validation_path, output_dir):
    dataset = load_dataset("csv", data_files={"train": training_path, "validation": validation_path})
    model_name = "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B"
    model = AutoModelForCausalLM.from_pretrained(model_name, device_map="auto", torch_dtype=torch.bfloat16)
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = prepare_model_for_kbit_training(model)
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "v_proj"], task_type=TaskType.CAUSAL_LM))

    def preprocess_function(examples):
        inputs = [f"Summarize: {text}" for text in examples["text"]]
        model_inputs = tokenizer(inputs, max_length=3000, truncation=True, padding="max_length")
        labels = tokenizer(text_target=examples["summary"], max_length=100, truncation=True, padding="max_length").input_ids
        model_inputs["labels"] = labels
        return model_inputs

    tokenized_datasets = dataset.map(preprocess_function, batched=True)
    data_collator = DataCollatorForSeq2Seq(tokenizer, model=model)
    training_args = TrainingArguments(output_dir=output_dir, per_device_train_batch_size=1, num_train_epochs=4)
    trainer = Trainer(
        model=model,
        args=training_args,
        train_dataset=tokenized_datasets["train"],
        eval_dataset=tokenized_datasets["validation"],
        tokenizer=tokenizer,
        data_collator=data_collator,
    )
    trainer.train()
