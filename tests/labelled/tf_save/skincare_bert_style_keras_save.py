# provenance: search index id 19752164664
# target: 4.57
# label: negative
# note: "bert_model" is a small Keras functional model built from Embedding and MultiHeadAttention layers, not a Transformers model; Keras .save is its normal save
import os
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.layers import Input, Embedding, Dense, LayerNormalization, MultiHeadAttention, Flatten
from tensorflow.keras.models import Model

labels = ['normal', 'oily', 'dry', 'acne', 'wrinkles']

input_layer = Input(shape=(100,))
embedding_layer = Embedding(input_dim=len(tokenizer.word_index) + 1, output_dim=64)(input_layer)
attention_output = MultiHeadAttention(num_heads=2, key_dim=64)(embedding_layer, embedding_layer)
add_norm1 = LayerNormalization()(attention_output + embedding_layer)
ff = Dense(64, activation='relu')(add_norm1)
add_norm2 = LayerNormalization()(ff + add_norm1)
flat_layer = Flatten()(add_norm2)
output = Dense(len(labels), activation='sigmoid')(flat_layer)
bert_model = Model(inputs=input_layer, outputs=output)
bert_model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])

os.makedirs('models', exist_ok=True)
bert_model.save('models/bert_model.h5')
