# provenance: mansakrishna23/Sentiment-Analysis-Movie-Recommendations Code/Other/bert_validate.py (search tool, code corpus; no commit given)
# label: negative
# note: a TF Hub BERT in a functional Keras model, read back with tf.saved_model.load: no Transformers model
import tensorflow as tf
import tensorflow_hub as hub


def build_classifier_model():
    text_input = tf.keras.layers.Input(shape=(), dtype=tf.string, name='text')
    encoder_inputs = hub.KerasLayer(tfhub_handle_preprocess, name='preprocessing')(text_input)
    outputs = hub.KerasLayer(tfhub_handle_encoder, trainable=True, name='BERT_encoder')(encoder_inputs)
    net = tf.keras.layers.Dense(1, activation=None, name='classifier')(outputs['pooled_output'])
    return tf.keras.Model(text_input, net)


classifier_model = build_classifier_model()
saved_model_path = './imdb_bert'
classifier_model.save(saved_model_path, include_optimizer=False)
model = tf.saved_model.load(saved_model_path)
