# provenance: search index id 71642181756
# query: id2label
# rank: 5
# label: negative
# note: evaluation of the project's own fine-tuned 4-class classifier loaded from its output folder: the head was trained with these four labels (the folder's config is not in the file; nothing suggests two)
import json
import os
import numpy as np
import pandas as pd
import torch
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    precision_recall_fscore_support,
)
from transformers import AutoModelForSequenceClassification, AutoTokenizer

LABEL_MAP = {"other": 0, "swarm": 1, "time": 2, "weather": 3}
ID2LABEL = {v: k for k, v in LABEL_MAP.items()}
MODEL_DIR = os.path.join(os.path.dirname(__file__), "output")
DATA_DIR = os.path.join(os.path.dirname(__file__), "..", "data")
MAX_LENGTH = 64


def classify(text: str, model, tokenizer) -> dict:
    inputs = tokenizer(
        text, return_tensors="pt", truncation=True, max_length=MAX_LENGTH
    )
    with torch.no_grad():
        logits = model(**inputs).logits
    probs = torch.softmax(logits, dim=-1).squeeze()
    scores = {ID2LABEL[i]: round(probs[i].item(), 4) for i in range(len(LABEL_MAP))}
    pred_idx = probs.argmax().item()
    return {"scores": scores, "label": ID2LABEL[pred_idx], "score": probs[pred_idx].item()}


def main():
    tokenizer = AutoTokenizer.from_pretrained(MODEL_DIR)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL_DIR)
    model.eval()

    # --- Validation set evaluation ---
    val_df = pd.read_csv(os.path.join(DATA_DIR, "val.csv"))
    true_labels = [LABEL_MAP[l] for l in val_df["label"]]
    preds = []
    for text in val_df["text"]:
        result = classify(text, model, tokenizer)
        preds.append(LABEL_MAP[result["label"]])

    acc = accuracy_score(true_labels, preds)


if __name__ == "__main__":
    main()
