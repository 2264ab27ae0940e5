# provenance: microsoft/analysing_pii_leakage src/pii_leakage/models/language_model.py 04ce67b4adf5141f99beab7471688d6d6e18a77a [load() and _fine_tune() (without its two callback lines); the other methods and unused imports left out]
# thread: https://github.com/microsoft/analysing_pii_leakage/issues/13
# query: add_special_tokens pad_token [PAD] index out of range generate
# rank: 1
# label: negative
# note: "[PAD]" is added to the (GPT-2) tokenizer and the language model is resized to len(tokenizer) right after, its new row set to the mean embedding; the Trainer then gets the resized model
from abc import abstractmethod
from dataclasses import dataclass
from typing import List, Union

import dp_transformers
import numpy as np
import torch
from tqdm import tqdm
from transformers import DataCollatorForLanguageModeling, Trainer, AutoTokenizer, AutoModelForCausalLM, \
    TrainerCallback

from ..arguments.env_args import EnvArgs
from ..arguments.model_args import ModelArgs
from ..arguments.trainer_args import TrainerArgs
from ..utils.callbacks import EvaluatePerplexityCallback, PrintSampleCallback
from ..utils.web import is_valid_url, download_and_unzip


class LanguageModel:

    def __init__(self, model_args: ModelArgs, env_args: EnvArgs = None):
        """ A wrapper class around a huggingface LM.
        """
        self.model_args = model_args
        self.env_args = env_args if env_args is not None else EnvArgs()

        self._lm = None  # the language model in huggingface
        self._tokenizer = None  # the tokenizer in huggingface
        self._data = {}  # additional data to be saved for the model

    def load(self, verbose: bool = False) -> 'LanguageModel':
        """ Loads the model and tokenizer from the checkpoint.
        """
        model_cls, tokenizer = AutoModelForCausalLM, AutoTokenizer

        if self.model_args.model_ckpt:  # always load the checkpoint if provided.
            if verbose:
                print(
                    f"> Loading the provided {self.model_args.architecture} checkpoint from '{self.model_args.model_ckpt}'.")

            if is_valid_url(self.model_args.model_ckpt):
                self.model_args.model_ckpt = download_and_unzip(self.model_args.model_ckpt)
            self._lm = model_cls.from_pretrained(self.model_args.model_ckpt, return_dict=True).eval()
        elif self.model_args.pre_trained:  # if no checkpoint is provided, load a public, pre-trained model.
            if verbose:
                print(f"> Loading a public, pre-trained {self.model_args.architecture} model.")
            self._lm = model_cls.from_pretrained(self.model_args.architecture, return_dict=True).eval()
        else:  # no checkpoint and no pre-trained model, hence randomly initialize model's parameters.
            if verbose:
                print(f"> Loading an uninitialized {self.model_args.architecture} model.")
            self._lm = model_cls(config=self.get_config())


        self._tokenizer = tokenizer.from_pretrained(self.model_args.architecture,
                                                    use_fast=self.model_args.tokenizer_use_fast)
        num_added_toks = self._tokenizer.add_special_tokens({'pad_token': '[PAD]'})
        mean_tok_emb = self._lm.transformer.wte.weight.data.mean(dim=0)
        self._lm.resize_token_embeddings(len(self._tokenizer))

        # Initialize the newly-added token embedding to the mean of all token embeddings
        for i in range(num_added_toks):
            self._lm.transformer.wte.weight.data[-(i + 1), :] = mean_tok_emb

        self._lm.to(self.env_args.device)
        return self

    def _fine_tune(self,
                   train_dataset,
                   eval_dataset,
                   train_args: TrainerArgs,
                   extra_callbacks: List[TrainerCallback] = None):
        """ Fine-Tune the model and save checkpoints to output directory
        """
        if extra_callbacks is None:
            extra_callbacks = []

        data_collator = DataCollatorForLanguageModeling(tokenizer=self._tokenizer, mlm=False)

        print("Tokenizing Train and Eval Datasets ..")
        eval_dataset = eval_dataset.shuffle().select(list(range(train_args.limit_eval_dataset)))
        train_dataset, eval_dataset = self.tokenize_datasets([train_dataset, eval_dataset])
        print("Done Tokenizing!")

        train_args.evaluation_strategy = "no"
        trainer = Trainer(model=self._lm,
                          args=train_args,
                          train_dataset=train_dataset,
                          eval_dataset=eval_dataset,
                          data_collator=data_collator,
                          callbacks=extra_callbacks)

        trainer.train(resume_from_checkpoint=train_args.resume_from_checkpoint)
        trainer.save_model()
        self._lm.eval()
