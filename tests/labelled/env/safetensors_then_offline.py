# provenance: search index id 57944666778
# label: negative
# note: only numpy and safetensors (which does not import huggingface_hub) are imported before the offline flags are set
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
import sys

import numpy as np
from safetensors import safe_open


os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["PYTHONNOUSERSITE"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

EXPERIMENT_ID = "EXP-047"
