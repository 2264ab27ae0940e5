# provenance: search index id 20119081889
# label: negative
# note: CUDA_VISIBLE_DEVICE (no S) is not a variable CUDA reads; a different bug, not TFL601
import os

import torch

if args.cuda and torch.cuda.is_available():
    os.environ['CUDA_VISIBLE_DEVICE'] = args.gpu_id
    device = torch.device('cuda')
