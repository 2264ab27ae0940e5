# provenance: search index id 49033209863
# label: negative
# note: pads by batch_encode_plus or by hand, but builds attention_mask = input_ids.ne(pad_token_id) and returns it with the ids
import torch
from transformers import BartForMaskedLM, BartTokenizer

torch_device = "cuda" if torch.cuda.is_available() else "cpu"
PAD_TOKEN_ID = 1
hf = BartForMaskedLM.from_pretrained("/Users/shleifer/transformers_fork/converted_cnn/", output_past=True,)
tok = BartTokenizer.from_pretrained("bart-large")

def batch_input_ids(article_texts, device=torch_device, pad_token_id=PAD_TOKEN_ID):
    """Very gross!"""
    encoded = [tok.encode(s) for s in article_texts]
    enc_lens = [len(x) for x in encoded]

    if max(enc_lens) <= 1024:
        input_ids = tok.batch_encode_plus(article_texts, return_tensors="pt", pad_to_max_length=True)["input_ids"].to(
            device
        )
    else:
        encoded = [tok.encode_plus(s, max_length=1023)["input_ids"] for s in article_texts]
        n_pad = [max(0, 1023 - x) * [pad_token_id] for x in enc_lens]
        input_ids = torch.tensor(
            [[0] + n_pad[i] + encoded[i] for i in range(len(enc_lens))], device=device, dtype=torch.long
        )

    attention_mask = input_ids.ne(pad_token_id).to(device)
    return input_ids, attention_mask
