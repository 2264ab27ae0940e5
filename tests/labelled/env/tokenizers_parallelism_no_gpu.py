# provenance: search index id 23753809965
# label: negative
# note: TOKENIZERS_PARALLELISM is read by the tokenizers library, not by CUDA
import os

import torch

if not torch.cuda.is_available():
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
