# provenance: search index id 38887058640
# label: negative
# note: t5-large is a T5 checkpoint (model_type t5, encoder-decoder): AutoModelForSeq2SeqLM is its class
# Load model directly
from transformers import AutoTokenizer, AutoModelForSeq2SeqLM

tokenizer = AutoTokenizer.from_pretrained("t5-large")
model = AutoModelForSeq2SeqLM.from_pretrained("t5-large")
model.save_pretrained('save')
tokenizer.save_pretrained('save')
