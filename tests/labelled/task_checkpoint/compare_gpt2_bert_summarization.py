# provenance: search index id 35516891791
# target: 4.57
# label: positive
# note: neither gpt2 (decoder-only) nor bert-base-uncased (encoder-only) has a seq2seq class for the summarization task
from transformers import pipeline

# Example text to summarize
text = """
Your text here. This can be a long piece of text that you want to summarize.
The summarize function will extract the most important sentences from this text.
"""

# GPT-2
summarizer_gpt2 = pipeline("summarization", model="gpt2")  # expect: TFL302
summary_gpt2 = summarizer_gpt2(text, max_length=130, min_length=30, do_sample=False)

# BERT
summarizer_bert = pipeline("summarization", model="bert-base-uncased")  # expect: TFL302
summary_bert = summarizer_bert(text, max_length=130, min_length=30, do_sample=False)
