# provenance: search index id 47778373901
# label: positive
# note: HF_ENDPOINT is set after transformers, trl and peft were imported: huggingface_hub fixed its endpoint at import, so the downloads below do not go to the mirror
import os, sys, torch, json, random

import numpy as np
from transformers import Qwen2_5_VLForConditionalGeneration, AutoProcessor
from trl import SFTTrainer
from functools import partial
from peft import get_peft_model

device_map = "balanced"

seed = 928
random.seed(seed)
np.random.seed(seed)
torch.manual_seed(seed)
torch.cuda.manual_seed(seed)
torch.cuda.manual_seed_all(seed)

os.environ["HF_ENDPOINT"] = "https://hf-mirror.com"  # expect: TFL602

model_id = "Qwen/Qwen2.5-VL-7B-Instruct"
processor = AutoProcessor.from_pretrained(model_id, cache_dir="/home/junru/.cache/models")

model = Qwen2_5_VLForConditionalGeneration.from_pretrained(
    model_id,
    device_map=device_map,
    torch_dtype=torch.bfloat16,
    cache_dir="/home/junru/.cache/models"
)
