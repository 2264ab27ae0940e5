# provenance: search index id 3996486630
# label: negative
# note: generate() gets pad_token_id, so it builds the attention mask from the pads itself (encoder-decoder model, pad differs from eos)
import torch
from transformers import AutoTokenizer, AutoModelForSeq2SeqLM


DEVICE = "cuda" if torch.cuda.is_available() else "cpu"
MODEL_PATH = "ZurabDz/geo-spell-check-v8"
MAX_LENGTH = 64

model = AutoModelForSeq2SeqLM.from_pretrained(MODEL_PATH).to(DEVICE)
tokenizer = AutoTokenizer.from_pretrained(MODEL_PATH, padding=True)
model.eval()


def inference(input):
    input_ids = tokenizer(input.texts, return_tensors="pt", padding=True)["input_ids"]
    input_ids = input_ids.to(DEVICE)

    with torch.no_grad():
        outputs = model.generate(
            input_ids,
            max_length=MAX_LENGTH,
            do_sample=True,
            top_k=30,
            top_p=0.95,
            pad_token_id=model.config.pad_token_id,
        )
    return tokenizer.batch_decode(outputs, skip_special_tokens=True)
