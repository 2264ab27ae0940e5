# provenance: search index id 17026460471 [imports, QwenReranker.transform_documents, get_qwen_reranker less its device branches and logging]
# query: tokenizer.pad(
# rank: 5
# label: negative
# note: the tokenizer is loaded with padding_side="left", so the last position is real in every row, and the model gets **inputs with the mask
from __future__ import annotations
from functools import lru_cache
from typing import List,Sequence

import torch
from langchain_core.documents import Document
from langchain_core.callbacks import Callbacks
from loguru import logger
from pydantic import Field
from langchain_core.documents.transformers import BaseDocumentTransformer
from transformers import AutoModelForCausalLM, AutoTokenizer

from MemeMind_LangChain.app.core.config import settings


class QwenReranker(BaseDocumentTransformer):
    model: AutoModelForCausalLM = Field(exclude=True)
    tokenizer: AutoTokenizer = Field(exclude=True)
    device: torch.device = Field(exclude=True)

    # 预先计算好的、模型特定的 Token ID
    prefix_tokens: List[int] = Field(exclude=True)
    suffix_tokens: List[int] = Field(exclude=True)
    token_true_id: int = Field(exclude=True)
    token_false_id: int = Field(exclude=True)

    # Reranker 的指令和最大长度
    task_instruction: str
    max_length: int = 8192
    top_n: int = 5  # 默认返回重排后前 5 个结果

    def transform_documents(
            self, documents: Sequence[Document], callbacks: Callbacks = None, **kwargs: any
    ) -> Sequence[Document]:
        query = kwargs.get("query")
        if query is None:
            raise ValueError("QwenReranker 调用时必须在参数中提供 'query'。")
        if not documents:
            return []
        pairs = [
            f"<Instruct>: {self.task_instruction}\n<Query>: {query}\n<Document>: {doc.page_content}"
            for doc in documents
        ]
        with torch.no_grad():
            inputs = self.tokenizer(
                pairs,
                padding=False,
                truncation="longest_first",
                return_attention_mask=False,
                max_length=self.max_length - len(self.prefix_tokens) - len(self.suffix_tokens),
            )
            for i in range(len(inputs["input_ids"])):
                inputs["input_ids"][i] = self.prefix_tokens + inputs["input_ids"][i] + self.suffix_tokens

            inputs = self.tokenizer.pad(inputs, padding=True, return_tensors="pt")
            inputs = {k: v.to(self.device) for k, v in inputs.items()}

            # --- c. 计算分数 ---
            last_token_logits = self.model(**inputs).logits[:, -1, :]
            true_vector = last_token_logits[:, self.token_true_id]
            false_vector = last_token_logits[:, self.token_false_id]

            batch_scores = torch.stack([false_vector, true_vector], dim=1)
            batch_scores = torch.nn.functional.log_softmax(batch_scores, dim=1)
            scores = batch_scores[:, 1].exp().cpu().tolist()
        for doc, score in zip(documents, scores):
            doc.metadata["relevance_score"] = score  # 将分数存入每个文档的元数据中

        sorted_documents = sorted(documents, key=lambda d: d.metadata["relevance_score"], reverse=True)
        return sorted_documents[:self.top_n]


@lru_cache(maxsize=1)
def get_qwen_reranker(top_n: int = 5) -> QwenReranker:
    device = torch.device("cpu")
    model_kwargs = {}
    tokenizer = AutoTokenizer.from_pretrained(settings.RERANKER_MODEL_PATH, padding_side="left")
    model = AutoModelForCausalLM.from_pretrained(settings.RERANKER_MODEL_PATH, **model_kwargs).to(device).eval()

    prefix = "<|im_start|>system\nJudge whether the Document meets the requirements based on the Query and the Instruct provided. Note that the answer can only be \"yes\" or \"no\".<|im_end|>\n<|im_start|>user\n"
    suffix = "<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n"
    prefix_tokens = tokenizer.encode(prefix, add_special_tokens=False)
    suffix_tokens = tokenizer.encode(suffix, add_special_tokens=False)
    token_true_id = tokenizer.convert_tokens_to_ids("yes")
    token_false_id = tokenizer.convert_tokens_to_ids("no")

    reranker = QwenReranker(
        model=model,
        tokenizer=tokenizer,
        device=device,
        prefix_tokens=prefix_tokens,
        suffix_tokens=suffix_tokens,
        token_true_id=token_true_id,
        token_false_id=token_false_id,
        task_instruction=settings.RERANKER_INSTRUCTION,
        top_n=top_n
    )
    return reranker
