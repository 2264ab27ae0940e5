# provenance: search index id 33316707735 [imports, encode, DPR.__init__, load_context_model, load_query_model, query]
# query: padding=True)["input_ids"]
# rank: 4
# label: positive
# note: passages (padding="longest") and questions (padding=True) are padded in batches and only their input_ids reach the DPR encoders: the shorter rows attend to their pads
import json
import logging
import os
import pickle
from datetime import datetime
from typing import List

import numpy as np
import torch
from transformers import DPRContextEncoder, DPRContextEncoderTokenizerFast, DPRQuestionEncoderTokenizer, \
    DPRQuestionEncoder, DPRQuestionEncoderTokenizerFast

from biomedical_slot_filling.retrievers.dpr.biencoder_gcp import BiEncoder
from biomedical_slot_filling.retrievers.dpr.biencoder_hypers import BiEncoderHypers
from biomedical_slot_filling.retrievers.dpr.dataloader_biencoder import BiEncoderLoader

from biomedical_slot_filling.retrievers.dpr.faiss_retriever import LocalFaissRetriever


def encode(doc_batch: List, ctx_encoder: DPRContextEncoder,
           ctx_tokenizer: DPRContextEncoderTokenizerFast,
           device: str) -> np.ndarray:
    documents = {"title": [doci['title'] for doci in doc_batch], 'text': [doci['text'] for doci in doc_batch]}
    """Compute the DPR embeddings of document passages"""
    input_ids = ctx_tokenizer(
        documents["title"], documents["text"], truncation=True, padding="longest", return_tensors="pt"
    )["input_ids"]
    embeddings = ctx_encoder(input_ids.to(device=device), return_dict=True).pooler_output  # expect: TFL101
    return embeddings.detach().cpu().to(dtype=torch.float16).numpy()


class DPR:
    def __init__(self):
        self.device = str(
            torch.device("cuda" if torch.cuda.is_available() else "cpu")
        )
        self.n_gpu = torch.cuda.device_count()
        self.vector_size = 768

    def load_context_model(self, context_encoder):
        self.ctx_encoder = DPRContextEncoder.from_pretrained(context_encoder, cache_dir='data/cache_dir')
        self.ctx_tokenizer = DPRContextEncoderTokenizerFast.from_pretrained('facebook/dpr-ctx_encoder-single-nq-base',
                                                                            cache_dir='data/cache_dir')
        self.ctx_encoder.to(device=self.device)
        if self.n_gpu >1:
            self.ctx_encoder = torch.nn.DataParallel(self.ctx_encoder)
        self.ctx_encoder.eval()
    def load_query_model(self, query_encoder):
        self.query_tokenizer = DPRQuestionEncoderTokenizer.from_pretrained('facebook/dpr-question_encoder-single-nq-base',
                                                                           cache_dir='data/cache_dir')
        self.query_model = DPRQuestionEncoder.from_pretrained(query_encoder,
                                                              cache_dir='data/cache_dir')
        self.query_model.to(device=self.device)
        if self.n_gpu >1:
            self.query_model = torch.nn.DataParallel(self.query_model)
        self.query_model.eval()

    def query(self, questions, n, batch_size=32, del_index_after_use=False):
        encoded_questions = []
        for j, batch_start in enumerate(range(0, len(questions), batch_size)):
            print(str(j*batch_size), '/', len(questions))
            batch_questions = questions[batch_start : batch_start + batch_size]
            tokenized_questions = self.query_tokenizer(batch_questions, return_tensors='pt',
                                                       truncation=True,
                                                       max_length=16,
                                                       padding=True)["input_ids"]
            questions_tensor = self.query_model(tokenized_questions.to(device=self.device)).pooler_output.cpu().detach().numpy()  # expect: TFL101
            encoded_questions.extend(questions_tensor)
        encoded_questions = np.array(encoded_questions)

        results = self.retriever.get_top_docs(encoded_questions, n, del_index_after_use=del_index_after_use)
        return results
