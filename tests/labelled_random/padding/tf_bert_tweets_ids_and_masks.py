# provenance: search index id 14526961466 [imports, TweetClassifier.bert_encoder, load_lm, create_model]
# query: pad_to_max_length
# rank: 6
# target: 4.57
# label: negative
# note: the max_length-padded ids and their masks reach TFBertModel together as [input_ids, attention_masks]
import re
import numpy as np
import pandas as pd
from tqdm.notebook import tqdm
from collections import Counter
from sklearn.model_selection import train_test_split
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from nltk.util import ngrams
from nltk.tokenize import word_tokenize

import transformers
from tokenizers import BertWordPieceTokenizer
from transformers import BertTokenizer
from transformers import TFBertModel

import tensorflow as tf
from keras.preprocessing.text import Tokenizer
from keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.layers import Conv1D, Bidirectional, LSTM, Dense, Input, Dropout
from tensorflow.keras.layers import SpatialDropout1D, BatchNormalization
from tensorflow.keras.callbacks import ModelCheckpoint
from tensorflow.keras.optimizers import Adam
from tensorflow.keras.callbacks import ReduceLROnPlateau
from tensorflow.keras.models import Model
from tensorflow.keras.callbacks import ModelCheckpoint
from keras.utils.vis_utils import plot_model


class TweetClassifier:

    @staticmethod
    def bert_encoder(texts, maximum_length):
        tokenizer = BertTokenizer.from_pretrained(self.args.lm)

        input_ids = []
        attention_masks = []

        for text in texts:
            encoded = tokenizer.encode_plus(
                text,
                add_special_tokens=True,
                max_length=maximum_length,
                pad_to_max_length=True,
                return_attention_mask=True,
            )
            input_ids.append(encoded['input_ids'])
            attention_masks.append(encoded['attention_mask'])

        return np.array(input_ids),np.array(attention_masks)

    def load_lm(self):
        """loads a LLM from transformers library based on the pre-defined LLM model
        """
        return TFBertModel.from_pretrained(self.args.lm)

    def create_model(self):
        """creates a deep neural networks model using tensorflow library
        """

        input_ids = tf.keras.Input(shape=(60,),dtype='int32')
        attention_masks = tf.keras.Input(shape=(60,),dtype='int32')

        input_ids, attention_masks = self.bert_encoder(self.x_train,60)
        lm_model = self.load_lm()

        output = lm_model([input_ids,attention_masks])
        output = output[1]
        output = tf.keras.layers.Dense(32,activation='relu')(output)
        output = tf.keras.layers.Dropout(0.2)(output)
        output = tf.keras.layers.Dense(1,activation='sigmoid')(output)

        model = tf.keras.models.Model(inputs = [input_ids,attention_masks],outputs = output)
        model.compile(Adam(lr=1e-5), loss='binary_crossentropy', metrics=['accuracy'])

        return model
