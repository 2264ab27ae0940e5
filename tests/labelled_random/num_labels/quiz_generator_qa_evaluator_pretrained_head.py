# provenance: search index id 3555338
# query: ForSequenceClassification.from_pretrained(
# rank: 6
# label: negative
# note: a trained QA-evaluator checkpoint is loaded with its own head; the file defines no labels
import warnings

import torch
from sentence_transformers import SentenceTransformer
from transformers import (AutoModelForSeq2SeqLM,
                          AutoModelForSequenceClassification,
                          AutoModelWithLMHead, AutoTokenizer, pipeline)

warnings.filterwarnings(action='ignore')
DEVICE = 'cuda' if torch.cuda.is_available() else 'cpu'

## 문제 평가 
qae_tokenizer = AutoTokenizer.from_pretrained("iarfmoose/bert-base-cased-qa-evaluator")
qae_model = AutoModelForSequenceClassification.from_pretrained("iarfmoose/bert-base-cased-qa-evaluator")
qae_model.to(DEVICE)
