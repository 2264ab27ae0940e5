# provenance: search index id 68423230076
# label: negative
# note: torch.cuda.manual_seed before the write is queued lazily and starts no CUDA; CUDA_VISIBLE_DEVICES is set before the first is_available()
import os
import argparse
import numpy as np
import torch

SEED = 123
os.environ["PYTHONHASHSEED"] = str(SEED)

torch.manual_seed(SEED)
torch.cuda.manual_seed(SEED)
torch.cuda.manual_seed_all(SEED)

np.random.seed(SEED)

torch.backends.cudnn.deterministic = True
torch.backends.cudnn.benchmark = False

parser = argparse.ArgumentParser("TFGridNetV2 training")
parser.add_argument(
    "--gpus",
    type=str,
    default="0,1,2,3",
)
args = parser.parse_args()

if args.gpus.strip():
    os.environ["CUDA_VISIBLE_DEVICES"] = args.gpus.strip()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
