# provenance: search index id 8561198285
# label: negative
# note: the `.cuda()` before the write is commented out; nothing has started CUDA when CUDA_VISIBLE_DEVICES is set
import torch
import os
import sys
from torch.nn.modules.distance import PairwiseDistance
l2_distance = PairwiseDistance(2)#.cuda()
os.environ["CUDA_VISIBLE_DEVICES"] = "0"

pwd = os.path.abspath('./')
