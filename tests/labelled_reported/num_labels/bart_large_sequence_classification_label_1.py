# provenance: https://github.com/huggingface/transformers/issues/3096 [the reporter's code block, copied from the documentation]
# thread: https://github.com/huggingface/transformers/issues/3096
# query: AutoModelForSequenceClassification forgot num_labels 6 labels
# rank: 4
# label: negative
# note: one example with label 1 goes to bart-large's classification head, which has at least two labels; the thread's traceback is a BART bug of that release, not a label past the head
from transformers import BartTokenizer, BartForSequenceClassification
import torch

tokenizer = BartTokenizer.from_pretrained('bart-large')
model = BartForSequenceClassification.from_pretrained('bart-large')
input_ids = torch.tensor(tokenizer.encode("Hello, my dog is cute",
add_special_tokens=True)).unsqueeze(0)  # Batch size 1
labels = torch.tensor([1]).unsqueeze(0)  # Batch size 1
outputs = model(input_ids, labels=labels)
loss, logits = outputs[:2]
