# provenance: search index id 32857670243
# target: 4.57
# label: positive
# note: model is TFDistilBertForSequenceClassification.from_pretrained(...), fine-tuned, then written with Keras .save("distilbert_finetuned.keras"): no config, from_pretrained cannot read it, and a .keras file of a from_pretrained DistilBERT fails to load ("expected 0 variables"); save_pretrained is the way
import os
import pandas as pd
import numpy as np
import tensorflow as tf
from transformers import DistilBertTokenizerFast, TFDistilBertForSequenceClassification
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder
from sklearn.metrics import accuracy_score

MODEL_NAME = "distilbert-base-uncased"
MAX_LEN = 128
BATCH_SIZE = 8          # small for CPU
EPOCHS = 4              # DistilBERT converges fast
LR = 2e-5

tokenizer = DistilBertTokenizerFast.from_pretrained(MODEL_NAME)

def tokenize(texts):
    return tokenizer(
        texts,
        truncation=True,
        padding=True,
        max_length=MAX_LEN,
        return_tensors="tf"
    )

train_enc = tokenize(X_train)
val_enc = tokenize(X_val)

model = TFDistilBertForSequenceClassification.from_pretrained(
    MODEL_NAME,
    num_labels=num_labels
)

optimizer = tf.keras.optimizers.Adam(learning_rate=LR)
loss = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer=optimizer, loss=loss, metrics=["accuracy"])

history = model.fit(
    train_enc.data,
    y_train,
    validation_data=(val_enc.data, y_val),
    epochs=EPOCHS,
    batch_size=BATCH_SIZE
)

logits = model.predict(val_enc.data).logits
preds = np.argmax(logits, axis=1)
val_acc = accuracy_score(y_val, preds)

model.save("distilbert_finetuned.keras")  # expect: TFL201
