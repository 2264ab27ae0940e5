# provenance: search index id 33720188657
# target: 4.57
# label: negative
# note: a plain Keras functional model (Embedding + MultiHeadAttention) saved to .h5 and loaded back with load_model; no Transformers model involved
import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Input, Embedding, MultiHeadAttention, GlobalAveragePooling1D, Dense
from tensorflow.keras.models import Model

embedding_dim = 32
num_heads = 2
vocab_size = len(tokenizer.word_index) + 1

inputs = Input(shape=(max_length,))
embedding_layer = Embedding(vocab_size, embedding_dim)(inputs)
attention_output = MultiHeadAttention(num_heads=num_heads, key_dim=embedding_dim)(embedding_layer, embedding_layer)
attention_output = GlobalAveragePooling1D()(attention_output)
outputs = Dense(3, activation='softmax')(attention_output)

model = Model(inputs=inputs, outputs=outputs)
model.compile(loss='sparse_categorical_crossentropy', optimizer='adam', metrics=['accuracy'])

model.fit(X_train, y_train, epochs=10, batch_size=32, validation_data=(X_val, y_val))

model.save("sentiment_model.h5")
np.save("tokenizer_word_index.npy", tokenizer.word_index)

loaded_model = tf.keras.models.load_model("sentiment_model.h5")
