# provenance: search index id 32655343599
# label: negative
# note: the key is the layer name TFBertMainLayer (a functional wrapper's encoder layer), not a whole Transformers model
from tensorflow.keras.models import load_model
from transformers import TFBertModel


def get_model():
    return load_model(
        "savedfiles/bert_dense_model.h5",
        custom_objects={"TFBertMainLayer": TFBertModel}
    )
