# provenance: search index id 59140339379
# label: negative
# note: the mask-less padded demo is commented out; the live code pads with the tokenizer and passes the whole encoding
from transformers import AutoTokenizer, AutoModelForSequenceClassification
import torch

checkpoint = "distilbert-base-uncased-finetuned-sst-2-english"
tokenizer = AutoTokenizer.from_pretrained(checkpoint)
model = AutoModelForSequenceClassification.from_pretrained(checkpoint)

# sequence1_ids = [[200, 200, 200]]
# sequence2_ids = [[200, 200]]
# batched_ids = [[200, 200, 200], [200, 200, tokenizer.pad_token_id]]
# print(model(torch.tensor(sequence1_ids)).logits)
# print(model(torch.tensor(sequence2_ids)).logits)
# print(model(torch.tensor(batched_ids)).logits)

sequence1 = [
    "I’ve been waiting for a HuggingFace course my whole life.",
    "I hate this so much!",
]

inputs = tokenizer(sequence1, padding=True, truncation=True, return_tensors="pt")
output = model(**inputs)
print(output.logits)
