# provenance: search index id 4501265324
# label: negative
# note: [[tokenizer.pad_token_id]] is T5's decoder start token, not padding, and padding=True on one sequence pads nothing
import torch


def get_embeddings(uniprot_ids, tokenizer, model, device):
    embeddings_dict = {}
    for uniprot_id in uniprot_ids:
        sequence = fetch_uniprot_sequence(uniprot_id)
        if sequence:
            inputs = tokenizer(sequence, return_tensors="pt", padding=True).to(device)

            # Add decoder_input_ids: initialize with the pad token id
            decoder_input_ids = torch.tensor([[tokenizer.pad_token_id]]).to(device)

            with torch.no_grad():
                outputs = model(input_ids=inputs['input_ids'], decoder_input_ids=decoder_input_ids)

            embedding = outputs.last_hidden_state.mean(dim=1)
            embeddings_dict[uniprot_id] = embedding.squeeze(0).cpu().numpy()
    return embeddings_dict
