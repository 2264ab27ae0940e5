# provenance: deph/CM3070-Final-Project cm3070-fp-2-convert_torch_to_tf.py 6de3217a4018759ce93b6ca7db702b36f5ca10b0
# target: 4.57
# label: negative
# note: a TF Transformers model converted from PyTorch and written with save_pretrained, which from_pretrained reads back
from transformers import TFBertForSequenceClassification, BertTokenizer

model_bert_tf = TFBertForSequenceClassification.from_pretrained("model_bert", from_pt=True)
tokenizer_bert_tf = BertTokenizer.from_pretrained("model_bert")

model_bert_tf.save_pretrained("saved_models/model_bert_tf")
tokenizer_bert_tf.save_pretrained("saved_models/model_bert_tf")
