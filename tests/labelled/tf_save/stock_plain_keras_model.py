# provenance: search index id 4295125
# label: negative
# note: a plain Keras LSTM saved elsewhere; no Transformers model involved
from tensorflow import keras

model = keras.models.load_model("mymodel")
y_pred = model.predict(X_test)
