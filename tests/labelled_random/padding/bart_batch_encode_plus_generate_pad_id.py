# provenance: search index id 26317309061 [imports, evaluate() up to the generate call]
# query: padding="max_length"
# rank: 2
# label: negative
# note: max_length-padded inputs go to BART's generate without the mask, but BART's pad id (1) differs from its eos (2), so generate builds the mask from the ids
from argparse import ArgumentParser
from rich.progress import track
import json
from pathlib import Path

from itertools import zip_longest

from datasets import Dataset, load_dataset
from transformers import BartForConditionalGeneration, BartTokenizer
from transformers import TrainingArguments, Trainer
from transformers.models.bart.modeling_bart import shift_tokens_right

import hfutils

import torch

@torch.inference_mode()
def evaluate(args):
    # data
    dataset = args.dataset
    train = Dataset.load_from_disk(f"hf_datasets/train_{dataset}.hf")
    valid = Dataset.load_from_disk(f"hf_datasets/valid_{dataset}.hf")
    test = Dataset.load_from_disk(f"hf_datasets/test_{dataset}.hf")

    # forgot to save tokenizer and model, rerun training and fix this
    tokenizer = hfutils.get_bart_tokenizer()

    # model
    checkpoint_string = f"checkpoint-{args.checkpoint}"

    output_dir=f"./hf-results-{args.dataset}-l{args.learning_rate}-b{args.batch_size}/{checkpoint_string}"
    model = BartForConditionalGeneration.from_pretrained(
        output_dir, forced_bos_token_id=0,
    )
    model.resize_token_embeddings(len(tokenizer))

    def convert_to_features(example_batch):
        scenario_ids = example_batch["scenario_id"]
        input_encodings = tokenizer.batch_encode_plus(
            example_batch['input'],
            max_length = args.max_length,
            padding="max_length",
            truncation=True,
            return_tensors="np",
        )
        target_encodings = tokenizer.batch_encode_plus(
            example_batch['label'],
            max_length = args.output_max_length,
            padding="max_length",
            truncation=True,
            return_tensors="np",
        )
        
        labels = target_encodings['input_ids']
        decoder_input_ids = shift_tokens_right(
            torch.tensor(labels),
            model.config.pad_token_id,
            model.config.eos_token_id,
        ).numpy()
        labels[labels[:, :] == model.config.pad_token_id] = -100
        
        encodings = {
            'input_ids': input_encodings['input_ids'],
            'attention_mask': input_encodings['attention_mask'],
            'decoder_input_ids': decoder_input_ids,
            'labels': labels,
            "scenario_ids": example_batch["scenario_id"],
            "chat_ids": example_batch["chat_id"],
        }

        return encodings

    def process_dataset(dataset):
        dataset = dataset.map(convert_to_features, batched=True)
        columns = [
            'input_ids',
            'labels',
            'decoder_input_ids',
            'attention_mask',
        ]
        dataset.set_format(type='torch', columns=columns, output_all_columns=True)
        return dataset

    tokenized_train = process_dataset(train)
    tokenized_valid = process_dataset(valid)
    tokenized_test = process_dataset(test)

    IS_TEXT = args.dataset[:4] == "text"

    ids_inputs_labels_outputs = []

    exact_match = 0
    num_examples = 0
    bsz = args.batch_size
    max_examples = len(tokenized_valid)
    for batch_idx in track(range(max_examples // bsz)):
    #for batch_idx in range(max_examples // bsz):
        batch = tokenized_valid[batch_idx * bsz: (batch_idx+1) * bsz]
        # one at a time
        model_input = batch["input_ids"]
        output = model.generate(
            model_input,
            num_beams = args.beam_size if IS_TEXT else None,
            num_return_sequences = args.beam_size if IS_TEXT else None,
            output_scores = True,
            return_dict_in_generate = True,
            max_new_tokens = 40,
        )
        output_dots = tokenizer.batch_decode(output.sequences, skip_special_tokens=True)
