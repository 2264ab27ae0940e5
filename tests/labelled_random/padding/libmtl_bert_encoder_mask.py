# provenance: search index id 43767193286 [imports, load_dataset, Encoder]
# query: padding="max_length"
# rank: 8
# label: negative
# note: encode_plus output (ids, mask, token types) reaches the encoder, which passes attention_mask to BERT
import torch
from torch import nn
from transformers import BertModel, BertTokenizer

from LibMTL import Trainer
from LibMTL.utils import set_random_seed, set_device
from LibMTL.config import LibMTL_args, prepare_args
import LibMTL.weighting as weighting_method
import LibMTL.architecture as architecture_method
from LibMTL.metrics import AccMetric
from LibMTL.loss import CELoss

from hanziconv import HanziConv

class load_dataset(torch.utils.data.Dataset):
    def __init__(self, my_dataset, max_length):
        self.labels, self.data = self.load_data(my_dataset)#把数据和标签取出
        self.max_length = max_length
        self.bert_tokenizer = BertTokenizer.from_pretrained('bert-base-chinese', do_lower_case=True)

    def __getitem__(self, idx):
        text = self.data[idx]
        label = self.labels[idx]
        encoded_input = self.bert_tokenizer.encode_plus(
            text, max_length=self.max_length, padding="max_length", truncation=True, return_tensors="pt"
        )
        inputs = {key: tensor.squeeze(0) for key, tensor in encoded_input.items()}
        label = torch.tensor(label)
        return inputs, label

    def __len__(self):
        return len(self.labels)

    def load_data(self, my_dataset,data_size=None):
        items = [item.strip().split("_!_") for item in open(my_dataset).readlines()]
        labels = [int(item[1]) for item in items]
        sents = [HanziConv.toSimplified(item[2]) for item in items]
        return labels, sents

# define encoder and decoders
class Encoder(nn.Module):
    def __init__(self):
        super(Encoder, self).__init__()
        self.bert = BertModel.from_pretrained('bert-base-chinese', add_pooling_layer=True)
    
    def forward(self, inputs):
        outputs = self.bert(input_ids=inputs['input_ids'],
                        attention_mask=inputs['attention_mask'],
                        token_type_ids=inputs['token_type_ids'])
        return outputs[1]
