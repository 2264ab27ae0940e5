# provenance: search index id 9959542429 [main's model branch, get_simlarity, get_bert_embed]
# query: pad_to_max_length=True)['input_ids']
# rank: 2
# label: positive
# note: phrase pairs padded to 32 by encode_plus (ids only) and batched by slicing go to the AutoModel without a mask: CLS and mean similarities of short phrases include the pads; get_bert_embed (never called here, on a parameter nothing passes) is not expected
import os
import sys
import numpy as np
from scipy.stats import spearmanr
from read_data import get_srs

import torch
from transformers import AutoTokenizer, AutoModel, AutoConfig


batch_size = 32
device = "cuda:0"


def main():
    filename = sys.argv[1]
    try:
        config = AutoConfig.from_pretrained(filename)
        model = AutoModel.from_pretrained(
            filename, config=config).to(device)
    except BaseException:
        model = torch.load(os.path.join(
            filename, 'pytorch_model.bin')).to(device)
    try:
        tokenizer = AutoTokenizer.from_pretrained(filename)
    except BaseException:
        tokenizer = AutoTokenizer.from_pretrained(
            os.path.join(filename, "../"))
    for task, scores in get_srs().items():
        xs, ys = scores
        input_0 = []
        input_1 = []
        for x in xs:
            phrase1, phrase2 = x
            input_0.append(phrase1)
            input_1.append(phrase2)
        preds_cls, preds_mean = get_simlarity(input_0, input_1, model, tokenizer)
        print(task, spearmanr(preds_cls, ys), spearmanr(preds_mean, ys))


def get_simlarity(input_0, input_1, m, tok):
    input_ids_0 = []
    input_ids_1 = []
    for phrase in input_0:
        input_ids_0.append(tok.encode_plus(
            phrase, max_length=32, add_special_tokens=True,
            truncation=True, pad_to_max_length=True)['input_ids'])
    for phrase in input_1:
        input_ids_1.append(tok.encode_plus(
            phrase, max_length=32, add_special_tokens=True,
            truncation=True, pad_to_max_length=True)['input_ids'])
    count = len(input_0)

    now_count = 0
    m.eval()
    with torch.no_grad():
        while now_count < count:
            input_gpu_0 = torch.LongTensor(input_ids_0[now_count:min(
                now_count + batch_size, count)]).to(device)
            input_gpu_1 = torch.LongTensor(input_ids_1[now_count:min(
                now_count + batch_size, count)]).to(device)
            embed_0 = m(input_gpu_0)[1]  # expect: TFL101
            embed_1 = m(input_gpu_1)[1]  # expect: TFL101
            embed_0_mean = torch.mean(m(input_gpu_0)[0], dim=1)  # expect: TFL101
            embed_1_mean = torch.mean(m(input_gpu_1)[0], dim=1)  # expect: TFL101
            tmp = torch.sum(torch.mul(embed_0, embed_1), dim=1)
            tmp_mean = torch.sum(torch.mul(embed_0_mean, embed_1_mean), dim=1)
            if now_count == 0:
                sim, sim_mean = tmp, tmp_mean
            else:
                sim = torch.cat((sim, tmp), dim=0)
                sim_mean = torch.cat((sim_mean, tmp_mean), dim=0)
            now_count = min(now_count + batch_size, count)
    return sim.cpu().detach().numpy(), sim_mean.cpu().detach().numpy()


def get_bert_embed(phrase, m, tok):
    input_id = tok.encode_plus(
        phrase, max_length=32, add_special_tokens=True,
        truncation=True, pad_to_max_length=True, return_tensors="pt")['input_ids']
    m.eval()
    with torch.no_grad():
        embed = m(input_id)[1].cpu().detach()[0]
    return embed


if __name__ == '__main__':
    main()
