# provenance: search index id 37994691391
# label: positive
# note: an explicit GPT2Config does not help: AutoModelForSeq2SeqLM has no class for gpt2 and raises "Unrecognized configuration class"
from flask import Flask, request, jsonify
from transformers import AutoTokenizer, AutoModelForSeq2SeqLM

app = Flask(__name__)

tokenizer = AutoTokenizer.from_pretrained("gpt2")
# model = AutoModelForSeq2SeqLM.from_pretrained("gpt2")
from transformers import AutoModelForSeq2SeqLM, GPT2Config

config = GPT2Config.from_pretrained("gpt2")
model = AutoModelForSeq2SeqLM.from_pretrained("gpt2", config=config)  # expect: TFL301
