# provenance: search index id 6120787953 [imports, globals, get_bert_embed]
# query: padding='max_length')['input_ids']
# rank: 10
# label: positive
# note: each phrase is padded to 32 by encode_plus and only its input_ids kept; slices of the collected rows go to CODER (a BERT model) without a mask, and the mean over all 32 positions includes the pads
import numpy as np
import torch
from tqdm import tqdm
from transformers import AutoTokenizer, AutoModel

device = torch.device("cuda:0")
batch_size = 64
model = AutoModel.from_pretrained('GanjinZero/coder_eng_pp')
tokenizer = AutoTokenizer.from_pretrained('GanjinZero/coder_eng_pp')


def get_bert_embed(phrase_list, normalize=True, summary_method="MEAN", tqdm_bar=False):
    global model, tokenizer
    input_ids = []
    for phrase in phrase_list:
        input_ids.append(tokenizer.encode_plus(
            phrase, max_length=32, add_special_tokens=True,
            truncation=True, padding='max_length')['input_ids'])
    model.eval()
    model = model.to(device)
    count = len(input_ids)
    now_count = 0
    output_list = []
    with torch.no_grad():
        while now_count < count:
            input_gpu_0 = torch.LongTensor(input_ids[now_count:min(
                now_count + batch_size, count)]).to(device)
            if summary_method == "CLS":
                embed = model(input_gpu_0)[1]  # expect: TFL101
            if summary_method == "MEAN":
                embed = torch.mean(model(input_gpu_0)[0], dim=1)  # expect: TFL101
            if normalize:
                embed_norm = torch.norm(
                    embed, p=2, dim=1, keepdim=True).clamp(min=1e-12)
                embed = embed / embed_norm
            if now_count % 1000000 == 0:
                if now_count != 0:
                    output_list.append(output.cpu().numpy())
                output = embed
            else:
                output = torch.cat((output, embed), dim=0)
            now_count = min(now_count + batch_size, count)
    output_list.append(output.cpu().numpy())
    return np.mean(np.concatenate(output_list, axis=0), axis=0)
