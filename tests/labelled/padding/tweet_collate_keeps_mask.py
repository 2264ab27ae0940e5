# provenance: MiaMiya/tweet_classification src/data/helper.py 35b8c953fa85118dd04b559f1a5e08e81a8f9f1c
# label: negative
# note: examples are padded to max_length, but the collate function stacks and returns their attention_mask with the ids
from src.models.model import get_tokenizer
import torch


def tokenize_function(examples):
    tokenizer = get_tokenizer()
    return tokenizer(examples["text"], max_length = 512, padding='max_length',truncation=True)

def collate_fn(inputs):
    '''
    Defines how to combine different samples in a batch
    '''
    input_ids = torch.tensor([i['input_ids'] for i in inputs])
    attention_mask = torch.tensor([i['attention_mask'] for i in inputs])
    labels = torch.tensor([i['label'] for i in inputs])

    return {'input_ids': input_ids, 'attention_mask': attention_mask, 'labels': labels}
