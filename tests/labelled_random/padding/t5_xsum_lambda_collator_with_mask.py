# provenance: search index id 38660358783 [the first of three identical trainers]
# query: padding='max_length')['input_ids']
# rank: 5
# label: negative
# note: the lambda collator passes the padded documents' attention_mask beside their input_ids; only the labels are ids taken alone (a label-padding matter, not the mask)
from transformers import T5ForConditionalGeneration, T5Tokenizer, Trainer, TrainingArguments
from datasets import load_dataset

dataset = load_dataset('xsum', split='train[:10]')

model1 = T5ForConditionalGeneration.from_pretrained('t5-base')
tokenizer1 = T5Tokenizer.from_pretrained('t5-base')

training_args = TrainingArguments(
    output_dir='./results',
    learning_rate=2e-5,
    per_device_train_batch_size=8,
    per_device_eval_batch_size=8,
    num_train_epochs=1,
    weight_decay=0.01,
    push_to_hub=False,
    logging_dir='./logs',
    logging_steps=10,
)

trainer1 = Trainer(
    model=model1,
    args=training_args,
    train_dataset=dataset,
    data_collator=lambda data: {'input_ids': tokenizer1(data['document'], truncation=True, padding='max_length')['input_ids'],
                                'attention_mask': tokenizer1(data['document'], truncation=True, padding='max_length')['attention_mask'],
                                'labels': tokenizer1(data['summary'], truncation=True, padding='max_length')['input_ids']}
)

trainer1.train()
