# provenance: search index id 59115008046
# query: id2label
# rank: 4
# label: negative
# note: three relation labels (none, supports, attacks) and the DeBERTa head is given num_labels=3 with the matching id2label/label2id
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
MODELDIR = REPO / "models" / "relation_classifier"
SEED = 42
MODEL_NAME = "microsoft/deberta-v3-base"
LABELS = ["none", "supports", "attacks"]
LAB2ID = {l: i for i, l in enumerate(LABELS)}


def main() -> int:
    import torch
    from datasets import Dataset
    from sklearn.metrics import classification_report, f1_score
    from transformers import (AutoModelForSequenceClassification, AutoTokenizer,
                              DataCollatorWithPadding, Trainer, TrainingArguments, set_seed)
    set_seed(SEED)

    split = read_split()
    train_stems = sorted(s for s, v in split.items() if v == "TRAIN")
    test_stems = sorted(s for s, v in split.items() if v == "TEST")
    train_pairs = build_pairs(train_stems)
    test_pairs = build_pairs(test_stems)
    dist = Counter(p["label"] for p in train_pairs)

    tok = AutoTokenizer.from_pretrained(MODEL_NAME)

    def make(pairs):
        ds = Dataset.from_list(pairs)
        return ds.map(lambda b: tok(b["src"], b["tgt"], truncation=True, max_length=256),
                      batched=True)

    train_ds, test_ds = make(train_pairs), make(test_pairs)
    model = AutoModelForSequenceClassification.from_pretrained(
        MODEL_NAME, num_labels=3,
        id2label={i: l for l, i in LAB2ID.items()}, label2id=LAB2ID)

    # class weights against the heavy none-majority
    counts = np.array([dist.get(i, 1) for i in range(3)], dtype=float)
    weights = torch.tensor((counts.sum() / (3 * counts)), dtype=torch.float)
    print(f"class weights: {weights.tolist()}", flush=True)

    class WeightedTrainer(Trainer):
        def compute_loss(self, model, inputs, return_outputs=False, **kw):
            labels = inputs.pop("labels")
            outputs = model(**inputs)
            loss = torch.nn.functional.cross_entropy(
                outputs.logits, labels, weight=weights.to(outputs.logits.device))
            return (loss, outputs) if return_outputs else loss

    targs = TrainingArguments(
        output_dir=str(MODELDIR / "_runs"), overwrite_output_dir=True,
        num_train_epochs=3, learning_rate=2e-5,
        per_device_train_batch_size=8, per_device_eval_batch_size=32,
        gradient_accumulation_steps=2,
        eval_strategy="no", save_strategy="no",
        fp16=torch.cuda.is_available(), report_to="none", logging_steps=50, seed=SEED,
    )
    trainer = WeightedTrainer(model=model, args=targs, train_dataset=train_ds,
                              processing_class=tok, data_collator=DataCollatorWithPadding(tok))
    trainer.train()

    pred = trainer.predict(test_ds)
    preds = pred.predictions.argmax(-1)
    y = pred.label_ids
    rep = classification_report(y, preds, target_names=LABELS, output_dict=True, zero_division=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
