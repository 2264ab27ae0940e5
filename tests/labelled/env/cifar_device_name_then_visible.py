# provenance: search index id 34158201734
# label: positive
# note: get_device_name/get_device_properties initialise CUDA before the visible devices are chosen
import os

import torch

device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
print(torch.cuda.get_device_name())
print(torch.cuda.get_device_properties(device))
if torch.cuda.is_available():
    os.environ["CUDA_VISIBLE_DEVICES"] = str(args.gpu)  # expect: TFL601
    torch.cuda.set_device(args.gpu)
