# provenance: search index id 20080790531
# label: negative
# note: torch.cuda.device_count() counts through NVML without initialising CUDA, and importing transformers starts none, so CUDA_VISIBLE_DEVICES still applies
import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader
import os
import sys

from transformers import AutoTokenizer, AutoModel
import warnings
warnings.filterwarnings('ignore')

if torch.cuda.device_count() > 1:
    os.environ["CUDA_VISIBLE_DEVICES"] = "0"

use_ncf_architecture = True
used_learning_rate = 1e-4
