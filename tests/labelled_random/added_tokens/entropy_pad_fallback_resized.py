# provenance: search index id 13982422385
# query: add_special_tokens(
# rank: 3
# label: negative
# note: the hit is a commented-out add in a helper; the live add of "[PAD]" (only when the tokenizer has neither pad nor eos) is followed by model.resize_token_embeddings(len(tokenizer))
from transformers import AutoTokenizer, AutoModelForCausalLM
from utils import read_jsonl_file
import torch
import argparse
import math
import random
from tqdm import tqdm
import os
import json


def batched_mean_entropy(texts: list[str], model, tokenizer, device):
    # 3. Pad model input sequences for batching
    # Ensure tokenizer has a pad_token_id; if not, set it (e.g., to eos_token_id)
    if tokenizer.pad_token_id is None:
        if tokenizer.eos_token_id is not None:
            tokenizer.pad_token_id = tokenizer.eos_token_id
        else:
            # Fallback: Add a new pad token if necessary, though this is less ideal
            # For most pretrained models, eos_token_id or an existing pad_token_id should be available.
            # tokenizer.add_special_tokens({'pad_token': '[PAD]'})
            # model.resize_token_embeddings(len(tokenizer)) # If new token added
            raise ValueError("Tokenizer must have a pad_token_id for batch padding.")


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description="Calculate token entropies for generated texts.")
    parser.add_argument("--model_path", type=str, required=True,
                        help="Path to the pretrained model directory.")
    args = parser.parse_args()
    model_path = args.model_path
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    print(f"Loading model and tokenizer from {model_path}...")
    try:
        model = AutoModelForCausalLM.from_pretrained(model_path)
        model.eval()
        tokenizer = AutoTokenizer.from_pretrained(model_path)
        # Ensure pad_token is set for batching
        if tokenizer.pad_token_id is None:
            if tokenizer.eos_token_id is not None:
                tokenizer.pad_token_id = tokenizer.eos_token_id
                print(f"Set tokenizer.pad_token_id to eos_token_id: {tokenizer.eos_token_id}")
            else:
                # A fallback, though most tokenizers should have eos or pad.
                tokenizer.add_special_tokens({'pad_token': '[PAD]'})
                model.resize_token_embeddings(len(tokenizer)) # Important if new token added
                print(f"Added new pad_token: {tokenizer.pad_token}")
        
        model.to(device)
        print("Model and tokenizer loaded successfully.")
    except Exception as e:
        print(f"Failed to load model or tokenizer: {e}")
        exit(1)
