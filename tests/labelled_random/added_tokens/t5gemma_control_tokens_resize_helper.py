# provenance: search index id 71648610851
# query: tokenizer.add_tokens(
# rank: 7
# label: negative
# note: control tokens from the run config are added, and the file's resize_model_vocab resizes the model to len(tokenizer) and verifies every control id is inside the embedding (57k-char file; read from offset 18000, the tokenizer/model helpers)
def add_control_tokens(tokenizer, model_cfg: dict[str, Any]) -> tuple[list[str], list[int], int]:
    tokens = [str(token).strip() for token in model_cfg.get("control_tokens", [])]
    tokens = list(dict.fromkeys(token for token in tokens if token))
    if not tokens:
        return [], [], 0

    # Keep labels visible during decoding: these are atomic control tokens, not
    # tokenizer special tokens that disappear under skip_special_tokens=True.
    added = int(tokenizer.add_tokens(tokens, special_tokens=False))
    token_ids: list[int] = []
    for token in tokens:
        token_id = int(tokenizer.convert_tokens_to_ids(token))
        encoded = tokenizer.encode(token, add_special_tokens=False)
        if encoded != [token_id]:
            raise RuntimeError(
                f"Control token is not atomic after tokenizer update: {token!r} -> {encoded}"
            )
        token_ids.append(token_id)
    print(f"Control tokens: tokens={tokens} ids={token_ids} newly_added={added}")
    return tokens, token_ids, added


def resize_model_vocab(model, tokenizer) -> None:
    input_embeddings = model.get_input_embeddings()
    if input_embeddings is None:
        raise RuntimeError("Model does not expose input embeddings for tokenizer resizing.")
    old_size = int(input_embeddings.num_embeddings)
    new_size = len(tokenizer)
    if old_size != new_size:
        print(f"Resizing token embeddings: old_size={old_size} new_size={new_size}")
        model.resize_token_embeddings(new_size)
    harmonize_vocab_sizes(model, new_size)
