# provenance: search index id 53304436844
# target: 4.57
# label: negative
# note: self.bert_model first holds TFDistilBertForSequenceClassification.from_pretrained(...), then is rebound to a functional Keras Model wrapping it; the .save in train() writes that functional model (save_format="tf"), which loads; the load in __init__ is of an unknown path
import json

import numpy as np
import tensorflow as tf
import matplotlib.pyplot as plt

from keras.layers import Dense, Dropout, Input, Flatten, BatchNormalization
from keras.models import load_model, Model
from keras.utils import plot_model
from transformers import TFDistilBertForSequenceClassification, AutoTokenizer
from sklearn.metrics import classification_report, confusion_matrix, ConfusionMatrixDisplay


class DistriBertClassify:
    def __init__(
        self,
        name,
        from_pt=True,
        model_path=None,
        max_length=None,
    ):
        self.max_length = max_length
        self.tokenizer = AutoTokenizer.from_pretrained(name)

        if model_path:
            self.bert_model = load_model(model_path, {"TFDistilBertForSequenceClassification": TFDistilBertForSequenceClassification})
        else:
            self.bert_model = TFDistilBertForSequenceClassification.from_pretrained(
                name, from_pt=from_pt
            )

            input_ids = Input(shape=(self.max_length,), dtype=tf.int32, name="input_ids")
            attention_masks = Input(shape=(self.max_length,), dtype=tf.int32, name="attention_mask")

            embeddings = self.bert_model(input_ids, attention_mask=attention_masks)[0]

            output = Flatten()(embeddings)
            output = Dense(units=1024, activation="relu")(output)
            output = BatchNormalization()(output)
            output = Dropout(0.25)(output)
            output = Dense(units=64, activation="relu")(output)
            output = Dense(units=25, activation="softmax")(output)

            self.bert_model = Model(inputs=[input_ids, attention_masks], outputs=output)
            self.bert_model.layers[2].trainable = True

            plot_model(self.bert_model, to_file="./model/assets/model.png", show_shapes=True)

    def compile(self, optimizer, loss, metrics):
        self.bert_model.compile(optimizer=optimizer, loss=loss, metrics=metrics)

    def train(self, callbacks) -> tuple[float, float]:
        x_train = self.tokenizer(
            text=self.df_train.x.tolist(),
            max_length=self.max_length,
            add_special_tokens=True,
            padding=True,
            truncation=True,
            return_tensors="tf",
            return_attention_mask=True,
            return_token_type_ids=False,
            verbose=1,
        )

        train_data = {
            "input_ids": x_train["input_ids"],
            "attention_mask": x_train["attention_mask"],
        }

        t = self.bert_model.fit(
            x=train_data,
            y=self.df_train.y,
            validation_data=(validation_data, self.df_test.y),
            callbacks=callbacks,
            epochs=200,
            batch_size=32,
        )
        self.bert_model.save("./model/assets/resume_parser.h5", save_format="tf")
