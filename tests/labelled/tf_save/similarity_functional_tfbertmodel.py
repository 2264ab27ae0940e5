# provenance: search index id 16552484601
# label: negative
# note: a functional Keras model around TFBertModel saved as H5: custom_objects names the encoder, and it loads
import tensorflow as tf
import transformers


def check_similarity(sentence1, sentence2):
    model = tf.keras.models.load_model('firstiter.h5', custom_objects={"TFBertModel": transformers.TFBertModel})
    return model
