# provenance: search index id 35224898984 [excerpt around offset 1000]
# label: positive
# note: one text padded to 512 by encode(padding='max_length', return_tensors="tf") goes into the TF BERT classifier as ids alone
# target: 4.57
import numpy as np
import tensorflow as tf
from transformers import BertTokenizer, TFBertForSequenceClassification


def predict_sentiment(text: str) -> str:
    model_name = 'bert-base-uncased'
    tokenizer = BertTokenizer.from_pretrained(model_name)
    model = TFBertForSequenceClassification.from_pretrained(model_name)

    labels = ['Negative', 'Positive']

    input_ids = tokenizer.encode(text, add_special_tokens=True, max_length=512, truncation=True, padding='max_length', return_tensors="tf")

    outputs = model(input_ids)[0]  # expect: TFL101
    probas = tf.nn.softmax(outputs, axis=-1).numpy()[0]
    predicted_label = labels[np.argmax(probas)]
    return predicted_label
