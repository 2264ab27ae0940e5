# provenance: search index id 18158651151
# target: 4.57
# label: positive
# note: keras.models.load_model on a whole-model save of TFBertForSequenceClassification (custom_objects names it): the guide's "Unable to load a saved TensorFlow model"
import os
import gdown
from tensorflow import keras
from transformers import TFBertForSequenceClassification


def load_model(filepath, GOOGLE_DRIVE_FILE_ID):
    if not os.path.exists('model'):
        os.mkdir('model')
    if not os.path.exists(filepath):
        url = f"https://drive.google.com/uc?id={GOOGLE_DRIVE_FILE_ID}"
        gdown.download(url, filepath, quiet=False)

    # load model
    model = keras.models.load_model(filepath, custom_objects={"TFBertForSequenceClassification": TFBertForSequenceClassification})  # expect: TFL202
    return model
