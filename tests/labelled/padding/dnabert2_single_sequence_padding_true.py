# provenance: search index id 25275341311 [excerpt around offset 6200]
# label: negative
# note: a list of one sequence with padding=True pads nothing, so dna2_model(inputs['input_ids']) sees no pad tokens
import torch


def get_dnabert2_embedding(sequence, tokenizer, dna2_model, device):
    """Generate DNABERT-2 embedding for the sequence."""
    try:
        inputs = tokenizer([sequence], return_tensors='pt', padding=True, truncation=True, max_length=201).to(device)
        with torch.no_grad():
            hidden = dna2_model(inputs['input_ids'])[0]
            emb = torch.mean(hidden, dim=1)
        return emb.cpu().numpy()
    except Exception as e:
        raise RuntimeError(f"Failed to generate DNABERT-2 embedding: {str(e)}")
