# provenance: search index id 59516817852
# label: positive
# note: "T5-base" (the hub resolves it to google-t5/t5-base, model_type t5) loaded with AutoModelForCausalLM for summarisation; T5 needs AutoModelForSeq2SeqLM
from transformers import AutoTokenizer, AutoModelForCausalLM


def summarize_document(document:str,max_length:int)->str:
    tokenizer=AutoTokenizer.from_pretrained("T5-base")
    model=AutoModelForCausalLM.from_pretrained("T5-base",return_dict=True)  # expect: TFL301

    tokenized_text=tokenizer.encode(
        "Summarize: "+document,
        return_tensors="pt",
        max_length=max_length,
        truncation=False
    )
    output=model.generate(tokenized_text, max_length=max_length)
    return tokenizer.decode(output[0])
