# provenance: search index id 10483654588 [lines 1-35]
# label: positive
# note: a fine-tuned BERT classifier (loaded with torch.load) gets a text padded to max_len without its mask; nothing in the file says the loaded object is a Transformers model
import torch
import pandas as pd
from transformers import BertTokenizer

max_len = 128
tokenizer = BertTokenizer.from_pretrained('bert-base-multilingual-cased')
model = torch.load('chatgpt-bert',map_location='cpu')
df = pd.read_csv('data.csv')
labels = df['label'].unique()


def classify_text(text):
    encoded_dict = tokenizer.encode_plus(
        text,
        add_special_tokens=True,
        max_length=max_len,
        pad_to_max_length=True,
        return_attention_mask=True,
        return_tensors='pt',
    )
    input_ids = encoded_dict['input_ids']
    outputs = model(input_ids)[0]  # expect: TFL101
    _, predicted = torch.max(outputs, 1)
    return labels[predicted.item()]
