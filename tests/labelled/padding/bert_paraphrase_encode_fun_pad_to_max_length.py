# provenance: search index id 28230855750 [lines 19-60, 250-262]
# label: positive
# note: each question is padded to 40 tokens by encode(pad_to_max_length=True) and BERT gets the ids alone (the classes come from `from transformers import *`)
import numpy as np
import torch

# BERT
from transformers import *


class RNNModel():

    def __init__(self, list_of_pairs, pair_y, train=False, bert=False, hybrid=False):

        self.bert = bert
        self.hybrid = hybrid

        if bert:
            # BERT
            self.tokenizer = BertTokenizer.from_pretrained('bert-base-cased')
            self.model = TFBertForSequenceClassification.from_pretrained('bert-base-cased')

        elif hybrid:
            # Use the BERT encoder to train our RNN
            self.tokenizer = BertTokenizer.from_pretrained('bert-base-cased')
            self.tokenizer.padding_side = 'left'
            self.bert_model = BertModel.from_pretrained('bert-base-cased')
            max_input_len = 40

    def process_input(self, user_input, high_recall_questions):
        if self.hybrid:

            print("Processing input as hybrid network...")
            def encode_fun(x):
                # Enkodiranje svake reci pomocu BERT-a 
                input_ids = torch.tensor(self.tokenizer.encode(x, max_length=40, pad_to_max_length=True)).unsqueeze(0)
                print(f"Encoded question:\n{input_ids}")
                outputs = self.bert_model(input_ids)  # expect: TFL101
                # Uzimamo poslednji output, pretvaramo u numpy
                last_hidden_states = outputs[0][0].detach().numpy()
                return last_hidden_states

            encoded_input = np.array([encode_fun(user_input)])
