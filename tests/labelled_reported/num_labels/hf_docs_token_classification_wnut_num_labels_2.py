# provenance: huggingface/transformers docs/source/tasks/token_classification.mdx 04591daa29c3c0870f8327453a791f428a4c512d [the PyTorch code blocks in order, doctest prompts removed; REPL outputs, the block reading an undefined `example`, and the TensorFlow blocks left out]
# thread: https://github.com/huggingface/transformers/pull/16063
# query: model predicts only two classes num_labels default fine-tuning
# rank: 10
# label: positive
# note: the guide fine-tunes on WNUT 17, whose ner_tags are a ClassLabel of 13 names (label_list), but gives the token-classification head num_labels=2; tags 2..12 reach the head through the mapped dataset and the Trainer (IndexError: Target N is out of bounds for the first tag from 2 on, a device-side assert on GPU); the pull request fixes the count; the count lives in the Hub dataset's features, not in the code
from datasets import load_dataset

wnut = load_dataset("wnut_17")

label_list = wnut["train"].features[f"ner_tags"].feature.names

from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")


def tokenize_and_align_labels(examples):
    tokenized_inputs = tokenizer(examples["tokens"], truncation=True, is_split_into_words=True)

    labels = []
    for i, label in enumerate(examples[f"ner_tags"]):
        word_ids = tokenized_inputs.word_ids(batch_index=i)  # Map tokens to their respective word.
        previous_word_idx = None
        label_ids = []
        for word_idx in word_ids:  # Set the special tokens to -100.
            if word_idx is None:
                label_ids.append(-100)
            elif word_idx != previous_word_idx:  # Only label the first token of a given word.
                label_ids.append(label[word_idx])
            else:
                label_ids.append(-100)
            previous_word_idx = word_idx
        labels.append(label_ids)

    tokenized_inputs["labels"] = labels
    return tokenized_inputs


tokenized_wnut = wnut.map(tokenize_and_align_labels, batched=True)

from transformers import DataCollatorForTokenClassification

data_collator = DataCollatorForTokenClassification(tokenizer=tokenizer)

from transformers import AutoModelForTokenClassification, TrainingArguments, Trainer

model = AutoModelForTokenClassification.from_pretrained("distilbert-base-uncased", num_labels=2)  # expect: TFL702

training_args = TrainingArguments(
    output_dir="./results",
    evaluation_strategy="epoch",
    learning_rate=2e-5,
    per_device_train_batch_size=16,
    per_device_eval_batch_size=16,
    num_train_epochs=3,
    weight_decay=0.01,
)

trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=tokenized_wnut["train"],
    eval_dataset=tokenized_wnut["test"],
    tokenizer=tokenizer,
    data_collator=data_collator,
)

trainer.train()
