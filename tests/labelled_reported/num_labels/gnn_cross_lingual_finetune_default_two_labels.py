# provenance: TencentGameMate/gnn_cross_lingual bert_finetune.py 28751c3262a5a7165ea91e471a35fa3f2d672cd9 [get_model_cls, finetune_mode() without its translation loader, timing, scheduler and validation lines, and TransformerEncoder without _save_cache; num_correct, format_time, embed_sentences and split_batch left out]
# thread: https://github.com/TencentGameMate/gnn_cross_lingual/issues/5
# query: Target 5 is out of bounds num_labels
# rank: 3
# label: positive
# note: TransformerEncoder fine-tunes through finetune_mode() without num_labels, so the head gets the default 2, while the labels fed are the integers of the task's train.txt (12 classes for the repository's SLU task, more in the thread): IndexError: Target 12 is out of bounds; the label count lives in the data file, not in the code
import os
import time
import datetime
import random
import torch
from torch.utils.data import TensorDataset, random_split
from torch.utils.data import DataLoader, RandomSampler, SequentialSampler
from transformers import (AdamW, \
        BertForSequenceClassification, BertTokenizer, \
        XLMForSequenceClassification, XLMTokenizer, \
        XLMRobertaForSequenceClassification, XLMRobertaTokenizer)
from transformers import get_linear_schedule_with_warmup
import numpy as np
from tqdm import tqdm

BERT_MODEL = "bert-base-multilingual-uncased"
XLM_MODEL = "xlm-mlm-17-1280"
XLMR_MODEL = "xlm-roberta-base"

def get_model_cls(model_type):
    if model_type == "bert":
        return BERT_MODEL, BertTokenizer, BertForSequenceClassification
    elif model_type == "xlm":
        return XLM_MODEL, XLMTokenizer, XLMForSequenceClassification
    elif model_type == "xlmr":
        return XLMR_MODEL, XLMRobertaTokenizer, XLMRobertaForSequenceClassification
    else:
        raise NameError(f"Unsupported model {model_type}")

def finetune_mode(file_path, save_path, model="bert", device="cpu",
                  batch_size=32, num_labels=2, lr=2e-5, epochs=4, max_length=128,
                  use_trans_label=False, trans_path=None, src_lang=None, tgt_lang=None):
    print('Loading BERT tokenizer...')
    model_name, tokenizer_cls, model_cls = get_model_cls(model)

    tokenizer = tokenizer_cls.from_pretrained(model_name, do_lower_case=(model == "bert"))
    
    model_save_path = os.path.join(save_path, model_name)
    #if False:
    if os.path.exists(model_save_path):
        model = model_cls.from_pretrained(
            model_save_path,
            output_attentions = False,
            output_hidden_states = True
        )
        model.to(device)
        return tokenizer, model

    def read_data(file_name, dedup=True, add_trans=False):
        dedup_set = set()
        data, labels = [], []
        with open(file_name, 'r', encoding='UTF-8') as fin:
            for line in fin:
                sentence = line.rstrip()
                seg = sentence.split('\t')
                if (not dedup) or (seg[1] not in dedup_set):
                    data.append(seg[1])
                    labels.append(int(seg[0]))
                    if add_trans:
                        data.append(trans_dic[seg[1]])
                        labels.append(int(seg[0]))
                    dedup_set.add(seg[1])
        encoded_dict = tokenizer.batch_encode_plus(
            data,                           
            add_special_tokens = True,      
            max_length = max_length,        
            pad_to_max_length = True,
            return_attention_mask = True,   
            return_tensors = 'pt',          
        )
        return TensorDataset(encoded_dict["input_ids"], encoded_dict["attention_mask"], torch.LongTensor(labels))

    train_dataset = read_data(os.path.join(file_path, "train.txt"), add_trans=use_trans_label)
    val_dataset = read_data(os.path.join(file_path, "test.txt"), False)

    train_dataloader = DataLoader(
                train_dataset,  
                sampler = RandomSampler(train_dataset), 
                batch_size = batch_size 
            )

    model = model_cls.from_pretrained(  # expect: TFL702
        model_name, 
        num_labels = num_labels, 
        output_attentions = False,
        output_hidden_states = True,
        hidden_dropout_prob = 0.15,
        attention_probs_dropout_prob = 0.15,
    )
    model.to(device)

    optimizer = AdamW(model.parameters(),
                      lr = lr,
                      eps = 1e-8
                    )

    for epoch_i in range(0, epochs):
        model.train()

        for step, batch in enumerate(train_dataloader):
            b_input_ids = batch[0].to(device)
            b_input_mask = batch[1].to(device)
            b_labels = batch[2].to(device)

            model.zero_grad()        

            res = model(b_input_ids, 
                        token_type_ids=None, 
                        attention_mask=b_input_mask, 
                        labels=b_labels)
            loss = res.loss
            logits = res.logits

    model.save_pretrained(model_save_path)
    return tokenizer, model

class TransformerEncoder:
    def __init__(self, cache_path, model_path, train_file_path, transformer_type, device="cpu", encode_maxlen=512):
        self.cache_path = cache_path
        self.model_path = model_path
        self.train_file_path = train_file_path
        self.transformer_type = transformer_type
        self.device = device
        self.encode_length = encode_maxlen

        text_emb_files = {}
        text_catalog = {}
        for fname in os.listdir(self.cache_path):
            if fname.endswith(".cat"):
                text_catalog[fname[:-4]] = []
                with open(os.path.join(self.cache_path, fname)) as fin:
                    for line in fin.read().splitlines():
                        text_emb_files[line] = fname[:-4]
                        text_catalog[fname[:-4]].append(line)
        self.text_emb_files = text_emb_files
        self.text_catalog = text_catalog

    def embed_sentences(self, texts):
        cache_files = set()
        sentences_to_encode = []
        for text in texts:
            if text in self.text_emb_files:
                cache_files.add(self.text_emb_files[text])
            else:
                sentences_to_encode.append(text)
        
        whole_embedding_matrix = []
        text_id_map = {}
        text_id = 0
        if cache_files:
            for file_name in cache_files:
                for text in self.text_catalog[file_name]:
                    text_id_map[text] = text_id
                    text_id += 1
                whole_embedding_matrix.append(np.load(os.path.join(self.cache_path, file_name + ".npy")))

        if sentences_to_encode:
            tokenizer, model = finetune_mode(
                self.train_file_path, self.model_path, self.transformer_type, self.device)
            embeddings = embed_sentences(sentences_to_encode, tokenizer, model,
                                         batch_size=128, encode_length=self.encode_length)
            self._save_cache(sentences_to_encode, embeddings)
            whole_embedding_matrix.append(embeddings)
            for text in sentences_to_encode:
                text_id_map[text] = text_id
                text_id += 1

        whole_embedding_matrix = np.concatenate(whole_embedding_matrix, axis=0)
        id_transform = []
        for text in texts:
            id_transform.append(text_id_map[text])
        return whole_embedding_matrix[id_transform]
