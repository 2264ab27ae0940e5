# provenance: search index id 36195907299 [lines 1-48]
# label: negative
# note: the texts are cut into blocks of the same size before collation, so pad_sequence adds no pad tokens and the model sees none
from transformers import AutoTokenizer, AutoModelForCausalLM, AutoConfig, AutoModelForMaskedLM
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader
import torch


def collate(examples, tokenizer):
    if tokenizer._pad_token is None:
        return pad_sequence(examples, batch_first=True)
    return pad_sequence(examples, batch_first=True, padding_value=tokenizer.pad_token_id)


def tokenize_datset(tokenizer, data, block_size=256):
    data_iter = []
    for text in data:
        tokenized_text = tokenizer.encode(text, max_length=512)
        for i in range(0, len(tokenized_text) - block_size + 1, block_size):  # Truncate in block of block_size
            data_iter.append(torch.tensor(tokenizer.build_inputs_with_special_tokens(tokenized_text[i:i + block_size])))
    return data_iter


def eval_nlp_nwp(model, test_loader, device=torch.device("cuda")):
    total_loss = 0
    model.eval()
    model = model.to(device=device)

    for inputs in test_loader:
        inputs = inputs.to(device=device)
        outputs = model(inputs, labels=inputs)
        loss = outputs.loss
        total_loss += loss.item()
    return 0, total_loss/len(test_loader)
