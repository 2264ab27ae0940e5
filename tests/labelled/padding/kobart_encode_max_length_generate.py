# provenance: search index id 49377616606 [lines 1-12]
# label: negative
# note: BART's generate infers the mask from its own pad id (distinct from EOS), so ids padded to max_length without a mask are masked anyway
import torch
from transformers import BartForConditionalGeneration, BartTokenizerFast

model_path = 'summarization2.pt'
model = BartForConditionalGeneration.from_pretrained(model_path)
tokenizer = BartTokenizerFast.from_pretrained("hyunwoongko/kobart")


def generate_summary(input_text):
    input_ids = tokenizer.encode(input_text, max_length=500, truncation=True, padding='max_length', return_tensors='pt').to(device)
    summary_ids = model.generate(input_ids, max_length=128, num_beams=4, early_stopping=True)
    summary = tokenizer.decode(summary_ids[0], skip_special_tokens=True)
    return summary
