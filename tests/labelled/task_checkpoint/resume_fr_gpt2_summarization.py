# provenance: search index id 48136622065
# target: 4.57
# label: positive
# note: the summarization task needs a seq2seq model; gpt2 (decoder-only) has none, so pipeline() fails
import sys
from transformers import pipeline
import math

input_file = sys.argv[1]
output_file = sys.argv[2]

# Charger le modèle GPT-2 pour le résumé de texte
model = pipeline("summarization", model="gpt2")  # expect: TFL302
