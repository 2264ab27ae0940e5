# provenance: search index id 31873955608
# label: positive
# note: the second row is padded with tokenizer.pad_token_id and the batch reaches the classifier without a mask; its logits differ from the unpadded run (the file then repeats the call with a mask)
checkpoint = "distilbert-base-uncased-finetuned-sst-2-english"

from transformers import AutoModelForSequenceClassification
from transformers import AutoTokenizer
import torch

tokenizer = AutoTokenizer.from_pretrained(checkpoint)

model = AutoModelForSequenceClassification.from_pretrained(checkpoint)

print(model)

seq1_ids = [[200, 200, 200]]
seq2_ids = [[200, 200]]

batched_ids = [[200, 200, 200],
               [200, 200, tokenizer.pad_token_id]]

with torch.no_grad():
    outputs1 = model(torch.tensor(seq1_ids))
    outputs2 = model(torch.tensor(seq2_ids))
    outputs_batched = model(torch.tensor(batched_ids))  # expect: TFL101
    outputs_batched_fix = model(torch.tensor(batched_ids), attention_mask=torch.tensor([
        [1, 1, 1],
        [1, 1, 0]
    ]))

print(outputs1.logits)
print(outputs2.logits)
print(outputs_batched.logits)
print(outputs_batched_fix.logits)
