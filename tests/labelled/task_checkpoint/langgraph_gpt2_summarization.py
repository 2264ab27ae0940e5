# provenance: search index id 26105513881
# target: 4.57
# label: positive
# note: summarization pipeline on gpt2, which has no seq2seq class
from langgraph import LangGraph
from .database import get_product_data
from transformers import pipeline

# Initialize LLM summarizer (HuggingFace GPT-2)
summarizer = pipeline("summarization", model="gpt2")  # expect: TFL302

def summarize_product_data(data: str) -> str:
    """Summarize the product data using the LLM"""
    return summarizer(data)[0]['summary_text']
