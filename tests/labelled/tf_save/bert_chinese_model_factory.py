# provenance: repository not given by the search tool (code corpus, query "TFBertForSequenceClassification model.save then tf.keras.models.load_model", rank 9)
# label: positive
# note: the factory reloads with Keras what it otherwise builds as a TFBertForSequenceClassification: a Keras save of a Transformers model, which loads as an object that cannot be called
from typing import Union

import tensorflow as tf
from transformers import TFBertForSequenceClassification, TFPreTrainedModel

default_model_path = 'bert-base-chinese'


def modelFactory(path: Union[str, None] = None) -> Union[tf.keras.Model, TFPreTrainedModel]:
    if path:
        return tf.keras.models.load_model(path)  # expect: TFL202
    else:
        model: TFPreTrainedModel = TFBertForSequenceClassification.from_pretrained(default_model_path, num_labels=2)
        return model
