# provenance: search index id 6108622264
# target: 4.57
# label: positive
# note: bert_model is TFBertForSequenceClassification.from_pretrained(...) built under a TPU strategy; bert_model.save("bert.h5") is a Keras H5 save of the subclassed Transformers model, which Keras refuses (NotImplementedError) and which has no config anyway; the biGRU model saved to model.h5 earlier is a plain functional Keras model
import numpy as np # linear algebra
import pandas as pd # data processing, CSV file I/O (e.g. pd.read_csv)
import os
from transformers import AutoTokenizer, TFBertForSequenceClassification
from nltk.corpus import stopwords, wordnet
from transformers import *
from nltk import download
import tensorflow as tf
from io import open
import numpy as np
import json
import re

#tpu
tpu = tf.distribute.cluster_resolver.TPUClusterResolver()
tf.config.experimental_connect_to_cluster(tpu)
tf.tpu.experimental.initialize_tpu_system(tpu)

# instantiate a distribution strategy
tpu_strategy = tf.distribute.experimental.TPUStrategy(tpu)

from tensorflow.keras.layers import Activation, Dense, Dropout, Input, Embedding, GRU, GlobalMaxPooling1D, Bidirectional
from tensorflow.keras.models import Model

def biGRUnet():
    inputs = Input(name='inputs',shape=[x_train.shape[1]])
    layer = Embedding(10000,50,input_length=x_train.shape[1])(inputs)
    layer = Bidirectional(GRU(64, return_sequences = True), merge_mode='concat')(layer)
    layer = GlobalMaxPooling1D()(layer)
    layer = Dropout(0.5)(layer)
    layer = Dense(1,name='out_layer')(layer)
    layer = Activation('sigmoid')(layer)
    model = Model(inputs=inputs,outputs=layer)
    return model

from tensorflow.keras.optimizers import RMSprop
print(x_train.shape[1])
with tpu_strategy.scope():
    model = biGRUnet()
    model.summary()
    model.compile(loss='binary_crossentropy',optimizer=RMSprop(),metrics=['accuracy'])

model.fit(x_train,y_train,batch_size=16 * tpu_strategy.num_replicas_in_sync,epochs=20,
          validation_data=(x_vtext, y_val))

model.save("model.h5")

from transformers import TFBertForSequenceClassification

learning_rate = 2e-5
with tpu_strategy.scope():
    bert_model = TFBertForSequenceClassification.from_pretrained('bert-base-uncased')
    optimizer = tf.keras.optimizers.Adam(learning_rate=learning_rate, epsilon=1e-08)
    loss = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    metric = tf.keras.metrics.SparseCategoricalAccuracy('accuracy')
    bert_model.compile(optimizer=optimizer, loss=loss, metrics=[metric])

bert_model.fit(x_train,y_train,batch_size=16 * tpu_strategy.num_replicas_in_sync,epochs=2, validation_data=(x_vtext, y_val))

bert_model.save("bert.h5")  # expect: TFL201
