# provenance: search index id 158444307
# label: negative
# note: BART's config has a pad_token_id, so generate() builds the attention mask from the pads itself; the test compares batched and single beams
from transformers import BartForConditionalGeneration, BartTokenizer
from transformers.testing_utils import torch_device


def test_generate_batch_beam(self):
    tokenizer = BartTokenizer.from_pretrained("hf-internal-testing/tiny-random-bart")
    model = BartForConditionalGeneration.from_pretrained(
        "hf-internal-testing/tiny-random-bart", max_length=50, num_beams=5, num_return_sequences=5
    ).to(torch_device)

    model.config.eos_token_id = None
    input_ids = tokenizer(articles[0], return_tensors="pt").input_ids.to(torch_device)
    input_ids_batched = tokenizer(articles, padding=True, return_tensors="pt").input_ids.to(torch_device)

    output_sequences_batched = model.generate(
        input_ids=input_ids_batched, return_dict_in_generate=True, output_scores=True
    )
    output_sequences = model.generate(input_ids=input_ids, return_dict_in_generate=True, output_scores=True)
    return output_sequences_batched, output_sequences
