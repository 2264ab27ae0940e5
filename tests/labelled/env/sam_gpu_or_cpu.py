# provenance: search index id 62529202694
# label: positive
# note: the GPU branch sets CUDA_VISIBLE_DEVICES after is_available() initialised the driver; the else branch runs only without a GPU
import os

import torch

if torch.cuda.is_available():
    os.environ["CUDA_VISIBLE_DEVICES"] = "0"  # expect: TFL601
    print("Using GPU")
else:
    os.environ["CUDA_VISIBLE_DEVICES"] = ""
    print("Using CPU")
