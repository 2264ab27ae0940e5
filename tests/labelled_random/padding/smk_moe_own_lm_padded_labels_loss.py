# provenance: search index id 3090094983 [Config, Attention and the LM (its MoE block and gate left out), main's training step; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: padding="max_length").input_ids
# rank: 5
# label: positive
# note: every chat is padded to 256 and the labels are the same padded ids with only the prompt set to -100: the causal LM (a PreTrainedModel of the file) computes its loss over the pad positions too (the decoder-only case of the rule: a loss over padded labels)
import torch
import torch.nn as nn
import torch.nn.functional as F
from transformers import AutoTokenizer, PreTrainedModel, PretrainedConfig
from transformers.generation import GenerationMixin
from transformers.modeling_outputs import CausalLMOutput

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class Config(PretrainedConfig):
    model_type = "smk_poc"
    hidden_size = 32
    num_attention_heads = 4
    max_seq_len = 256


class Attention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.num_heads = config.num_attention_heads
        self.head_dim = config.hidden_size // self.num_heads
        self.q_proj = nn.Linear(config.hidden_size, config.hidden_size, bias=False)
        self.k_proj = nn.Linear(config.hidden_size, config.hidden_size, bias=False)
        self.v_proj = nn.Linear(config.hidden_size, config.hidden_size, bias=False)
        self.o_proj = nn.Linear(config.hidden_size, config.hidden_size, bias=False)

    def forward(self, hidden_states):
        B, T, C = hidden_states.shape
        q = self.q_proj(hidden_states).view(B, T, self.num_heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(hidden_states).view(B, T, self.num_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(hidden_states).view(B, T, self.num_heads, self.head_dim).transpose(1, 2)
        attn_output = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        attn_output = attn_output.transpose(1, 2).contiguous().view(B, T, C)
        return self.o_proj(attn_output)


class SMKPoCModel(PreTrainedModel, GenerationMixin):
    config_class = Config

    def __init__(self, config):
        super().__init__(config)
        self.embedding = nn.Embedding(config.vocab_size, config.hidden_size, padding_idx=config.pad_token_id)
        self.attn = Attention(config)
        self.lm_head = nn.Linear(config.hidden_size, config.vocab_size, bias=False)

    def forward(self, input_ids, labels=None, **kwargs):
        hidden_states = self.embedding(input_ids)
        hidden_states = hidden_states + self.attn(hidden_states)
        logits = self.lm_head(hidden_states)

        loss = None
        if labels is not None:
            shift_logits = logits[..., :-1, :].contiguous()
            shift_labels = labels[..., 1:].contiguous()
            loss = F.cross_entropy(shift_logits.view(-1, self.config.vocab_size), shift_labels.view(-1), ignore_index=-100)

        return CausalLMOutput(logits=logits, loss=loss)


def main(data):
    tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen3-0.6B", trust_remote_code=True)
    if tokenizer.pad_token is None: tokenizer.add_special_tokens({'pad_token': '[PAD]'})
    config = Config(vocab_size=len(tokenizer), pad_token_id=tokenizer.pad_token_id)
    model = SMKPoCModel(config).to(DEVICE)
    optimizer_main = torch.optim.AdamW(model.parameters(), lr=1e-3)
    for item in data:
        model.train()
        user_prompt = f"user: {item['user']} assistant: "
        full_text = f"{user_prompt}{item['assistant']}"
        full_ids = tokenizer(full_text, return_tensors="pt", max_length=config.max_seq_len, truncation=True, padding="max_length").input_ids.to(DEVICE)
        user_len = tokenizer(user_prompt, return_tensors="pt").input_ids.shape[1]
        labels = full_ids.clone()
        if user_len >= config.max_seq_len: continue
        labels[:, :user_len] = -100
        optimizer_main.zero_grad()
        outputs = model(full_ids, labels=labels)  # expect: TFL101
        outputs.loss.backward()
        optimizer_main.step()
