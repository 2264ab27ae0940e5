# provenance: search index id 11289065717
# label: negative
# note: the gpt2 summarization pipeline is commented out; the function summarises by sentence scores
from transformers import pipeline


def summarize(sentences, sentenceValue, average):
    summary = ''
    for sentence in sentences:
        if (sentence in sentenceValue) and (sentenceValue[sentence] > (1.2 * average)):
            summary += " " + sentence
    return summary

    # try:
    #     # Initializing the summarization pipeline
    #     summarizer = pipeline("summarization", model="gpt2", tokenizer="gpt2", framework="tf")

    #     # Generating the summary
    #     summary = summarizer(content, max_length=100, min_length=30, do_sample=False)
