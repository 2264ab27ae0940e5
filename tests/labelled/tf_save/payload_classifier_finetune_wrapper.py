# provenance: search index id 62486157654
# label: negative
# note: reloads a functional model whose layers include TFBertModel, then recompiles it: the encoder-wrapper shape
import tensorflow as tf
from transformers import TFBertModel

model = tf.keras.models.load_model(
    PRETRAINED_MODEL_PATH,
    custom_objects={"TFBertModel": TFBertModel}
)
for layer in model.layers:
    if isinstance(layer, TFBertModel):
        layer.trainable = True
