# provenance: search index id 7181086234
# target: 4.57
# label: positive
# note: Keras load_model of a whole-model .h5 with TFBertModel as a custom object, instead of save_pretrained / from_pretrained
import tensorflow as tf
import transformers
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained('bert-base-cased')
#bert = TFBertModel.from_pretrained('bert-base-cased')

encoded_dict  = {'anger':0,'fear':1, 'joy':2, 'love':3, 'sadness':4, 'surprise':5}
model2 = tf.keras.models.load_model('model/model_name.h5', custom_objects={"TFBertModel": transformers.TFBertModel})  # expect: TFL202
