# provenance: search index id 38614324963
# label: negative
# note: one unpadded text per call; the literal [[pad_token_id]] tensor is the decoder start token of an encoder-decoder model
import torch


def get_embeddings(text, tokenizer, model):
    model.eval()
    tokens = tokenizer.encode_plus(text, return_tensors='pt')
    tokens = {k: v.to(model.device) for k, v in tokens.items()}
    decoder_input_ids = torch.tensor([[tokenizer.pad_token_id]]).to(model.device)

    with torch.no_grad():
        outputs = model(input_ids=tokens['input_ids'], decoder_input_ids=decoder_input_ids,
                        output_hidden_states=True)

    last_hidden_state = outputs.encoder_last_hidden_state
    embedding = last_hidden_state.mean(dim=1).cpu().tolist()
    return embedding
