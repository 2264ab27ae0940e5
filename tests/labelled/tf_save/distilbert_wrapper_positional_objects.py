# provenance: search index id 53144895729
# label: negative
# note: the else branch shows the saved model is a functional wrapper around TFDistilBertForSequenceClassification (Input layers), which loads
import tensorflow as tf
from tensorflow.keras.layers import Input
from tensorflow.keras.models import load_model
from transformers import TFDistilBertForSequenceClassification


class Classifier:
    def __init__(self, name, from_pt=True, model_path=None, max_length=None):
        if model_path:
            self.bert_model = load_model(model_path, {"TFDistilBertForSequenceClassification": TFDistilBertForSequenceClassification})
        else:
            self.bert_model = TFDistilBertForSequenceClassification.from_pretrained(name, from_pt=from_pt)
            input_ids = Input(shape=(max_length,), dtype=tf.int32, name="input_ids")
