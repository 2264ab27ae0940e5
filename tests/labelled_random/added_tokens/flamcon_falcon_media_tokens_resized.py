# provenance: search index id 23059996670
# query: add_special_tokens(
# rank: 4
# label: negative
# note: "<|endofchunk|>", "<media>" and "<PAD>" are new to Falcon-7b's vocabulary, and falcon.resize_token_embeddings(new_num_tokens=len(tokenizer)) follows at once
import os
import argparse
import glob
import torch.nn.functional as F
import torch.distributed as dist
from torch.distributed.fsdp import (
    MixedPrecision,
)
from torch import  nn, zeros, float32, float16, cuda, set_float32_matmul_precision, load, argmax, save
from torch.utils.data.distributed import DistributedSampler
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader

from tqdm import tqdm
from src.flamcon import Flamcon, LayerNorm
from src.distributed import init_distributed_device, world_info_from_env
from src.dataloader import WebVidDataset, RandomVideos


from vit_pytorch.vit import ViT
from vit_pytorch.extractor import Extractor

from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer
)

set_float32_matmul_precision('medium')

def main():
    """
    Main entry point of the script.
    """
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang_model", default="tiiuae/falcon-7b", type=str)
    args = parser.parse_args()

    #Loads language model
    falcon = AutoModelForCausalLM.from_pretrained(
                args.lang_model,
                trust_remote_code=True
            )
    #Load tokenizer
    tokenizer = AutoTokenizer.from_pretrained(args.lang_model,do_lower_case=False)
    tokenizer.add_special_tokens(
        {"additional_special_tokens": ["<|endofchunk|>", "<media>"]}
    )
    tokenizer.add_special_tokens({'pad_token': '<PAD>'})
    falcon.resize_token_embeddings(new_num_tokens=len(tokenizer))

if __name__ == "__main__":
    main()
