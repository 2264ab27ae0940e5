# provenance: search index id 96849499
# label: positive
# note: diffusers and transformers are imported before the offline and cache variables are set; huggingface_hub already read TRANSFORMERS_OFFLINE, HF_HOME and HUGGINGFACE_HUB_CACHE
import os
from diffusers import (
    DPMSolverMultistepScheduler,
)
from diffusers.models.attention_processor import AttnProcessor2_0
from transformers import CLIPTextModel, CLIPTokenizer

MODEL_CACHE = "models"
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"  # expect: TFL602
os.environ["HF_HOME"] = MODEL_CACHE  # expect: TFL602
os.environ["TORCH_HOME"] = MODEL_CACHE
os.environ["HF_DATASETS_CACHE"] = MODEL_CACHE
os.environ["TRANSFORMERS_CACHE"] = MODEL_CACHE
os.environ["HUGGINGFACE_HUB_CACHE"] = MODEL_CACHE  # expect: TFL602
