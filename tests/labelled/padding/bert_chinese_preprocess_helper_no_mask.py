# provenance: search index id 67239773465 [a Markdown python block, section 2.5.2]
# label: positive
# note: a helper pads the training texts (padding=True) and returns the encoding; only input_ids go into the BERT classifier
import torch
from transformers import AutoTokenizer, AutoModelForSequenceClassification

tokenizer = AutoTokenizer.from_pretrained('bert-base-chinese')
model = AutoModelForSequenceClassification.from_pretrained('bert-base-chinese', num_labels=len(in_domain_categories))


def preprocess_text(texts):
    inputs = tokenizer(texts, padding=True, truncation=True, return_tensors='pt')
    return inputs


inputs = preprocess_text(X_train)
with torch.no_grad():
    encoded_inputs = model(inputs.input_ids)  # expect: TFL101
