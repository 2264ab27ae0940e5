# provenance: owner/repo not given by the index; search index id 18158651151
# label: positive
# note: a whole-model Keras save of TFBertForSequenceClassification loaded with the class in custom_objects
from tensorflow import keras
from transformers import TFBertForSequenceClassification


def load_model():
    filepath = "model/model.h5"
    model = keras.models.load_model(filepath, custom_objects={"TFBertForSequenceClassification": TFBertForSequenceClassification})  # expect: TFL202
    return model
