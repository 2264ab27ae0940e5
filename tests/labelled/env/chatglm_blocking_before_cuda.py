# provenance: search index id 71595664031
# label: negative
# note: importing transformers starts no CUDA; CUDA_LAUNCH_BLOCKING is set before the model's .cuda()
import torch
from transformers import AutoTokenizer, AutoModel
import os

os.environ["CUDA_LAUNCH_BLOCKING"] = "1"

tokenizer = AutoTokenizer.from_pretrained("THUDM/chatglm-6b", trust_remote_code=True)
model = AutoModel.from_pretrained("THUDM/chatglm-6b", trust_remote_code=True).half().cuda()
