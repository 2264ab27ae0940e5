# provenance: owner/repo not given by the index; search index id 9298775841
# label: negative
# note: two functional classifiers built on TFBertModel, loaded with the encoder class registered
import tensorflow as tf
from transformers import AutoTokenizer, TFBertModel


class ClassifierManager:
    def __init__(self):
        self.emotion_model = tf.keras.models.load_model(EMOTION_MODEL, custom_objects={"TFBertModel": TFBertModel})
        self.emotion_tokenizer = AutoTokenizer.from_pretrained(TOKENIZER_MODEL)
        self.mental_model = tf.keras.models.load_model(MENTAL_MODEL, custom_objects={"TFBertModel": TFBertModel})
