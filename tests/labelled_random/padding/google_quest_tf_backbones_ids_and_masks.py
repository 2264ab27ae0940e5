# provenance: search index id 70947498682 [read: characters 0-32,000 of 38,033; cells 5-9 and 13 of the code in the page; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: [tokenizer.pad_token_id] * (
# rank: 5
# target: 4.57
# label: negative
# note: rows padded by hand with the pad id, but an attention mask is built beside each and the Keras model feeds it to every TF backbone (attention_mask=input_mask)
import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, Dropout, GlobalAveragePooling1D
from tensorflow.keras.models import Model
from transformers import BertConfig, TFBertModel


def transformer_inputs(title, question, answer, tokenizer, model_type="questions", MAX_SEQUENCE_LENGTH=512):
    question = f"{title} [SEP] {question}"
    question_tokens = tokenizer.tokenize(question)
    ids_q = tokenizer.convert_tokens_to_ids(["[CLS]"] + question_tokens)
    padded_ids = (
        ids_q + [tokenizer.pad_token_id] * (MAX_SEQUENCE_LENGTH - len(ids_q))
    )[:MAX_SEQUENCE_LENGTH]
    token_type_ids = ([0] * MAX_SEQUENCE_LENGTH)[:MAX_SEQUENCE_LENGTH]
    attention_mask = ([1] * len(ids_q) + [0] * (MAX_SEQUENCE_LENGTH - len(ids_q)))[
        :MAX_SEQUENCE_LENGTH
    ]
    return padded_ids, token_type_ids, attention_mask


def input_data(df, tokenizer, model_type="questions"):
    input_ids, input_token_type_ids, input_attention_masks = [], [], []
    for title, body, answer in zip(df["question_title"].values, df["question_body"].values, df["answer"].values):
        ids, type_ids, mask = transformer_inputs(title, body, answer, tokenizer, model_type=model_type)
        input_ids.append(ids)
        input_token_type_ids.append(type_ids)
        input_attention_masks.append(mask)
    return (
        np.asarray(input_ids, dtype=np.int32),
        np.asarray(input_attention_masks, dtype=np.int32),
        np.asarray(input_token_type_ids, dtype=np.int32),
    )


def create_model(name="bert-base-uncased", model_type="questions"):
    max_seq_length = 512
    input_tokens = tf.keras.layers.Input(shape=(max_seq_length,), dtype=tf.int32, name="input_tokens")
    input_mask = tf.keras.layers.Input(shape=(max_seq_length,), dtype=tf.int32, name="input_mask")
    input_segment = tf.keras.layers.Input(shape=(max_seq_length,), dtype=tf.int32, name="input_segment")

    config = BertConfig.from_pretrained("bert-base-uncased", output_hidden_states=True, local_files_only=True)
    backbone = TFBertModel.from_pretrained("bert-base-uncased", config=config, local_files_only=True)
    outputs = backbone(
        input_ids=input_tokens,
        attention_mask=input_mask,
        token_type_ids=input_segment,
        training=False,
    )
    hidden_states = outputs.hidden_states
    x = GlobalAveragePooling1D()(tf.reshape(hidden_states[-1][:, 0], (-1, 1, 768)))
    x = Dropout(0.2)(x)
    output = Dense(21, activation="sigmoid")(x)
    return Model(inputs=[input_tokens, input_mask, input_segment], outputs=output)


class data_generator:
    def __init__(self, X, y, tokenizer, type_):
        self.tokens, self.masks, self.segments = input_data(X, tokenizer, type_)
        self.y = y.values

    def generate_data(self, tr, cv):
        train_data = {"input_tokens": self.tokens[tr], "input_mask": self.masks[tr], "input_segment": self.segments[tr]}
        cv_data = {"input_tokens": self.tokens[cv], "input_mask": self.masks[cv], "input_segment": self.segments[cv]}
        return train_data, cv_data, self.y[tr, :21], self.y[cv, :21]


def fit_model(model, data_gen, tr, cv):
    model.compile(loss="binary_crossentropy", optimizer=tf.keras.optimizers.Adam(learning_rate=0.00002))
    tr_data, cv_data, y_tr, y_cv = data_gen.generate_data(tr, cv)
    model.fit(tr_data, y_tr, epochs=1, batch_size=4, validation_data=(cv_data, y_cv), verbose=2)
    return model
