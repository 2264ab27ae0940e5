# provenance: search index id 12993272921
# query: tokenizer.add_tokens(
# rank: 4
# label: negative
# note: "<BOS>" and "<SEP>" are new to GPT-2's vocabulary; the GPT-2 inside the VAE wrapper is resized (model.gpt2.resize_token_embeddings(len(tokenizer))) before training
import torch
from torch.utils.data import DataLoader
from transformers import GPT2Tokenizer
from datasets import load_dataset
from dpo_vae import MyLatentDPOModel_no_decoder, MyLatentDPOModel, GPT2VAEModel  # 你的 VAE 模型

model_name = "gpt2"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

tokenizer = GPT2Tokenizer.from_pretrained(model_name)
tokenizer.pad_token = tokenizer.eos_token  # 避免padding问题

# 加上特殊标记（可选）
BOS = "<BOS>"
SEP = "<SEP>"
tokenizer.add_tokens([BOS, SEP])
bos_id = tokenizer.convert_tokens_to_ids(BOS)
sep_id = tokenizer.convert_tokens_to_ids(SEP)

# ---------------------------
# 4. 初始化模型
# ---------------------------
model = GPT2VAEModel(gpt2_model_name=model_name).to(device)
model.gpt2.resize_token_embeddings(len(tokenizer))  # 加了新 token 需要调整词表

optimizer = torch.optim.Adam(model.gpt2.parameters(), lr=1e-3)
