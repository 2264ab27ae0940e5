# provenance: https://github.com/huggingface/transformers/issues/9102 [the reporter's code block, the printed output moved into a comment]
# thread: https://github.com/huggingface/transformers/issues/9102
# query: logits shape 2 but I have 3 labels sequence classification
# rank: 4
# label: negative
# note: the logits come back (512, 2) because the inputs are one unbatched sequence, not because of the head's label count; no label reaches the two-label head
from transformers import TFRobertaForSequenceClassification, RobertaConfig
import numpy as np

seq_len = 512

classifier = TFRobertaForSequenceClassification(RobertaConfig())

#create random inputs for demo
input_ids = np.random.randint(0,10000, size=(seq_len,))
attention_mask = np.random.randint(0,2, size=(seq_len,))
token_type_ids = np.random.randint(0,2, size=(seq_len,))

#make a prediction with batch_size of 1
output = classifier.predict([input_ids, attention_mask, token_type_ids])

print(output.logits.shape)  # -> prints out (512,2)
