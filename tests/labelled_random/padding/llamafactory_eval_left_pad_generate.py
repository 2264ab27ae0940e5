# provenance: search index id 33165640856 [imports, Evaluator.__init__, batch_inference, the per-subject loop of eval() cut down to its formatting and batching loops]
# query: tokenizer.pad(
# rank: 7
# label: negative
# note: padding side set to left, tokenizer.pad returns the mask, and generate gets **batch_input
import json
import os
from typing import TYPE_CHECKING, Any, Optional
import re

import numpy as np
import torch
from datasets import load_dataset
from tqdm import tqdm, trange
from transformers.utils import cached_file

from ..data import get_template_and_fix_tokenizer
from ..extras.constants import CHOICES, SUBJECTS
from ..hparams import get_eval_args
from ..model import load_model, load_tokenizer
from .template import get_eval_template, count_words

NUM_RETURN_SEQUENCES = 10

class Evaluator:
    def __init__(self, args: Optional[dict[str, Any]] = None) -> None:
        self.model_args, self.data_args, self.eval_args, finetuning_args = get_eval_args(args)
        self.tokenizer = load_tokenizer(self.model_args)["tokenizer"]
        self.tokenizer.padding_side = "left"  # avoid overflow issue in batched inference for llama2
        self.template = get_template_and_fix_tokenizer(self.tokenizer, self.data_args)
        self.model = load_model(self.tokenizer, self.model_args, finetuning_args)
        self.eval_template = get_eval_template(self.eval_args.lang)
        self.choice_inputs = [self.tokenizer.encode(ch, add_special_tokens=False)[-1] for ch in CHOICES]

    @torch.inference_mode()
    def batch_inference(self, batch_input: dict[str, "torch.Tensor"]) -> list[str]:
        gen_kwargs = {
            "tokenizer": self.tokenizer,
            "stop_strings": ["[Question]", "[Query]", "Answer: A", "Answer: B", "Answer: C", "Answer: D"],
            "repetition_penalty": 1.0,
            "temperature": self.eval_temperature,
            "top_k": 20,
            "top_p": 0.95,
            "num_return_sequences": NUM_RETURN_SEQUENCES,
            "do_sample": True,
        }

        batch_size = batch_input["input_ids"].shape[0]
        input_len = batch_input["input_ids"].shape[1]
        gen_kwargs["max_length"] = input_len+2000

        gen_ids = self.model.generate(**batch_input, **gen_kwargs)
        grouped = [
            gen_ids[i*gen_kwargs["num_return_sequences"]:(i+1)*gen_kwargs["num_return_sequences"]] for i in range(batch_size)
        ]
        texts = [
            [self.tokenizer.decode(ids[input_len:], skip_special_tokens=True) for ids in group]
            for group in grouped
        ]
        return [[self._parse_answer(t) for t in group] for group in texts]

    def eval(self) -> None:
        pbar = tqdm(categorys.keys(), desc="Processing subjects", position=0)
        for subject in pbar:
            inputs, outputs, labels = [], [], []
            for i in trange(len(dataset["test"]), desc="Formatting batches", position=1, leave=False):
                messages = self.eval_template.format_example(
                    target_data=dataset["test"][i],
                    support_set=support_set,
                )

                input_ids, _ = self.template.encode_oneturn(tokenizer=self.tokenizer, messages=messages)
                inputs.append({"input_ids": input_ids, "attention_mask": [1] * len(input_ids)})

            for i in trange(
                0, len(inputs), self.eval_args.batch_size, desc="Predicting batches", position=1, leave=False
            ):
                batch_input = self.tokenizer.pad(
                    inputs[i : i + self.eval_args.batch_size], return_attention_mask=True, return_tensors="pt"
                ).to(self.model.device)
                pred_groups = self.batch_inference(batch_input)
