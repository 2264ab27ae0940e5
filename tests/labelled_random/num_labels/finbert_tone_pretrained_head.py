# provenance: search index id 16441345643
# query: ForSequenceClassification.from_pretrained(
# rank: 8
# label: negative
# note: the FinBERT-tone checkpoint's own trained head is used as is; the file defines no labels
from transformers import BertForSequenceClassification
import pandas as pd

class NewsAnalyzer:
    def __init__(self):
        self.model = BertForSequenceClassification.from_pretrained('yiyanghkust/finbert-tone')
        
    def analyze_news(self, text):
        inputs = self.tokenizer(text, return_tensors="pt")
        outputs = self.model(**inputs)
        return outputs.logits.softmax(dim=1)
