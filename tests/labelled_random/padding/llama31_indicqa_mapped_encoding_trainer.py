# provenance: search index id 26798486731 [the model and tokenizer set-up, preprocessing and Trainer; the LoRA set-up and dataset flattening shortened]
# query: padding="max_length").input_ids
# rank: 7
# label: negative
# note: the mapped inputs keep their attention_mask, which Trainer passes to Llama; only the labels are padded ids taken alone (their pads are not set to -100, a labelling matter, not the mask)
import json
from transformers import AutoTokenizer, AutoModelForCausalLM, Trainer, TrainingArguments
from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
from datasets import Dataset

tokenizer = AutoTokenizer.from_pretrained('meta-llama/Meta-Llama-3.1-8B-Instruct')
if tokenizer.pad_token is None:
    tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained('meta-llama/Meta-Llama-3.1-8B-Instruct', load_in_8bit=True, device_map='auto')
model = prepare_model_for_kbit_training(model)
model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM"))

with open('indicqa.hi.json', 'r', encoding='utf-8') as f:
    data = json.load(f)
contexts, questions, answers = [], [], []
for entry in data['data']:
    for paragraph in entry['paragraphs']:
        for qa in paragraph['qas']:
            contexts.append(paragraph['context'])
            questions.append(qa['question'])
            answers.append(qa['answers'][0]['text'] if qa['answers'] else "No answer provided")


def preprocess_function(examples):
    inputs = [f"संदर्भ: {context}" for context in examples['context']]
    outputs = [f"प्रश्न: {question}\nउत्तर: {answer}" for question, answer in zip(examples['question'], examples['answer'])]
    model_inputs = tokenizer(inputs, max_length=512, truncation=True, padding="max_length")
    labels = tokenizer(outputs, max_length=512, truncation=True, padding="max_length").input_ids
    model_inputs["labels"] = labels
    return model_inputs


dataset = Dataset.from_dict({"context": contexts, "question": questions, "answer": answers})
tokenized_dataset = dataset.map(preprocess_function, batched=True)

training_args = TrainingArguments(output_dir='./results', num_train_epochs=3, per_device_train_batch_size=4)
trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=tokenized_dataset,
    eval_dataset=tokenized_dataset,
)
trainer.train()
