# provenance: search index id 44342129296 [lines 1-16, 118-125]
# label: negative
# note: generate of T5 (pad id 0, distinct from EOS) on a padded batch_encode_plus batch infers the mask from the pad id
import os
import torch
from transformers import T5Tokenizer, T5ForConditionalGeneration

model = T5ForConditionalGeneration.from_pretrained("google/flan-t5-base", torch_dtype="auto", device_map="auto")
tokenizer = T5Tokenizer.from_pretrained("google/flan-t5-base")


def _classify_text_batch(prompts, choices, top_k, **kwargs):
    if 'output_scores' not in kwargs:
        kwargs['output_scores'] = True
    if 'return_dict_in_generate' not in kwargs:
        kwargs['return_dict_in_generate'] = True

    # Batch processing of prompts
    inputs = tokenizer.batch_encode_plus(prompts, return_tensors="pt", padding=True, truncation=True).to(model.device)
    outputs = model.generate(input_ids=inputs['input_ids'], **kwargs)
    return outputs
