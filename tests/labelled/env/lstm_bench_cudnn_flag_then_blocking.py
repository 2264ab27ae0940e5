# provenance: search index id 11236933226
# label: negative
# note: reading torch.backends.cudnn.enabled starts no CUDA; CUDA_LAUNCH_BLOCKING is set before the first CUDA tensor
import os
import torch
from tqdm import tqdm

import sys

print("CUDNN Enabled:", torch.backends.cudnn.enabled)

os.environ["CUDA_LAUNCH_BLOCKING"] = "1"


device = "cuda"
dtype = torch.float16
T, B, D = 1024, 16, 768

x = torch.randn([T, B, D], device=device, dtype=dtype)

lstm_mod = torch.nn.LSTM(
    D, D, 1, bidirectional=False, device=device, dtype=dtype, batch_first=False
)

for _ in tqdm(range(1), desc="Warmup - CUDnn"):
    out = lstm_mod(x)[0].sum().backward()
