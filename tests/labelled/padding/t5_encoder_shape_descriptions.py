# provenance: search index id 8915704199
# label: positive
# note: all shape descriptions are padded into one batch and encoded by T5EncoderModel without attention_mask; each shorter description's hidden states attend to its pads and are stored as its vector
import os
from glob import glob
from pathlib import Path
from tqdm import tqdm
from transformers import AutoTokenizer, T5EncoderModel

def main(config):
    raw_shape_info_paths = glob(os.path.join(config['raw_shape_info_paths'], '*'))

    shape_description_path = config['shape_description_path']

    transformers_name=config['transformers_name']
    pretrained_model_cache_dir=config['pretrained_model_cache_dir']

    tokenizer = AutoTokenizer.from_pretrained(transformers_name, cache_dir=pretrained_model_cache_dir)
    model = T5EncoderModel.from_pretrained(transformers_name, cache_dir=pretrained_model_cache_dir)

    sentences_dict = {}
    for raw_shape_info_path in tqdm(raw_shape_info_paths):
        desc_path = os.path.join(shape_description_path, Path(raw_shape_info_path).stem + '.txt')
        desc = open(desc_path, 'r').read().strip()
        sentences_dict[Path(raw_shape_info_path).stem] = desc

    sentence_list = []
    for key, value in sentences_dict.items():
        sentence_list.append(value)

    input_ids = tokenizer(sentence_list, return_tensors="pt", padding=True).input_ids
    outputs = model(input_ids=input_ids)  # expect: TFL101
    encoded_text = outputs.last_hidden_state
    return encoded_text
