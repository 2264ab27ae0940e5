# provenance: search index id 25194545685 [feature_fn_node_abstract_bert]
# query: padding=True)['input_ids']
# rank: 6
# label: positive
# note: abstracts padded to the longest of each batch (ids only) go to BERT with torch.zeros_like(ids) as the second positional argument, which is attention_mask: an all-zero mask masks no position more than another, so the CLS vector of every shorter abstract attends to its pads
import torch
import tqdm
from transformers import AutoModel, AutoTokenizer


@torch.no_grad()
def feature_fn_node_abstract_bert(cfg, context, datasets, logger):
    bert_args = cfg.target_features.node_abstract_bert
    num_abstract_features = bert_args.node_abstract_bert
    batch_size = bert_args.batch_size
    num_node_feature_dim = bert_args.num_node_feature_dim

    tokenizer = AutoTokenizer.from_pretrained("bert.yaml-base-uncased")
    bert_model = AutoModel.from_pretrained("bert.yaml-base-uncased", num_labels=num_node_feature_dim)
    device: torch.device = torch.device('cuda:1')
    bert_model.to(device)

    graph = context['graph']
    abstracts = context['abstracts']
    num_nodes: int = graph.number_of_nodes()

    abstract_repr = torch.zeros(size=(num_nodes, num_abstract_features)).to(device)
    with tqdm.tqdm(range(num_nodes // batch_size + 1)) as pbar:
        for idx in range(num_nodes // batch_size + 1):
            idx_low = idx * batch_size
            idx_high = idx_low + batch_size

            abstract_tokens = torch.tensor(tokenizer(abstracts[idx_low:idx_high].tolist(), truncation=True, padding=True)['input_ids']).to(device)
            abstract_repr_vec = bert_model(abstract_tokens, torch.zeros_like(abstract_tokens)).last_hidden_state[:, 0, :]  # expect: TFL101
            abstract_repr[idx_low:idx_high] = abstract_repr_vec

            pbar.update()

    abstract_repr_np = abstract_repr.detach().cpu().numpy()
    for dataset_name, dataset in datasets.items():
        dataset['node_abstract_bert'] = abstract_repr_np

    return datasets
