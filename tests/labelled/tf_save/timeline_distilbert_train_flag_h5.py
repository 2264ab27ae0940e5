# provenance: search index id 20439482216
# target: 4.57
# label: positive
# note: the module-level model is TFDistilBertForSequenceClassification.from_pretrained(...); inside `if TRAIN:` it is fitted and saved with Keras .save(...h5), which Keras refuses for a subclassed model (NotImplementedError) and which carries no config; save_pretrained (or save_weights, as the else branch reloads) is the way
import tensorflow as tf
from transformers import DistilBertTokenizer, TFDistilBertForSequenceClassification
import pandas as pd

model_path = 'distilbert-base-uncased'
tokenizer = DistilBertTokenizer.from_pretrained(model_path)
model = TFDistilBertForSequenceClassification.from_pretrained(model_path, id2label={0: "NEG", 1: "POS"},
                                                              label2id={"NEG": 0, "POS": 1})

TRAIN = True
if TRAIN:
    df_trn = pd.read_csv("BERT_DATA_trn.csv")
    df_tst = pd.read_csv("BERT_DATA_tst.csv")

    model.summary()

    OPTIMIZER = tf.keras.optimizers.Adam(learning_rate=5e-5)
    #LOSS = tf.keras.losses.BinaryCrossentropy()
    LOSS = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    BATCH_SIZE = 16
    EPOCHS = 3

    # build the model
    model.compile(optimizer=OPTIMIZER,
                  loss=LOSS,
                  metrics=METRICS)

    history = model.fit(train_dataset.shuffle(len(x_train)).batch(BATCH_SIZE),
                        validation_data=val_dataset.shuffle(len(x_valid)).batch(BATCH_SIZE),
                        class_weight=CLASS_WEIGHT,
                        batch_size=BATCH_SIZE,
                        epochs=EPOCHS,
                        callbacks=[CB_TENSORBOARD, CB_EARLYSTOP])

    model.save('bert_models/Fine_Tuned_BERT_BinaryClass_initial.h5')  # expect: TFL201
else:
    model = TFDistilBertForSequenceClassification.from_pretrained(model_path, id2label={0: "NEG", 1: "POS"},
                                                                     label2id={"NEG": 0, "POS": 1})
    model.load_weights('bert_models/model_reg_D32tan_D16tan_D1sig.h5')
