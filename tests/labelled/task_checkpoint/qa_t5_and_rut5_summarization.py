# provenance: search index id 7437978279
# target: 4.57
# label: negative
# note: t5-small and IlyaGusev/rut5_base_sum_gazeta are both t5 checkpoints, which the summarization task (seq2seq) serves
from transformers import pipeline
from functions import calculate_adaptive_summary_length, complete_sentence
english_summarizer = pipeline("summarization", model="t5-small", timeout=30)
russian_summarizer = pipeline("summarization", model="IlyaGusev/rut5_base_sum_gazeta", timeout=30)
