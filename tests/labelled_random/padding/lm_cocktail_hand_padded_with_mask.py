# provenance: search index id 982672513 [load_llm, compute_weights' decoder branch, preprocess_data_for_llm, llm_loss]
# query: += [tokenizer.pad_token_id]
# rank: 3
# label: negative
# note: rows padded by hand with the pad id get a mask built from them (ne(pad_token_id)) and their pads labelled -100; each batch goes whole (**data) to the causal LM
import torch
from transformers import AutoModelForCausalLM


def load_llm(model_name: str, trust_remote_code: bool):
    model = AutoModelForCausalLM.from_pretrained(model_name, trust_remote_code=trust_remote_code, device_map={"": "cpu"})
    return model


def compute_weights(base_model, tokenizer, param_list, example_data, temperature=5.0, batch_size=2, max_input_length=2048):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    base_model = base_model.to(device)
    input_data = preprocess_data_for_llm(example_data=example_data, tokenizer=tokenizer, device=device, batch_size=batch_size, max_input_length=max_input_length)
    example_loss = []
    with torch.no_grad():
        for params in param_list:
            base_model.load_state_dict(params)
            example_loss.append(llm_loss(base_model=base_model, input_data=input_data))
    return torch.softmax(-torch.FloatTensor(example_loss) / temperature, -1).numpy().tolist()


def preprocess_data_for_llm(example_data, tokenizer, device, batch_size: int = 2, max_input_length: int = 2048):
    batch_input_ids = []
    batch_labels = []
    batch_max_length = max_input_length
    for data in example_data:
        input, output = data['input'], data['output']
        input_ids = tokenizer.encode(input + ' ' + output)
        input_ids.append(tokenizer.eos_token_id)
        prompt_ids = tokenizer.encode(input)
        labels = [-100] * len(prompt_ids) + input_ids[len(prompt_ids):]
        input_ids = input_ids[:batch_max_length]
        input_ids += [tokenizer.pad_token_id] * (batch_max_length - len(input_ids))
        batch_input_ids.append(input_ids)
        labels = labels[:batch_max_length]
        labels += [-100] * (batch_max_length - len(labels))
        batch_labels.append(labels)
    batch_input_ids = torch.LongTensor(batch_input_ids).to(device)
    batch_labels = torch.LongTensor(batch_labels).to(device)
    attention_mask = batch_input_ids.ne(tokenizer.pad_token_id).to(device)
    batch_data = []
    for i in range(0, len(batch_input_ids), batch_size):
        batch_data.append(dict(
            input_ids=batch_input_ids[i:i + batch_size],
            labels=batch_labels[i:i + batch_size],
            attention_mask=attention_mask[i:i + batch_size],
        ))
    return batch_data


def llm_loss(base_model, input_data):
    loss = 0
    with torch.no_grad():
        for data in input_data:
            output = base_model(**data)
            loss += output.loss.cpu()
    return float(loss / len(input_data))
