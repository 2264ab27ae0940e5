# provenance: search index id 33037761887
# label: negative
# note: H5 file: a functional wrapper around TFRobertaForSequenceClassification, which loads with the class registered
import tensorflow as tf
from transformers import AutoTokenizer, TFRobertaForSequenceClassification

tokenizer = AutoTokenizer.from_pretrained("mariagrandury/roberta-base-finetuned-sms-spam-detection")
custom_objects = {"TFRobertaForSequenceClassification": TFRobertaForSequenceClassification}
model = tf.keras.models.load_model('model.h5', custom_objects=custom_objects)
