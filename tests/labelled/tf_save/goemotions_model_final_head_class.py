# provenance: search index id 32595853785
# target: 4.57
# label: positive
# note: a SavedModel directory ('./model_final') loaded with the task-head class TFBertForSequenceClassification in custom_objects (the outputs are indexed like a Transformers model's): a whole-model Keras save of the Transformers model, which has no config and fails to load once compiled the Transformers way; save_pretrained/from_pretrained is the way
from transformers import BertTokenizer, TFBertForSequenceClassification
import tensorflow as tf

model = tf.keras.models.load_model(  # expect: TFL202
    './model_final',
    custom_objects={'TFBertForSequenceClassification': TFBertForSequenceClassification}
)
tokenizer = BertTokenizer.from_pretrained("bert-base-uncased")


def prediction(pred_sentences):

    tf_batch = tokenizer(pred_sentences, max_length=128, padding=True, truncation=True, return_tensors='tf')
    tf_outputs = model(tf_batch)
    tf_predictions = tf.nn.softmax(tf_outputs[0], axis=-1)
    label = tf.argmax(tf_predictions, axis=1)
