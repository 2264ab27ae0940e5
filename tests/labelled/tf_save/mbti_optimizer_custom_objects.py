# provenance: search index id 35067540649
# label: negative
# note: H5 of a functional model with a TFBertModel layer and a custom optimizer; both registered
import tensorflow as tf
import tensorflow_addons as tfa
from transformers import TFBertModel

opt = tfa.optimizers.RectifiedAdam(learning_rate=3e-5)
mbtiModel = tf.keras.models.load_model('MBTImodel.h5', custom_objects={"TFBertModel": TFBertModel, "RectifiedAdam": opt})
