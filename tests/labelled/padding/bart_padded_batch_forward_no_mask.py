# provenance: search index id 45020347609 [lines 20-36]
# label: positive
# note: five sentences padded to the longest go into BART's forward as input_ids alone: the encoder attends to the pads of the shorter ones
from transformers import BartForConditionalGeneration, BartTokenizer

model = BartForConditionalGeneration.from_pretrained("facebook/bart-base")
tokenizer = BartTokenizer.from_pretrained('facebook/bart-base')

sentences = ("I love my cute dog",
            "I hate black cats",
            "I was walking down the street",
            "I hate the knee grow",
            "Please don't say this")

inputs = tokenizer(sentences, return_tensors="pt", padding=True)

output = model(inputs.input_ids)  # expect: TFL101
print(output.logits.shape)
