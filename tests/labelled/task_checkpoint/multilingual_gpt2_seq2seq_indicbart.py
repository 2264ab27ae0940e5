# provenance: search index id 8386510368
# label: positive
# note: the English branch loads gpt2 (decoder-only) with AutoModelForSeq2SeqLM; the IndicBART branch (mbart) is fine
from transformers import AutoTokenizer, AutoModelForSeq2SeqLM


def load_language_models():
    """Initialize all language models"""
    if not language_models['en']['model']:
        language_models['en']['tokenizer'] = AutoTokenizer.from_pretrained("gpt2")
        language_models['en']['model'] = AutoModelForSeq2SeqLM.from_pretrained("gpt2")  # expect: TFL301

    if not language_models['hi']['model']:
        indicbart_tokenizer = AutoTokenizer.from_pretrained("ai4bharat/IndicBART", do_lower_case=False)
        indicbart_model = AutoModelForSeq2SeqLM.from_pretrained("ai4bharat/IndicBART")
