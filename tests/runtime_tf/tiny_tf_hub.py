"""A tiny offline Hugging Face hub of TensorFlow models, under the real checkpoint names the TF fixtures load.

Each stand-in has the real checkpoint's model type, tokenizer class and casing, with random weights small
enough to build in a second, so a fixture runs unchanged with ``hub_environment(root)``: nothing is
downloaded. Same cache layout as tests/tinyhub.py (the PyTorch hub), which needs torch to build.
"""

import hashlib
import os

# Words of the fixtures' example texts, so that tokenized inputs are not all [UNK].
WORDS = "I a wonderful film dull and far too long loved every minute waste of time".split()
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
TINY = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64)
VOCAB_SIZE = 128  # above the tokenizers' vocabulary and record_saves.py's fixed input ids


def _save_wordpiece_tokenizer(folder, fast_tokenizer_class, lowercase):
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    words = sorted({w.lower() if lowercase else w for w in WORDS})
    vocab = {token: i for i, token in enumerate(SPECIAL_TOKENS + words)}
    tokenizer = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=lowercase)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.post_processor = processors.BertProcessing(("[SEP]", vocab["[SEP]"]), ("[CLS]", vocab["[CLS]"]))
    tokenizer.decoder = decoders.WordPiece()
    fast = fast_tokenizer_class(tokenizer_object=tokenizer, do_lower_case=lowercase, model_max_length=512)
    fast.save_pretrained(folder)


def _save_model(model, folder):
    model(model.dummy_inputs)  # creates the weights
    model.save_pretrained(folder)


def bert_base_cased(folder):
    """Cased WordPiece; TFBertForMaskedLM, the architecture the real checkpoint's config names."""
    from transformers import BertConfig, BertTokenizerFast, TFBertForMaskedLM

    _save_wordpiece_tokenizer(folder, BertTokenizerFast, lowercase=False)
    _save_model(TFBertForMaskedLM(BertConfig(vocab_size=VOCAB_SIZE, **TINY)), folder)


def distilbert_base_uncased(folder):
    """Uncased WordPiece; TFDistilBertForMaskedLM."""
    from transformers import DistilBertConfig, DistilBertTokenizerFast, TFDistilBertForMaskedLM

    _save_wordpiece_tokenizer(folder, DistilBertTokenizerFast, lowercase=True)
    config = DistilBertConfig(vocab_size=VOCAB_SIZE, dim=TINY["hidden_size"], n_layers=TINY["num_hidden_layers"],
                              n_heads=TINY["num_attention_heads"], hidden_dim=TINY["intermediate_size"])
    _save_model(TFDistilBertForMaskedLM(config), folder)


# The checkpoints the TF fixtures load.
TF_CHECKPOINTS = [
    ("google-bert/bert-base-cased", bert_base_cased),
    ("distilbert/distilbert-base-uncased", distilbert_base_uncased),
]


def build_hub(root, entries=TF_CHECKPOINTS):
    """Write every ``(checkpoint, builder)`` into a Hugging Face cache under ``root`` (use it as HF_HOME)."""
    import tensorflow as tf

    for checkpoint, builder in entries:
        repo = os.path.join(root, "hub", "models--" + checkpoint.replace("/", "--"))
        revision = hashlib.sha1(checkpoint.encode()).hexdigest()  # any 40-hex commit id will do
        tf.random.set_seed(0)
        builder(os.path.join(repo, "snapshots", revision))
        os.makedirs(os.path.join(repo, "refs"))
        with open(os.path.join(repo, "refs", "main"), "w") as f:
            f.write(revision)
    return root


def hub_environment(root):
    """Environment variables that make Transformers read only this hub."""
    return {"HF_HOME": root, "HF_HUB_CACHE": os.path.join(root, "hub"), "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}
