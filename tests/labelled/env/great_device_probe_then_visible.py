# provenance: search index id 13619164871
# label: positive
# note: torch.cuda.current_device() and get_device_name(0) initialise CUDA on the first GPU before CUDA_VISIBLE_DEVICES is assigned, so the assignment changes nothing
import os
import torch
from sklearn.model_selection import train_test_split

from be_great import GReaT
from utils import set_logging_level

# Setup
print(torch.cuda.is_available())
print(torch.cuda.current_device())
print(torch.cuda.device(0))
print(torch.cuda.get_device_name(0))
os.environ["CUDA_VISIBLE_DEVICES"] = "0"  # expect: TFL601
