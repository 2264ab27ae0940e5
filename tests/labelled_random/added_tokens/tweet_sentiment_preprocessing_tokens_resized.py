# provenance: search index id 39103174676
# query: tokenizer.add_tokens(
# rank: 9
# label: negative
# note: preprocessing placeholder tokens are added and model.resize_token_embeddings(len(tokenizer)) follows in the same loader (read from offset 5500, the model/data helpers)
from transformers import AutoModelForSequenceClassification, AutoTokenizer


def load_model(
    base_model,
    train_arg,
    max_length=128,
    auto_class=AutoModelForSequenceClassification,
    problem_type=None,
    skip_device=False,
    custom_model=None,
):
    """
    Loads model and tokenizer
    """
    # assert base_model == BASE_MODEL, "Please provide a valid model name"

    logger.debug(f"Loading model {base_model}")

    if not custom_model:
        model = auto_class.from_pretrained(
            base_model,
            return_dict=True,
            num_labels=len(id2label),
            problem_type=problem_type,
        )
    else:
        model = custom_model

    tokenizer = AutoTokenizer.from_pretrained(base_model)
    tokenizer.model_max_length = max_length

    label2id = {label: i for i, label in id2label.items()}

    special_tokens = list(preprocessing_args.values())

    tokenizer.add_tokens(special_tokens)

    model.resize_token_embeddings(len(tokenizer))
    model.config.id2label = id2label
    model.config.label2id = label2id
