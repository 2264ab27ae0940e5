# provenance: search index id 34115540719
# label: positive
# note: HF_HOME is set after `from sentence_transformers import SentenceTransformer` imported huggingface_hub, so the embedding model still downloads to the default cache
import argparse
from pathlib import Path
import numpy as np, os
import torch
from sentence_transformers import SentenceTransformer

script_dir = Path(__file__).parent
project_root = script_dir.parent
models_dir = project_root / "models"

# set up HF env vars
os.environ["TRANSFORMERS_CACHE"] = str(models_dir)
os.environ["HF_HOME"] = str(models_dir)  # expect: TFL602


def main():
    model = SentenceTransformer("Qwen/Qwen3-Embedding-8B", device="cuda")
    return model
