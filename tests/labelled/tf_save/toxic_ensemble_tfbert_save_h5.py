# provenance: search index id 24962472836
# target: 4.57
# label: positive
# note: bert_model is TFBertForSequenceClassification.from_pretrained(...); its Keras .save('bert_model.h5') is the whole-model save Transformers cannot load back (save_pretrained is the way)
import numpy as np
from transformers import BertTokenizer, TFBertForSequenceClassification
import tensorflow as tf
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Embedding, LSTM, Dense, Dropout

lstm_model = Sequential()
lstm_model.add(Embedding(input_dim=len(tokenizer.word_index) + 1, output_dim=100))
lstm_model.add(LSTM(100, dropout=0.2, recurrent_dropout=0.2))
lstm_model.add(Dense(6, activation='sigmoid'))
lstm_model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
lstm_model.save('lstm_model.h5')

bert_tokenizer = BertTokenizer.from_pretrained('bert-base-uncased')
bert_model = TFBertForSequenceClassification.from_pretrained('bert-base-uncased', num_labels=6)

bert_model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=2e-5), loss='binary_crossentropy', metrics=['accuracy'])
bert_model.fit([X_val_bert_chunks, attention_masks_val], y_val, epochs=2, batch_size=16)

bert_predictions = bert_model.predict([X_val_bert_chunks, attention_masks_val]).logits

bert_model.save('bert_model.h5')  # expect: TFL201
