# provenance: search index id 44214996943
# label: positive
# note: each sequence is padded to 512 by encode_plus(pad_to_max_length=True); the stacked ids reach BertModel without a mask, so the pooled output attends to the pads
import torch
from transformers import BertModel, BertConfig, DNATokenizer
import numpy as np

dir_to_pretrained_model = "../model/6-new-12w-0"
path_to_config = 'https://raw.githubusercontent.com/jerryji1993/DNABERT/master/src/transformers/dnabert-config/bert-config-6/config.json'
test_file = "sample_data/ft/6/dev.tsv"

config = BertConfig.from_pretrained(path_to_config)
tokenizer = DNATokenizer.from_pretrained('dna6')
model = BertModel.from_pretrained(dir_to_pretrained_model, config=config)

seqs = []
labels = []
with open(test_file) as ifile:
    next(ifile)
    for line in ifile:
        sequence, label = line.strip().split('\t')
        seqs.append(sequence)
        labels.append(label)

model_input = []
for idx, seq in enumerate(seqs):
    model_input.append(tokenizer.encode_plus(seq,
        add_special_tokens=True,
        max_length=512,
        pad_to_max_length=True)["input_ids"])
model_input = torch.tensor(model_input, dtype=torch.long)

batch_size = 8

pooled_encodings = []
for i in range(0, model_input.shape[0], batch_size):
    output = model(model_input[i:(i+batch_size), :])  # expect: TFL101
    pooled_encodings.append(output[1].detach().numpy())
