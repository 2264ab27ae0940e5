# provenance: search index id 56109058228
# label: positive
# note: `import unsloth` (which queries the GPU's capability, starting CUDA) and datasets/trl (huggingface_hub) are imported before the variables are set, so hf_transfer stays off and GPU 0 is not selected
import os, sys, shutil

import unsloth
import torch, json, random, re
from pathlib import Path
from datasets import Dataset
from unsloth import FastLanguageModel
from trl import SFTTrainer, SFTConfig, GRPOConfig, GRPOTrainer

os.environ["TRANSFORMERS_VERBOSITY"]    = "error"
os.environ["TOKENIZERS_PARALLELISM"]    = "false"
os.environ["HF_HUB_ENABLE_HF_TRANSFER"] = "1"  # expect: TFL602
os.environ["WANDB_DISABLED"]            = "true"
os.environ["BITSANDBYTES_NOWELCOME"]    = "1"
if torch.cuda.device_count() > 1:
    os.environ["CUDA_VISIBLE_DEVICES"] = "0"  # expect: TFL601
    print("Kaggle T4 x2 detected -- using GPU 0 only (Unsloth single-GPU).")

has_cuda = torch.cuda.is_available()
use_bf16 = has_cuda and torch.cuda.is_bf16_supported()
