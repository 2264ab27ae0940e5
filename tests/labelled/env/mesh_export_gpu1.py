# provenance: search index id 45684636060
# label: positive
# note: CUDA_VISIBLE_DEVICES set inside the is_available() branch, after the driver enumerated the GPUs
import os

import torch

if torch.cuda.is_available():
    os.environ['CUDA_VISIBLE_DEVICES'] = '1'  # expect: TFL601
    device = torch.device('cuda:1')
