# provenance: search index id 19336022817 [imports, SpainAIRankerCollator less its docstrings, AccuracyCallback, train_ranker less two TrainingArguments options]
# query: padding="longest"
# rank: 6
# label: negative
# note: the collator returns ids and mask together; Trainer and the callbacks call model(**batch)
from collections import defaultdict, Counter
from itertools import chain
import numpy as np
from sklearn.metrics import roc_auc_score
import torch
from torch.utils.data import Dataset
from transformers import AutoTokenizer, AutoModelForSequenceClassification, Trainer, TrainingArguments, TrainerCallback


from model import CoprocessorMixin
from postprocessing import unroll_data


class SpainAIRankerCollator(CoprocessorMixin):
    """Specialized version of the data collator for ranking"""

    def __init__(self, tokenizer):
        """Initializes the collator with a tokenizer"""
        self.tokenizer = tokenizer
        super().__init__()

    def encode_inputs(self, texts1, texts2):
        joined = [f"{t1} {self.tokenizer.sep_token} {t2}" for t1, t2 in zip(texts1, texts2)]
        input_encodings = self.tokenizer.batch_encode_plus(joined, padding="longest", truncation=True, return_tensors="pt")
        return self.to_device({
            'input_ids': input_encodings['input_ids'],
            'attention_mask': input_encodings['attention_mask'],
        })

    def encode_outputs(self, targets):
        return self.to_device({
            'labels': torch.tensor(targets).long(),
        })

    def __call__(self, patterns):
        if len(patterns) < 1: raise ValueError(f"At least one pattern is required, found {len(patterns)}")
        if not isinstance(patterns[0], tuple): raise ValueError(f"Each pattern must be a tuple with two texts, or a tuple with two texts and a class. Found {patterns[0]}")
        targets_provided = len(patterns[0]) == 3
        # Split texts and targets from the input list of tuples
        if targets_provided:
            texts1, texts2, targets = zip(*patterns)
        else:
            texts1, texts2 = zip(*patterns)
        # Encode inputs
        tensors = self.encode_inputs(texts1, texts2)
        # Encode outputs (if provided)
        if targets_provided:
          tensors = {**tensors, **self.encode_outputs(targets)}
        return tensors


class AccuracyCallback(TrainerCallback):
    """Callback that measures the accuracy over the validation set"""
    def on_evaluate(self, args, state, control, model, metrics, eval_dataloader, **kwargs):
        hits = 0
        n = 0
        for batch in eval_dataloader:
            with torch.no_grad():
                preds = model(**batch)
            hits += sum(preds.logits.argmax(dim=1) == batch["labels"]).cpu().numpy()
            n += len(batch["labels"])
        accuracy = hits / n
        metrics["eval_accuracy"] = accuracy
        print(f"accuracy={accuracy}")


def train_ranker(model_name, train, val, train_batch_size=32, gradient_accumulation_steps=1):
    # Unroll datasets
    unrolled_train = unroll_data(train["name"], train["description"], train["name_proposals"])
    unrolled_val = unroll_data(val["name"], val["description"], val["name_proposals"])

    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = AutoModelForSequenceClassification.from_pretrained(model_name)
    collator = SpainAIRankerCollator(tokenizer)
    accuracy_callback = AccuracyCallback()

    training_args = TrainingArguments(
        output_dir='./ranker',
        max_steps=100000,
        per_device_train_batch_size=train_batch_size,
        gradient_accumulation_steps=gradient_accumulation_steps,
        per_device_eval_batch_size=32,
        warmup_steps=500,               
        weight_decay=0.01,
        eval_steps=1000,
        load_best_model_at_end=True,
        disable_tqdm=True
    )

    trainer = Trainer(
        model=model,        
        data_collator=collator,               
        args=training_args,                  
        train_dataset=list(zip(unrolled_train['name'].values, unrolled_train['description'].values, unrolled_train['label'].values)),
        eval_dataset=list(zip(unrolled_val['name'].values, unrolled_val['description'].values, unrolled_val['label'].values)),
        callbacks=[AUCCallback]
    )

    trainer.train()

    return trainer, model, tokenizer, collator
