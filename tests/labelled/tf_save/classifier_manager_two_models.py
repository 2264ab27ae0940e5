# provenance: search index id 9298775841
# target: 4.57
# label: negative
# note: two Keras loads naming the base TFBertModel in custom_objects: the shape of a functional model wrapping the encoder, which loads (fixtures/TFL202/good_functional_wrapper_custom_objects.py, runtime-tested). Relabelled negative from the first labelling, which followed the guide's wording without a measurement
import tensorflow as tf
from transformers import AutoTokenizer, TFBertModel
from config import EMOTION_MODEL, MENTAL_MODEL, TOKENIZER_MODEL

class ClassifierManager:
    def __init__(self):
        self.emotion_model = tf.keras.models.load_model(EMOTION_MODEL, custom_objects={"TFBertModel": TFBertModel})
        self.emotion_tokenizer = AutoTokenizer.from_pretrained(TOKENIZER_MODEL)

        self.mental_model = tf.keras.models.load_model(MENTAL_MODEL, custom_objects={"TFBertModel": TFBertModel})
        self.mental_tokenizer = AutoTokenizer.from_pretrained(TOKENIZER_MODEL)
