# provenance: search index id 12164399919
# target: 4.57
# label: negative
# note: t5-small (model_type t5) is a seq2seq model; the summarization pipeline loads it
import os
from sentence_transformers import SentenceTransformer
from transformers import pipeline

GOOGLE_API_KEY = os.getenv("GOOGLE_API_KEY")

embedder = SentenceTransformer('all-MiniLM-L6-v2')
summarizer = pipeline("summarization", model="t5-small", tokenizer="t5-small")
