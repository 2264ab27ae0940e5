# provenance: search index id 18235258176
# target: 4.57
# label: negative
# note: the TF Transformers models returned by train_model are written with save_weights(...h5), Keras's weights-only save, which the same model class reloads with load_weights; no whole-model Keras save
import tensorflow as tf
from transformers import AutoTokenizer, TFAutoModelForSequenceClassification
from tensorflow.keras.losses import BinaryCrossentropy
from tensorflow.keras.optimizers import Adam


def train_model(lm, epoch, bs, lr, sl, X_train, Y_train, X_dev, Y_dev):
    # Selecting the correct tokenizer for the model, and loading the model
    tokenizer = AutoTokenizer.from_pretrained(lm, use_fast=False)
    model = TFAutoModelForSequenceClassification.from_pretrained(lm,
                                                                 num_labels=20,
                                                                 problem_type="multi_label_classification")

    # Setting the loss and optimization function
    loss_function = BinaryCrossentropy(from_logits=True)
    optim = Adam(learning_rate=lr)
    return model


print('Training RoBERTa-large with best data setup')
ROBERTA = train_model('roberta-large', 20, 8, 1e-5, 120, x_train_B, y_train_B, x_dev_B, y_dev_B)
test_model('roberta-large', 20, 8, 1e-5, 120, ROBERTA, x_test_B, y_test_B, y_train_A)
test_model('roberta-large', 20, 8, 1e-5, 120, ROBERTA, x_test_A, y_test_A, y_train_A)
ROBERTA.save_weights('LTP_ROBERTA_weights.h5')


print('Training DeBERTa-large with best data setup')
DEBERTA = train_model('microsoft/deberta-large', 20, 8, 1e-5, 120, x_train_B, y_train_B, x_dev_B, y_dev_B)
test_model('microsoft/deberta-large', 20, 8, 1e-5, 120, DEBERTA, x_test_B, y_test_B, y_train_A)
DEBERTA.save_weights('LTP_DEBERTA_weights.h5')
