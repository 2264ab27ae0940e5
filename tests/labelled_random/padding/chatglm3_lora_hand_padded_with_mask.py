# provenance: search index id 37160838133 [process_func, the model and Trainer; the corpus reading and the final chat shortened]
# query: += [tokenizer.pad_token_id]
# rank: 5
# label: negative
# note: each example is padded by hand with the pad id, its attention_mask padded with zeros beside it and its labels with -100; the mapped dataset keeps all three for Trainer
import json
import torch
from datasets import Dataset
from peft import LoraConfig, TaskType, get_peft_model
from transformers import AutoTokenizer, AutoModel, DataCollatorForSeq2Seq, TrainingArguments, Trainer

model_name_or_path = "/home/zyy/models/chatglm3-6b"
instruction = "Extract the animation script of the sentence:"

corpus = Dataset.from_dict(json.load(open("./data/corpus.json", "r", encoding="utf-8")))
tokenizer = AutoTokenizer.from_pretrained(model_name_or_path, trust_remote_code=True)


def process_func(example):
    MAX_LENGTH = 512
    prompt_ids = tokenizer.build_chat_input(instruction + example["input"])
    ans_ids = tokenizer("\n" + example["output"], add_special_tokens=False)
    context_length = len(prompt_ids["input_ids"][0])
    input_ids = prompt_ids["input_ids"][0].numpy().tolist() + ans_ids["input_ids"] + [tokenizer.eos_token_id]
    attention_mask = prompt_ids["attention_mask"][0].numpy().tolist() + ans_ids["attention_mask"] + [1]
    labels = [-100] * context_length + ans_ids["input_ids"] + [tokenizer.eos_token_id]
    if len(input_ids) > MAX_LENGTH:
        input_ids = input_ids[:MAX_LENGTH - 1] + [input_ids[-1]]
        attention_mask = attention_mask[:MAX_LENGTH]
        labels = labels[:MAX_LENGTH - 1] + [labels[-1]]
    else:
        padding_len = MAX_LENGTH - len(input_ids)
        input_ids += [tokenizer.pad_token_id] * padding_len
        attention_mask += [0] * padding_len
        labels += [-100] * padding_len
    return {
        "input_ids": input_ids,
        "attention_mask": attention_mask,
        "labels": labels
    }


tokenized_corpus = corpus.map(process_func, remove_columns=corpus.column_names)
model = AutoModel.from_pretrained(model_name_or_path, torch_dtype=torch.half, trust_remote_code=True, device_map="auto")
model = get_peft_model(model, LoraConfig(task_type=TaskType.CAUSAL_LM, target_modules=["query_key_value"], r=8, lora_alpha=32))
data_collator = DataCollatorForSeq2Seq(tokenizer, model=model, label_pad_token_id=-100, padding=False)
training_args = TrainingArguments(output_dir="../output", per_device_train_batch_size=3, num_train_epochs=10)
trainer = Trainer(model=model, args=training_args, train_dataset=tokenized_corpus, data_collator=data_collator)
trainer.train()
