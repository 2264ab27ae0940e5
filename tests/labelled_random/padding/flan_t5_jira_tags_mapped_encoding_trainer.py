# provenance: search index id 19383660150 [load_dataset's model, preprocessing and Trainer; the text cleaning and tag generation trimmed; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: padding="max_length").input_ids
# rank: 4
# label: negative
# note: the mapped inputs keep input_ids and attention_mask (set_format keeps both) for Trainer; only the labels are padded ids taken alone
from datasets import DatasetDict, Dataset
from peft import LoraConfig, get_peft_model
from transformers import T5ForConditionalGeneration, Trainer, DataCollatorForSeq2Seq, AutoTokenizer, TrainingArguments


def load_dataset(content_data):
    model_name = "google/flan-t5-base"
    split = Dataset.from_list(content_data).train_test_split(test_size=0.1, seed=42)
    dataset_dict = DatasetDict({"train": split["train"], "validation": split["test"]})
    tokenizer = AutoTokenizer.from_pretrained(model_name)

    def preprocess(batch):
        inputs = batch["input"]
        targets = batch["output"]
        model_inputs = tokenizer(inputs, max_length=512, truncation=True, padding="max_length")
        labels = tokenizer(targets, max_length=128, truncation=True, padding="max_length").input_ids
        model_inputs["labels"] = labels
        return model_inputs

    tokenized = dataset_dict.map(preprocess, batched=True, remove_columns=dataset_dict["train"].column_names)
    tokenized.set_format(type='torch', columns=['input_ids', 'attention_mask', 'labels'])

    model = T5ForConditionalGeneration.from_pretrained(model_name)
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=["q", "k", "v", "o"], task_type="SEQ_2_SEQ_LM"))
    training_args = TrainingArguments(output_dir="./target/t5_tag_generator", num_train_epochs=25, per_device_train_batch_size=4)
    data_collator = DataCollatorForSeq2Seq(tokenizer=tokenizer, model=model)
    trainer = Trainer(
        model=model,
        args=training_args,
        train_dataset=tokenized["train"],
        eval_dataset=tokenized["validation"],
        processing_class=tokenizer,
        data_collator=data_collator
    )
    return model, trainer
