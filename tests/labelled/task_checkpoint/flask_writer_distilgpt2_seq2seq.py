# provenance: search index id 43583369232
# label: positive
# note: distilgpt2 is a GPT-2 checkpoint (model_type gpt2, decoder-only); AutoModelForSeq2SeqLM has no GPT-2 class and raises "Unrecognized configuration class"
from distutils.log import debug
import string
from flask import Flask, render_template, request
from transformers import (
    AutoTokenizer,
    pipeline,
    AutoModelForSeq2SeqLM

)
app = Flask(__name__)

tokenizer = AutoTokenizer.from_pretrained("distilgpt2")
model = AutoModelForSeq2SeqLM.from_pretrained("distilgpt2")  # expect: TFL301
writer = pipeline("text-generation", model=model, tokenizer=tokenizer, num_return_sequences=3);
