# provenance: search index id 22296535280
# target: 4.57
# label: positive
# note: summarization pipeline on gpt2, which has no seq2seq class
# app/services/summarizer.py
from transformers import pipeline

summarizer = pipeline("summarization", model="gpt2")  # expect: TFL302

def summarize_document(content: str) -> str:
    summary = summarizer(content, max_length=150, min_length=30, do_sample=False)
    return summary[0]['summary_text']
