# provenance: search index id 7181086234
# label: negative
# note: functional wrapper of TFBertModel in H5; custom_objects with the base model loads
import tensorflow as tf
import transformers
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained('bert-base-cased')
model2 = tf.keras.models.load_model('model/model_name.h5', custom_objects={"TFBertModel": transformers.TFBertModel})
