# provenance: search index id 1149889418 [read: characters 0-16,000 of 17,837; mrm_ndfrt_bert and load_bert, the scoring helpers left out]
# query: pad_to_max_length=True)['input_ids']
# rank: 7
# label: positive
# note: concept names padded to 32 by encode_plus (ids only), collected and sliced into batches for the AutoModel without a mask: the CLS (and mean) term embeddings of short names include their pads
from transformers import AutoConfig, AutoModel, AutoTokenizer
import torch
import numpy as np
import os


device = torch.device("cuda:1" if torch.cuda.is_available() else "cpu")

batch_size = 512
max_seq_length = 32


def mrm_ndfrt_bert(bert_embedding, umls, cui_list, query_to_targets, k, method, summary_method):
    model, tokenizer = load_bert(bert_embedding)
    model.eval()

    input_ids = []
    new_cui_list = []
    for cui in cui_list:
        if cui in umls.cui2str:
            input_ids.append(tokenizer.encode_plus(
                list(umls.cui2str[cui])[
                    0], max_length=max_seq_length, add_special_tokens=True,
                truncation=True, pad_to_max_length=True)['input_ids'])
            new_cui_list.append(cui)

    count = len(input_ids)
    now_count = 0
    with torch.no_grad():
        while now_count < count:
            input_gpu_0 = torch.LongTensor(input_ids[now_count:min(
                now_count + batch_size, count)]).to(device)
            if summary_method == "CLS":
                embed = model(input_gpu_0)[1]  # expect: TFL101
            if summary_method == "MEAN":
                embed = torch.mean(model(input_gpu_0)[0], dim=1)  # expect: TFL101
            embed_np = embed.cpu().detach().numpy()
            if now_count == 0:
                term_embedding = embed_np
            else:
                term_embedding = np.concatenate((term_embedding, embed_np), axis=0)
            now_count = now_count + min(now_count + batch_size, count) - now_count
    return term_embedding, new_cui_list


def load_bert(model_name_or_path):
    try:
        config = AutoConfig.from_pretrained(model_name_or_path)
        model = AutoModel.from_pretrained(
            model_name_or_path, config=config).to(device)
    except BaseException:
        model = torch.load(os.path.join(
            model_name_or_path, 'pytorch_model.bin')).to(device)

    try:
        model.output_hidden_states = False
    except BaseException:
        pass

    try:
        tokenizer = AutoTokenizer.from_pretrained(model_name_or_path)
    except BaseException:
        tokenizer = AutoTokenizer.from_pretrained(
            os.path.join(model_name_or_path, "../"))
    return model, tokenizer
