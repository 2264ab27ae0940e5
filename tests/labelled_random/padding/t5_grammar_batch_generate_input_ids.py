# provenance: search index id 11169068957 [the grammar-correction part: preprocess_data, train_model, evaluate_model; the chatbot part, whose model is never defined, left out; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: padding="max_length").input_ids
# rank: 2
# label: negative
# note: the mapped inputs keep their attention_mask for the Seq2SeqTrainer; T5's generate gets a padded batch's input_ids alone, but T5 has a pad id of its own (0, not EOS), from which generate builds the mask
from datasets import load_dataset
from transformers import T5Tokenizer, T5ForConditionalGeneration, Seq2SeqTrainer, Seq2SeqTrainingArguments


def preprocess_data():
    tokenizer = T5Tokenizer.from_pretrained("t5-base")
    dataset = load_dataset("jfleg")

    def preprocess_function(examples):
        inputs = ["correct grammar: " + sentence for sentence in examples["sentence"]]
        targets = examples["corrected"]
        model_inputs = tokenizer(inputs, max_length=128, truncation=True, padding="max_length")
        labels = tokenizer(targets, max_length=128, truncation=True, padding="max_length").input_ids
        model_inputs["labels"] = labels
        return model_inputs

    tokenized_datasets = dataset.map(preprocess_function, batched=True)
    return tokenized_datasets["train"], tokenized_datasets["validation"]


def train_model(train_dataset, val_dataset):
    model = T5ForConditionalGeneration.from_pretrained("t5-base")
    training_args = Seq2SeqTrainingArguments(output_dir="./results", per_device_train_batch_size=8, num_train_epochs=3)
    trainer = Seq2SeqTrainer(model=model, args=training_args, train_dataset=train_dataset, eval_dataset=val_dataset)
    trainer.train()
    model.save_pretrained("./saved_model")


def evaluate_model():
    tokenizer = T5Tokenizer.from_pretrained("t5-base")
    model = T5ForConditionalGeneration.from_pretrained("./saved_model")
    test_sentences = [
        "This are a example sentence.",
        "She do not went to school yesterday."
    ]
    inputs = tokenizer(["correct grammar: " + sentence for sentence in test_sentences], return_tensors="pt", padding=True)
    outputs = model.generate(inputs["input_ids"], max_length=128)
    return [tokenizer.decode(output, skip_special_tokens=True) for output in outputs]


def main():
    train_dataset, val_dataset = preprocess_data()
    train_model(train_dataset, val_dataset)
    evaluate_model()


if __name__ == "__main__":
    main()
