"""Embed a batch of sentences with BERT and compare them.

The batch is padded, but only `input_ids` reach the model: the shorter sentences attend to [PAD]
tokens and their embeddings come out different from the same sentence embedded alone.
"""
import torch
from transformers import AutoModel, AutoTokenizer

CHECKPOINT = "google-bert/bert-base-uncased"

sentences = [
    "The cat sat on the mat.",
    "A very long sentence about cats that sat on mats in many houses for many years.",
]

tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
model = AutoModel.from_pretrained(CHECKPOINT).eval()

batch = tokenizer(sentences, padding=True, return_tensors="pt")
with torch.no_grad():
    outputs = model(batch["input_ids"])

embeddings = outputs.last_hidden_state[:, 0]
similarity = torch.nn.functional.cosine_similarity(embeddings[0], embeddings[1], dim=0)
print(f"similarity: {similarity.item():.3f}")
