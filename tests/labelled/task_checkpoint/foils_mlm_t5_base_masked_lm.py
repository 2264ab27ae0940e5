# provenance: search index id 484740073
# label: positive
# note: t5-base (model_type t5, an encoder-decoder trained on span corruption) has no masked-LM class, so AutoModelForMaskedLM raises; bert, albert, SpanBERT (bert), roberta and bart branches do load
import torch
from transformers import AutoTokenizer, AutoModelForMaskedLM
from GRUEN.main import preprocess_candidates, get_grammaticality_score

def create_proficiency_foils_from_lms(sentence, mask_target, lm, proficiency_task, grammer_threshold=0.8):
    mask_before, mask_after = sentence.split(mask_target)

    if lm == "bert":
        tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
        model     = AutoModelForMaskedLM.from_pretrained("bert-base-uncased")
    elif lm == "albert":
        tokenizer = AutoTokenizer.from_pretrained("albert-base-v2")
        model     = AutoModelForMaskedLM.from_pretrained("albert-base-v2")
    elif lm == "spanbert":
        tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
        model     = AutoModelForMaskedLM.from_pretrained("SpanBERT/spanbert-base-cased")
    elif lm == "roberta":
        tokenizer = AutoTokenizer.from_pretrained("roberta-base")
        model     = AutoModelForMaskedLM.from_pretrained("roberta-base")
    elif lm == "bart":
        tokenizer = AutoTokenizer.from_pretrained("facebook/bart-large")
        model     = AutoModelForMaskedLM.from_pretrained("facebook/bart-large")
    elif lm == "t5":
        tokenizer = AutoTokenizer.from_pretrained("t5-base")
        model     = AutoModelForMaskedLM.from_pretrained("t5-base")  # expect: TFL301

    sequence          = (f"{mask_before}{tokenizer.mask_token}{mask_after}.")
    inputs            = tokenizer(sequence, return_tensors="pt")
    mask_token_index  = torch.where(inputs["input_ids"] == tokenizer.mask_token_id)[1]
    token_logits      = model(**inputs)[0]
