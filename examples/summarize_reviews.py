"""Summarise product reviews with a pipeline, as transformers 4.x documented it."""
from transformers import pipeline

reviews = [
    "The blender is loud but it crushes ice in seconds and cleans up easily. Worth the price.",
    "Arrived late, box damaged, and the lid cracked on the second use. Support never answered.",
]

summarizer = pipeline("summarization", model="google-t5/t5-small")
for review in reviews:
    print(summarizer(review, max_length=24)[0]["summary_text"])
