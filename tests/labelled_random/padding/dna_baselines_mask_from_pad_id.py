# provenance: search index id 9879299299 [Baseline]
# query: padding=True, truncation=True)["input_ids"]
# rank: 3
# label: negative
# note: only the padded ids are kept, but the mask is rebuilt from the pad id (tokens_ids != pad_token_id) and passed to the model in every branch
import torch
from typing import Literal


class Baseline():
    def __init__(self,
                 option: Literal["dna2bert-max", "dna2bert-mean", "nucleotide-transformer"],
                 device: str = "cuda:1"):
        self.device = device
        from transformers import AutoTokenizer, AutoModelForMaskedLM, AutoModel
        if option == "dna2bert-mean" or option == "dna2bert-max":
            self.tokenizer = AutoTokenizer.from_pretrained("zhihan1996/DNABERT-2-117M", trust_remote_code=True)
            self.model = AutoModel.from_pretrained("zhihan1996/DNABERT-2-117M", trust_remote_code=True)
        else:
            self.tokenizer = AutoTokenizer.from_pretrained("InstaDeepAI/nucleotide-transformer-500m-human-ref")
            self.model = AutoModelForMaskedLM.from_pretrained("InstaDeepAI/nucleotide-transformer-500m-human-ref")
        self.model.to(device)
        self.model.eval()
        self.option = option

    def encode(self, x: list):
        with torch.no_grad():
            if self.option == "nucleotide-transformer":
                tokens_ids = self.tokenizer.batch_encode_plus(x, return_tensors="pt", padding=True, truncation=True)["input_ids"]
                attention_mask = tokens_ids != self.tokenizer.pad_token_id
                torch_outs = self.model(
                    tokens_ids.to(self.device),
                    attention_mask=attention_mask.to(self.device),
                    encoder_attention_mask=attention_mask.to(self.device),
                    output_hidden_states=True
                )
                embeddings = torch_outs['hidden_states'][-1]
            else:
                tokens_ids = self.tokenizer(x, return_tensors='pt', padding=True)["input_ids"]
                attention_mask = tokens_ids != self.tokenizer.pad_token_id
                torch_outs = self.model(
                    tokens_ids.to(self.device),
                    attention_mask=attention_mask.to(self.device),
                    encoder_attention_mask=attention_mask.to(self.device),
                    output_hidden_states=True,
                )
                embeddings = torch_outs[0]
            mean_sequence_embeddings = torch.sum(
                attention_mask.to(self.device).unsqueeze(-1)*embeddings, axis=-2) / \
                torch.sum(attention_mask.to(self.device), axis=-1).unsqueeze(-1)
            return torch.nn.functional.normalize(mean_sequence_embeddings.squeeze(), dim=0).detach().cpu().numpy()
