# provenance: search index id 61362854773 [read: characters 0-16,000 of 19,599; _tokenize, FSDS, _get_xcode_vec, CodeGPTSensorK and run_exp's model and first training step; data loading and evaluation left out]
# query: += [tokenizer.pad_token_id]
# rank: 4
# label: negative
# note: each code row is padded by hand with the pad id, and the encoder call builds the mask from the pad id (input_ids.ne(pad_id)) and passes it
import random
import torch, torch.nn as nn, torch.nn.functional as F
from torch.utils.data import Dataset as TD, DataLoader
from transformers import AutoTokenizer, RobertaConfig, RobertaModel


def _tokenize(code, tokenizer, max_len):
    toks = tokenizer.tokenize(" ".join(code.split()))[:max_len-4]
    toks = [tokenizer.cls_token, "<encoder_only>", tokenizer.sep_token] + toks + [tokenizer.sep_token]
    ids = tokenizer.convert_tokens_to_ids(toks)
    ids += [tokenizer.pad_token_id] * (max_len - len(ids))
    return ids[:max_len]


class FSDS(TD):
    def __init__(self, data, tok, seq_len):
        self.data = data; self.tok = tok; self.seq_len = seq_len

    def __len__(self): return len(self.data)

    def __getitem__(self, i):
        r = self.data[i]
        ids = _tokenize(r["code"][:5000], self.tok, self.seq_len)
        return {"input_ids": torch.tensor(ids, dtype=torch.long), "label": r["label"]}


def _get_xcode_vec(encoder, input_ids, pad_id):
    mask = input_ids.ne(pad_id)
    out = encoder(input_ids, attention_mask=mask, output_hidden_states=True)
    token_emb = out[0]
    vec = (token_emb * mask.unsqueeze(-1)).sum(1) / mask.sum(-1).unsqueeze(-1).clamp(min=1)
    return vec


class CodeGPTSensorK(nn.Module):
    def __init__(self, encoder, hidden, n_cls, pad_id):
        super().__init__()
        self.encoder = encoder
        self.pad_id = pad_id
        self.classifier = nn.Linear(hidden, n_cls)

    def forward(self, input_ids, labels=None):
        vec = _get_xcode_vec(self.encoder, input_ids, self.pad_id)
        logits = self.classifier(vec)
        return F.cross_entropy(logits, labels), logits


def run_exp(tr_data, model_dir, seq=512, n_cls=6, device="cuda"):
    tok = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    pad_id = tok.pad_token_id
    tr_dl = DataLoader(FSDS(tr_data, tok, seq), shuffle=True, batch_size=32)
    config = RobertaConfig.from_pretrained(model_dir, local_files_only=True)
    encoder = RobertaModel.from_pretrained(model_dir, local_files_only=True)
    model = CodeGPTSensorK(encoder, config.hidden_size, n_cls, pad_id).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
    for b in tr_dl:
        ids = b["input_ids"].to(device)
        labs = torch.as_tensor(b["label"]).to(device)
        optimizer.zero_grad()
        loss, _ = model(ids, labs)
        loss.backward()
        optimizer.step()
