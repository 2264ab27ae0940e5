# provenance: search index id 34947209782
# label: positive
# note: facebook/bart-base (bart) does load with AutoModelForSeq2SeqLM, but gpt2 (model_type gpt2, decoder-only) has no seq2seq class
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

# Load models and tokenizers
model_1 = AutoModelForSeq2SeqLM.from_pretrained("facebook/bart-base")
tokenizer_1 = AutoTokenizer.from_pretrained("facebook/bart-base")
model_2 = AutoModelForSeq2SeqLM.from_pretrained("gpt2")  # expect: TFL301
tokenizer_2 = AutoTokenizer.from_pretrained("gpt2")
