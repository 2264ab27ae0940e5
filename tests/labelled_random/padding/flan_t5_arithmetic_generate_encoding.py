# provenance: search index id 15620756951 [imports, generate_encodings, generate_texts, evaluate_model, the __main__ model loading]
# query: DataCollatorWithPadding
# rank: 8
# label: negative
# note: padded questions go to T5's generate as **encodings, mask included
import os
import torch
import warnings
from tqdm import tqdm
from transformers import DataCollatorWithPadding
from transformers import T5Tokenizer
from torch.utils.data import DataLoader
from datasets import load_dataset
import re
from transformers import T5Tokenizer, T5ForConditionalGeneration


def generate_encodings(tokenizer, dataset):
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    encodings = tokenizer(dataset["question"], padding=True, truncation=True, return_tensors="pt").to(device)
    return encodings

def generate_texts(model, tokenizer, encodings):
    with torch.no_grad():
        generated_ids = model.generate(**encodings, max_new_tokens=20)
    generated_texts = tokenizer.batch_decode(generated_ids, skip_special_tokens=True)
    return generated_texts

def evaluate_model(model, tokenizer, dataset, batch_size):
    shards = max(len(dataset) // batch_size, 1)
    predictions = []
    for shard_index in tqdm(range(shards)):
        dataset_shard = dataset.shard(shards, shard_index, contiguous=True)
        encodings = generate_encodings(tokenizer, dataset_shard)
        generated_texts = generate_texts(model, tokenizer, encodings)
        predictions.extend(generated_texts)
    accuracy = get_accuracy(predictions, dataset)
    return accuracy, predictions

if __name__=="__main__":
    model = T5ForConditionalGeneration.from_pretrained("google/flan-t5-base", device_map="auto")
    tokenizer = T5Tokenizer.from_pretrained("google/flan-t5-base")
    batch_size = 1000
