# provenance: search index id 9932748959
# label: negative
# note: CUDA_VISIBILE_DEVICES is misspelt: CUDA never reads it (another bug; TFL601 is about order)
import os

import torch

if torch.cuda.is_available():
    os.environ["CUDA_VISIBILE_DEVICES"] = "0,1"
    device = torch.device("cuda")
    num_gpus = torch.cuda.device_count()
