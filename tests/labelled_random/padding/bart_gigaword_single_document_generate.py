# provenance: search index id 41984287606 [the model set-up, generate_sentence and the loop; the metric code and CSV writing trimmed]
# query: padding=True)['input_ids']
# rank: 7
# label: negative
# note: each document is tokenized alone, so padding=True pads nothing; BART's generate gets one unpadded row
from datasets import load_dataset
from transformers import BartForConditionalGeneration, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("a1noack/bart-large-gigaword")
model = BartForConditionalGeneration.from_pretrained("a1noack/bart-large-gigaword")

dataset = load_dataset("gigaword", split="test")
documents = dataset['document'][:50]
summaries = dataset['summary'][:50]


def generate_sentence(description, input_ids, do_sample=False, num_beams=1, top_k=50, top_p=1):
    output = model.generate(input_ids, do_sample=do_sample,
                                      num_beams=num_beams, top_k=top_k,
                                      top_p=top_p, min_length=0, max_new_tokens=12,
                                      pad_token_id=tokenizer.eos_token_id)
    tokens = output[0]
    sentence = tokenizer.batch_decode(tokens, skip_special_tokens=True, clean_up_tokenization_spaces=False)
    return "".join(sentence)


for (document, summary) in zip(documents, summaries):
    input_ids = tokenizer(document, return_tensors="pt", truncation=True, max_length=128,padding=True)['input_ids']
    s1 = generate_sentence("greedy search", input_ids, do_sample=False)
    s2 = generate_sentence("beam search 5 beams", input_ids, do_sample=False, num_beams=5)
    s3 = generate_sentence("top-k sampling, k=5", input_ids, do_sample=True, top_k=5)
