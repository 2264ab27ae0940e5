# provenance: search index id 31273030340
# label: negative
# note: the klue/bert tutorial shape: a functional model around TFBertForSequenceClassification checkpointed by ModelCheckpoint, loads with custom_objects
import tensorflow as tf
from transformers import TFBertForSequenceClassification


class Analyzer:
    def load_model(self):
        sentiment_model_best = tf.keras.models.load_model(self.BEST_MODEL_NAME,
                                                          custom_objects={'TFBertForSequenceClassification': TFBertForSequenceClassification})
        self.model = sentiment_model_best
