# provenance: search index id 26361891712
# label: negative
# note: AutoModelForCausalLM loads bert-base-uncased as BertLMHeadModel and the text-generation pipeline accepts that model object; odd choice, no load error
import re
from transformers import AutoTokenizer, AutoModelForCausalLM, pipeline


def structure(text):
    text = text.lower()
    text = re.sub(r'[^a-zA-Z0-9\s]', '', text)

    # Structuring the text data using a pre-trained NLP model (BERT)
    tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
    model = AutoModelForCausalLM.from_pretrained("bert-base-uncased")
    generator = pipeline('text-generation', model=model, tokenizer=tokenizer)
    structured_text = generator(text, max_length=100, do_sample=False)[0]['generated_text']
    return structured_text
