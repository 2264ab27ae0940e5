# provenance: search index id 42750563392 [imports and TripletNetworkITT.__init__]
# query: [tokenizer.pad_token_id] * (
# rank: 3
# label: positive
# note: each caption is padded by hand to 64 with the tokenizer's pad id and BERT gets it without a mask: the caption embeddings (the whole last hidden state) include attention to the pads
import fasttext
import torch
import torch.nn as nn
import torchvision.models as models
from torchvision.models.detection import fasterrcnn_resnet50_fpn
from transformers import BertModel, BertTokenizer
from pycocotools.coco import COCO
import json
import datetime
import numpy as np

# Implement the triplet network model
class TripletNetworkITT(nn.Module):
    def __init__(self, txt_emb_model, embedding_dim, device, test = False):
        super(TripletNetworkITT, self).__init__()
        self.device = device
        self.test = test
        ## IMAGE MODEL ##
        # Load the pre-trained ResNet-50 model
        resnet = models.resnet50(weights=models.ResNet50_Weights.DEFAULT)
        # Remove the last fully connected layer
        self.img_embedder = torch.nn.Sequential(*(list(resnet.children())[:-1]))

        ## TEXT MODEL ##
        # Set is_fasttext to True if the txt_emb_model is fasttext
        self.is_fasttext = True if txt_emb_model == 'fasttext' else False
        if self.is_fasttext:
            # Load the fasttext model
            print('Using fasttext')
            fasttext_model = fasttext.load_model('../../../mcv/m5/fasttext_wiki.en.bin')
            self.txt_embedder = fasttext_model.get_sentence_vector
            print(fasttext_model.get_sentence_vector)
        else:
            print('Using BERT')
            model = BertModel.from_pretrained('bert-base-uncased')
            tokenizer = BertTokenizer.from_pretrained('bert-base-uncased')
            coco = COCO('./cocosplit/captions_validation2014.json')
            max_length = 64  # Maximum sequence length

            captions = []
            for annotation in coco.dataset['annotations']:
                caption = annotation['caption']
                tokens = tokenizer.encode(caption, add_special_tokens=True)
                if len(tokens) > max_length:
                    tokens = tokens[:max_length-2] + [tokenizer.sep_token_id]
                else:
                    tokens += [tokenizer.pad_token_id] * (max_length - len(tokens))
                captions.append(tokens)
            
            embeddings = []
            for caption in captions:
                inputs = torch.tensor(caption).unsqueeze(0)  # Add batch dimension
                outputs = model(inputs)  # expect: TFL101
                embeddings.append(outputs.last_hidden_state.squeeze().detach().numpy())
            self.txt_embedder = embeddings
        
        ## COMMON SPACE PROJECTION ##
        # ? Image embedding projection, 2048 is the size of the output of the last layer of modified ResNet-50
        self.img_projection = nn.Linear(2048, embedding_dim)
        # ? Text embedding projection, 300 is the size of the output of the fasttext model
        self.txt_projection = nn.Linear(300, embedding_dim)
