# provenance: search index id 30243584640
# label: positive
# note: the availability check initialises the driver; selecting GPU 0 afterwards changes nothing
import os

import torch

if torch.cuda.is_available():
    os.environ['CUDA_VISIBLE_DEVICES'] = '0'  # expect: TFL601
else:
    os.environ['CUDA_VISIBLE_DEVICES'] = '-1'

os.environ['TF_CPP_MIN_LOG_LEVEL'] = '2'
