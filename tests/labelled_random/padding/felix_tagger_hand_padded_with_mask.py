# provenance: search index id 1392663862 [insertion, bpe_tokenizer, ner_extract, main; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: [tokenizer.pad_token_id] * (
# rank: 7
# label: negative
# note: the rows padded by hand with the pad id go, with the mask built from them, to the project's own FelixTagger; the Transformers masked LM only ever gets one unpadded text
import itertools

import numpy as np
import torch
from tagging.tagging_model import FelixTagger
from transformers import AutoModelWithLMHead, RobertaTokenizer


def insertion(model, tokenizer, sequence, device):
    input_ids = tokenizer.encode(sequence, return_tensors="pt").to(device)
    mask_token_index = torch.where(input_ids == tokenizer.mask_token_id)[1]
    token_logits = model(input_ids)[0]
    mask_token_logits = token_logits[0, mask_token_index, :]
    ids = torch.argmax(torch.softmax(mask_token_logits, dim=1), dim=1)
    return ids.cpu().tolist()


def bpe_tokenizer(words, tokenizer, max_word_length, max_subword_length):
    token_tmp = [tokenizer.bos_token] + words + [tokenizer.eos_token]
    sub_words = [tokenizer.encode(token, add_special_tokens=False) for token in token_tmp]
    sub_words = sub_words[:max_subword_length]
    sub_word_ids = list(itertools.chain.from_iterable(sub_words))
    sub_word_ids.extend(
        [tokenizer.pad_token_id] * (max_subword_length - len(sub_word_ids))
    )  # <pad> index
    attention_mask = np.ones(len(sub_word_ids))
    attention_mask[np.array(sub_word_ids) == tokenizer.pad_token_id] = 0
    return sub_word_ids, attention_mask


def ner_extract(words, model, tokenizer, devide="cuda"):
    model.eval()
    with torch.no_grad():
        sub_word_ids, attention_mask = bpe_tokenizer(words, tokenizer, 128, 192)
        sub_word_ids = torch.tensor(sub_word_ids).unsqueeze(dim=0).to(devide)
        attention_mask = torch.tensor(attention_mask).unsqueeze(dim=0).to(devide)
        tag_logits, point_logits = model((sub_word_ids, attention_mask))
    return tag_logits, point_logits


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    pretrained_path = "models/BDIRoBerta"
    model_insertion = AutoModelWithLMHead.from_pretrained(pretrained_path).to(device)
    model = FelixTagger(model_name=pretrained_path, device=device, num_classes=10, is_training=False)
    model.eval()
    tokenizer = RobertaTokenizer.from_pretrained(pretrained_path)
    text = input("Enter text: ").strip().lower()
    tags = ner_extract(text.split(), model, tokenizer, device)
    seq_out = insertion(model_insertion, tokenizer, text, device)
