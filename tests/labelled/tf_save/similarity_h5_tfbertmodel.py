# provenance: search index id 16552484601
# target: 4.57
# label: positive
# note: a whole-model Keras .h5 holding a TFBertModel is loaded back with load_model and custom_objects, the save/load the guide says Transformers TF models do not survive
import numpy as np
import tensorflow as tf
import transformers


def check_similarity(sentence1, sentence2):
    model=tf.keras.models.load_model('firstiter.h5', custom_objects={"TFBertModel": transformers.TFBertModel})  # expect: TFL202
    sentence_pairs = np.array([[str(sentence1), str(sentence2)]])
    return model, sentence_pairs
