# provenance: search index id 34150279862 [imports, train(); the rest of the file (evaluation, argument parsing, a logging key) not copied]
# query: padding=True).input_ids
# rank: 1
# label: negative
# note: the padded questions reach BLIP with their attention_mask (**inputs); only the answers are taken as ids, as labels
import requests
from transformers import AutoProcessor, BlipForQuestionAnswering,BlipImageProcessor
from  datasets  import VQACircuitDataset, vqa_collate_fn
from torch.utils.data import DataLoader
import torch
import wandb
from tqdm import tqdm
import os
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data.distributed import DistributedSampler
from torch.distributed import init_process_group, destroy_process_group
import argparse
from utils.helpers import set_seed,get_questions
from icecream import ic
import torch.nn as nn 
import logging
import time 
import random 
import gc


def train(model,train_dataloader,processor,im_processor,tokenizer,optimizer,device,IMAGE_SIZE,DESC_FLAG,OCR_FLAG,BBOX_FLAG,BBOX_SEGMENT_FLAG,NUM_GPUS,MACHINE_TYPE):
    model.train()
    num_batches = 0
    total = 0 
    train_loss = 0.0
    accuracy_batch = 0 

    for idx, (files,images, questions, answers,qtype,desc,ocr,bbox,bbox_segment) in enumerate(tqdm(train_dataloader)):
        total += len(answers)
        num_batches += 1

        inputs = processor(images=images, text=questions,return_tensors="pt", padding=True)  

        if DESC_FLAG or OCR_FLAG or BBOX_FLAG or BBOX_SEGMENT_FLAG:

            questions_new,tokenizer = get_questions(DESC_FLAG,OCR_FLAG,BBOX_FLAG,BBOX_SEGMENT_FLAG,tokenizer,questions,ocr,desc,bbox,bbox_segment)
            enc = tokenizer.batch_encode_plus(questions_new,return_tensors="pt",padding=True)
            inputs["input_ids"] = enc["input_ids"]
            inputs["attention_mask"] = enc["attention_mask"]
            
        
        if IMAGE_SIZE!=384:
            inputs_im = im_processor(images=images,size={"height":IMAGE_SIZE,"width":IMAGE_SIZE},return_tensors="pt")
            inputs['pixel_values'] = inputs_im['pixel_values']
        
        labels = processor(text=answers, return_tensors="pt", padding=True).input_ids
        inputs["labels"] = labels

        optimizer.zero_grad()
        
        inputs = inputs.to(device)
        labels = labels.to(device)
        outputs = model(**inputs)

        loss = outputs.loss

        if MACHINE_TYPE == 'dp':
            train_loss += loss.sum().item()
            preds = model.module.generate(**inputs,max_new_tokens=100)
        else:
            train_loss += loss.item()
            preds = model.generate(**inputs,max_new_tokens=100)

        predicted = processor.batch_decode(preds, skip_special_tokens=True)
        accuracy_batch += len([i for i,
                                    j in zip(predicted, answers) if i == j])

        if MACHINE_TYPE == 'dp':
            loss.sum().backward()
        else:
            loss.backward()

        optimizer.step()

    train_loss = train_loss / (num_batches*NUM_GPUS)
    train_accuracy = (100 * accuracy_batch / total)

    return train_loss,train_accuracy
