# provenance: search index id 20351585981
# query: tokenizer.add_tokens(
# rank: 2
# label: negative
# note: "<|im_start|>", "<|im_end|>" are added to Gemma's tokenizer and the model loaded in the same helper is resized to the new vocabulary size
from EasyDel import AutoEasyDelModelForCausalLM
from transformers import AutoModelForCausalLM, AutoTokenizer
import jax
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def add_special_tokens(model_name: str, tokenizer: AutoTokenizer, new_tokens):
    # Add new special tokens to the tokenizer
    num_new_tokens = len(new_tokens)
    tokenizer.add_tokens(new_tokens)

    # Determine the new vocabulary size
    new_vocab_size = len(tokenizer.get_vocab())

    # Update the model's embedding layer and lm_head layer
    model = AutoModelForCausalLM.from_pretrained(model_name)
    model.resize_token_embeddings(new_vocab_size)

    # Update the position embeddings (optional)
    if hasattr(model, "position_embeddings"):
        num_positions = model.position_embeddings.weight.size(0)
        new_positions = torch.arange(num_positions + num_new_tokens, device=model.device)
        model.position_embeddings.weight = torch.nn.Parameter(
            torch.cat((model.position_embeddings.weight,
                       torch.zeros(num_new_tokens, model.position_embeddings.embedding_dim)), dim=0)
        )

    return model, tokenizer


def main():
    model_name = "google/gemma-7b-it"
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    new_tokens = ["<|im_start|>", "<|im_end|>"]
    model, tokenizer = add_special_tokens(model_name, tokenizer, new_tokens)
    model = model.half()
    model.push_to_hub("REPO_ID")
    tokenizer.push_to_hub("REPO_ID")


if __name__ == "__main__":
    main()
