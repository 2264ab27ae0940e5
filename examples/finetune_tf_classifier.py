"""Fine-tune a sentiment classifier with Keras and export it for serving.

Written for transformers 4.x with TensorFlow. Two problems wait for it:
- `model.save(...)` writes a Keras save that `from_pretrained` cannot load back;
- transformers 5 removed every TF class, so the import itself fails there.
"""
import tensorflow as tf
from transformers import AutoTokenizer, TFAutoModelForSequenceClassification

CHECKPOINT = "distilbert/distilbert-base-uncased"
EXPORT_DIR = "exports/sentiment"

texts = ["a wonderful film", "dull and far too long", "I loved every minute", "a waste of time"]
labels = [1, 0, 1, 0]

tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
encodings = dict(tokenizer(texts, padding=True, truncation=True, return_tensors="tf"))
dataset = tf.data.Dataset.from_tensor_slices((encodings, labels)).shuffle(8).batch(2)

model = TFAutoModelForSequenceClassification.from_pretrained(CHECKPOINT, num_labels=2)
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=3e-5), metrics=["accuracy"])
model.fit(dataset, epochs=3)

model.save(EXPORT_DIR)
tokenizer.save_pretrained(EXPORT_DIR)
