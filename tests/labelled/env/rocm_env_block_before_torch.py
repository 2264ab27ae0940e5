# provenance: search index id 53748184144
# label: negative
# note: a block of ROCm, allocator and Hugging Face variables "required before import torch", written before torch and transformers are imported
import os
import time

os.environ["HSA_OVERRIDE_GFX_VERSION"] = "9.0.6"
os.environ["HIP_VISIBLE_DEVICES"] = "0"
os.environ["HSA_ENABLE_SDMA"] = "0"
os.environ["PYTORCH_HIP_ALLOC_CONF"] = (
    "max_split_size_mb:128,garbage_collection_threshold:0.95,expandable_segments:True"
)
os.environ["HF_HOME"] = "/mnt/raid0/hf_cache"
os.environ["TRANSFORMERS_CACHE"] = "/mnt/raid0/hf_cache/transformers"

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_PATH = "/mnt/raid0/qwen3.5-9b"
