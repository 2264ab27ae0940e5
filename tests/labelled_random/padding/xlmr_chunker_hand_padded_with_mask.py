# provenance: search index id 43540292752 [chunker_class.forward_for_prediction, predict_with_model, model set-up; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: padding='max_length')['input_ids']
# rank: 2
# label: negative
# note: the pad id is read from a padded one-word encoding; the sentence is padded by hand with it and its attention mask (built beside it) is passed to XLM-R
import torch
from transformers import AutoTokenizer, AutoModel
from transformers.modeling_outputs import SequenceClassifierOutput


class chunker_class(torch.nn.Module):
    def __init__(self, d, hyper_params):
        super(chunker_class, self).__init__()
        self.hyper_params = hyper_params
        self.model = AutoModel.from_pretrained(self.hyper_params['bert_model_name'], return_dict=True, output_hidden_states=True)
        self.fc1 = torch.nn.Linear(hyper_params['embedding_size'], len(self.hyper_params['my_tagset']))
        self.activation = torch.nn.ReLU()
        self.device = d

    def forward_for_prediction(self, input_ids, attention_mask, wordpiece_indices):
        out = self.model(input_ids, attention_mask=attention_mask).last_hidden_state
        out = self.fc1(out)
        logits = self.activation(out)
        return SequenceClassifierOutput(logits=logits)


def predict_with_model(model, sent, tokenizer):
    model.eval()
    a = tokenizer("i", return_tensors="pt", max_length=4, padding='max_length')['input_ids'][0]
    cls_id, sep_id, pad_id = a[0], a[2], a[3]
    input_ids = []
    attention_mask = []
    max_len = model.hyper_params['max_len']
    tii = [cls_id]
    for word in sent.split('\t'):
        tii += tokenizer.convert_tokens_to_ids(tokenizer.tokenize(word))
    tii.append(sep_id)
    tam = [1] * len(tii) + [0] * (max_len - len(tii))
    tii = tii + [pad_id] * (max_len - len(tii))
    input_ids.append(tii)
    attention_mask.append(tam)
    input_ids = torch.tensor(input_ids).to(model.device)
    attention_mask = torch.tensor(attention_mask).to(model.device)
    with torch.no_grad():
        out = model.forward_for_prediction(input_ids, attention_mask, None).logits
    return out


hyper_params = {'bert_model_name': 'xlm-roberta-base', 'max_len': 275, 'embedding_size': 768}
hyper_params['my_tagset'] = torch.load('my_tagset_BI.bin')
device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
chunk_model = chunker_class(device, hyper_params).to(device)
chunk_tokenizer = AutoTokenizer.from_pretrained(hyper_params['bert_model_name'])
