# provenance: search index id 28640106475 [imports, the __main__ block; the model class is omitted]
# query: padding=True
# rank: 5
# label: negative
# note: the padded texts go to the wrapper model with input_ids and attention_mask both passed
import torch
import torch.nn as nn
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedModel, PretrainedConfig
from transformers.modeling_outputs import CausalLMOutputWithPast
import sys
sys.path.append('/zengdaojian/zhangjia/BioLatent/smi-ted/smi-ted/inference')
from smi_ted_light.load import load_smi_ted
import torch.nn.functional as F
from transformers.generation.utils import GenerationConfig
from transformers.modeling_outputs import CausalLMOutputWithPast
from typing import Optional

import torch
from typing import List, Optional


if __name__ == "__main__":
    # 初始化模型
    model = Qwen3MoleculeLLM(
        qwen_model_name="/zengdaojian/zhangjia/BioLatent/Qwen4B",
    ).cuda()
    
    tokenizer = model.tokenizer

    # 示例文本
    texts = [
        "Please describe the functional groups of this molecule.",
        "Please describe the functional groups of this molecule  123  yes"
    ]
    
    # 文本编码
    enc = tokenizer(texts, return_tensors="pt", padding=True, truncation=True)
    input_ids = enc["input_ids"].cuda()
    attention_mask = enc["attention_mask"].cuda()

    # 示例SMILES
    smiles_list = [
        "CC(=O)OC1=CC=CC=C1C(=O)O",  # 阿司匹林
        "CC(=O)OC1=CC=CC=C1C(=O)O"
    ]
    
    # 示例标签（实际训练时会来自数据集）
    Labels = [
        "CC(=O)OC1=CC=CC=C1C(=O)O",
        "CC(=O)OC1=CC=CC=C1C(=O)O"
    ]
