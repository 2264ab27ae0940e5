# provenance: search index id 15076257235
# query: ForTokenClassification.from_pretrained(
# rank: 5
# label: negative
# note: the head gets num_labels=len(label_list), the label list the dataset module tokenizes with
import numpy as np
from datasets import load_metric
from transformers import AutoModelForTokenClassification, TrainingArguments, \
    Trainer
from transformers import DataCollatorForTokenClassification

from dataset.dataset import get_scraped_token_dataset
from dataset.tokenize import tokenize_dataset, tokenizer, model_checkpoint, \
    label_list


train_dir = './dataset/annotated/train/'
test_dir = './dataset/annotated/test/'
batch_size = 4

train_dataset, test_dataset = get_scraped_token_dataset(train_dir, test_dir)
tokenized_train = tokenize_dataset(train_dataset)
tokenized_test = tokenize_dataset(test_dataset)

model = AutoModelForTokenClassification.from_pretrained(model_checkpoint,
                                                        num_labels=len(
                                                            label_list))

args = TrainingArguments(
    f"test-ner",
    evaluation_strategy="epoch",
    learning_rate=1e-4,
    per_device_train_batch_size=batch_size,
    per_device_eval_batch_size=batch_size,
    num_train_epochs=9,
    weight_decay=1e-5,
)

# data collator handles padding, attention masks, etc.
data_collator = DataCollatorForTokenClassification(tokenizer)

trainer = Trainer(
    model,
    args,
    train_dataset=tokenized_train,
    eval_dataset=tokenized_test,
    data_collator=data_collator,
    tokenizer=tokenizer,
)

trainer.train()
