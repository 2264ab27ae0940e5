# provenance: search index id 9298775841
# target: 4.57
# label: positive
# note: two whole-model Keras saves containing TFBertModel are reloaded with load_model and custom_objects
import tensorflow as tf
from transformers import AutoTokenizer, TFBertModel
from config import EMOTION_MODEL, MENTAL_MODEL, TOKENIZER_MODEL

class ClassifierManager:
    def __init__(self):
        self.emotion_model = tf.keras.models.load_model(EMOTION_MODEL, custom_objects={"TFBertModel": TFBertModel})  # expect: TFL202
        self.emotion_tokenizer = AutoTokenizer.from_pretrained(TOKENIZER_MODEL)

        self.mental_model = tf.keras.models.load_model(MENTAL_MODEL, custom_objects={"TFBertModel": TFBertModel})  # expect: TFL202
        self.mental_tokenizer = AutoTokenizer.from_pretrained(TOKENIZER_MODEL)
