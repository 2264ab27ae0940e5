# provenance: search index id 42696166105
# label: negative
# note: a plain Keras text model loaded from an HDF5 checkpoint; no Transformers model involved
import sys

import tensorflow as tf

weights = sys.argv[2]
model = tf.keras.models.load_model(weights)
