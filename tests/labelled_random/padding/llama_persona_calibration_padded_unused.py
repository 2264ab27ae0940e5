# provenance: search index id 57390842751 [get_calibration_data, phase2_wanda_mask's calibration and phase2_sparsegpt_mask's use of the data; phase 3 left out]
# query: padding='max_length').input_ids
# rank: 8
# label: negative
# note: the calibration texts padded to 512 (pad = EOS) are only checked for emptiness and never reach the model; the Wanda calibration runs each text alone, unpadded, with its whole encoding
import random
import torch
from transformers import LlamaForCausalLM, LlamaTokenizer


def get_calibration_data(tokenizer, calib_file_path, n_samples=128, seq_len=512):
    with open(calib_file_path, 'r', encoding='utf-8') as f:
        lines = f.readlines()
    random.shuffle(lines)
    samples = lines[:n_samples]
    all_tokens = []
    for text in samples:
        if text.strip():
            tokens = tokenizer(text.strip(), return_tensors='pt', max_length=seq_len,
                               truncation=True, padding='max_length').input_ids
            all_tokens.append(tokens)
    if not all_tokens:
        return torch.tensor([])
    return torch.cat(all_tokens, dim=0)


def phase2_wanda_mask(merged_model_path, calib_seek_file):
    model = LlamaForCausalLM.from_pretrained(merged_model_path, torch_dtype=torch.bfloat16, device_map='auto')
    tokenizer = LlamaTokenizer.from_pretrained(merged_model_path)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    with open(calib_seek_file, 'r', encoding='utf-8') as f:
        lines = f.readlines()
    for line in lines:
        if text := line.strip():
            tokens = tokenizer(text, return_tensors='pt', truncation=True, max_length=512).to(model.device)
            with torch.no_grad():
                model(**tokens)


def phase2_sparsegpt_mask(merged_model_path, calib_seek_file, calib_reject_file, block_size=128):
    device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
    model = LlamaForCausalLM.from_pretrained(merged_model_path, torch_dtype=torch.float16, device_map='auto')
    tokenizer = LlamaTokenizer.from_pretrained(merged_model_path)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    calib_data = {
        "seek": get_calibration_data(tokenizer, calib_seek_file),
        "reject": get_calibration_data(tokenizer, calib_reject_file)
    }
    for name, module in model.named_modules():
        if not isinstance(module, torch.nn.Linear):
            continue
        for personality in ["seek", "reject"]:
            W = module.weight.data.clone().to(device).float()
            calib_tensor = calib_data[personality].to(device)
            if calib_tensor.numel() == 0:
                continue
