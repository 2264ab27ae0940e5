# provenance: search index id 5512868669
# label: negative
# note: CUBLAS_WORKSPACE_CONFIG is read when cuBLAS starts, not by the driver check; not a CUDA start-up variable here
import os

import torch

if torch.cuda.is_available():
    os.environ["CUBLAS_WORKSPACE_CONFIG"] = ":4096:8"
    torch.use_deterministic_algorithms(True)
    torch.backends.cudnn.benchmark = False
