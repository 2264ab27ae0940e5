# provenance: search index id 18158651151
# label: negative
# note: an H5 file cannot hold a subclassed Transformers model (Keras raises at the save): this is a functional wrapper, which loads
from tensorflow import keras
from transformers import TFBertForSequenceClassification


def load_model():
    filepath = "model/model.h5"
    model = keras.models.load_model(filepath, custom_objects={"TFBertForSequenceClassification": TFBertForSequenceClassification})
    return model
