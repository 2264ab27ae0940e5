"""A tiny offline Hugging Face hub for runtime tests.

``build_hub(root, [(checkpoint, builder), ...])`` writes, for each checkpoint name, what ``builder``
saves with ``save_pretrained`` into ``root/hub/models--ORG--NAME/snapshots/<hash>/`` with
``refs/main`` pointing at it: the layout of the real Hugging Face cache. With ``HF_HOME=root`` and
``HF_HUB_OFFLINE=1`` (see ``hub_environment``), ``from_pretrained("gpt2")`` loads the tiny files and
nothing is downloaded. Models are tiny random PyTorch models made from config classes; tokenizers are
built with the ``tokenizers`` library and mirror the real ones where it matters: the GPT-2 and
Llama-like ones have no pad token, the BERT-like one has ``[PAD]`` = 0 and BERT's special ids
(``[UNK]`` 100, ``[CLS]`` 101, ``[SEP]`` 102, ``[MASK]`` 103) in a 30,522-token vocabulary.

Builders are plain functions ``builder(folder)``; other rule families add their own.
"""

from __future__ import annotations

import hashlib
import os
from typing import Callable, Dict, Iterable, Tuple

Builder = Callable[[str], None]

# Words the fixtures use, so that the tiny tokenizers split them into few tokens.
CORPUS = """
the movie was great and the acting was wonderful but the ending felt a bit rushed overall
i loved it terrible boring what a waste of time this film is one of the best of the year
once upon a time there was a little robot who wanted to learn how to paint
the capital of france is paris the weather today is sunny and warm
translate english to german hello how are you my name is sarah and i live in london
write a short poem about the sea def fibonacci n return a list of numbers
hello world good morning the quick brown fox jumps over the lazy dog
customer review shipping was fast product works as expected would buy again
question answer context summary label positive negative neutral
""".split()


def _bert_tokenizer(folder: str) -> None:
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    vocab = ["[PAD]"] + [f"[unused{i}]" for i in range(99)] + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    words = sorted(set(CORPUS))
    chars = sorted(set("".join(CORPUS)) | set("abcdefghijklmnopqrstuvwxyz0123456789.,!?'\"-:;()"))
    vocab += words + [c for c in chars if c not in words] + ["##" + c for c in chars]
    vocab += [f"[filler{i}]" for i in range(30522 - len(vocab))]
    tok = Tokenizer(models.WordPiece({t: i for i, t in enumerate(vocab)}, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", 101), ("[SEP]", 102)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]", model_max_length=512)
    fast.save_pretrained(folder)


def _byte_level_tokenizer(folder: str, bos: str, eos: str, unk: str, add_bos: bool) -> None:
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    specials = list(dict.fromkeys([eos, bos, unk]))
    trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=specials,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    text = " ".join(CORPUS)
    tok.train_from_iterator([text, text.title(), text.upper()], trainer=trainer)
    if add_bos:
        tok.post_processor = processors.TemplateProcessing(
            single=f"{bos} $A", pair=f"{bos} $A {bos} $B", special_tokens=[(bos, tok.token_to_id(bos))])
    else:
        tok.post_processor = processors.ByteLevel(trim_offsets=False)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=bos, eos_token=eos, unk_token=unk,
                                   model_max_length=1024)
    fast.save_pretrained(folder)


def gpt2_builder(folder: str) -> None:
    """GPT-2-like: byte-level BPE, ``<|endoftext|>`` as BOS/EOS/UNK, no pad token; GPT2LMHeadModel."""
    from transformers import AutoTokenizer, GPT2Config, GPT2LMHeadModel

    _byte_level_tokenizer(folder, "<|endoftext|>", "<|endoftext|>", "<|endoftext|>", add_bos=False)
    tok = AutoTokenizer.from_pretrained(folder)
    eos = tok.convert_tokens_to_ids("<|endoftext|>")
    config = GPT2Config(vocab_size=len(tok), n_embd=32, n_layer=2, n_head=2, n_positions=128,
                        bos_token_id=eos, eos_token_id=eos)
    _save_model(GPT2LMHeadModel(config), folder)


def llama_builder(folder: str) -> None:
    """Llama-like: ``<s>``/``</s>``/``<unk>``, BOS added, no pad token; LlamaForCausalLM."""
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    _byte_level_tokenizer(folder, "<s>", "</s>", "<unk>", add_bos=True)
    tok = AutoTokenizer.from_pretrained(folder)
    config = LlamaConfig(vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128,
                         bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id, pad_token_id=None)
    _save_model(LlamaForCausalLM(config), folder)


def bert_builder(folder: str) -> None:
    """BERT-like: WordPiece, ``[PAD]`` = 0, BERT's special ids; BertForSequenceClassification (2 labels)."""
    from transformers import BertConfig, BertForSequenceClassification

    _bert_tokenizer(folder)
    config = BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=128, pad_token_id=0, num_labels=2)
    _save_model(BertForSequenceClassification(config), folder)


def bert_base_builder(folder: str) -> None:
    """A pretrained-only BERT (BertForMaskedLM, no classification head, no labels in its config), like
    google-bert/bert-base-uncased on the Hub."""
    from transformers import BertConfig, BertForMaskedLM

    _bert_tokenizer(folder)
    config = BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=128, pad_token_id=0)
    _save_model(BertForMaskedLM(config), folder)


def distilbert_base_builder(folder: str) -> None:
    """A pretrained-only DistilBERT (DistilBertForMaskedLM, BERT's uncased vocabulary)."""
    from transformers import DistilBertConfig, DistilBertForMaskedLM

    _bert_tokenizer(folder)
    config = DistilBertConfig(vocab_size=30522, dim=32, n_layers=2, n_heads=2, hidden_dim=64,
                              max_position_embeddings=128, pad_token_id=0)
    _save_model(DistilBertForMaskedLM(config), folder)


def _save_model(model, folder: str) -> None:
    import torch

    with torch.no_grad():  # larger weights than the default init make pad effects plain to see
        for parameter in model.parameters():
            if parameter.dim() > 1:
                parameter.normal_(0.0, 0.2)
    model.eval()
    model.save_pretrained(folder)


def build_hub(root: str, entries: Iterable[Tuple[str, Builder]]) -> str:
    """Write every ``(checkpoint, builder)`` into a Hugging Face cache under ``root``; returns ``root``
    (use it as ``HF_HOME``). A builder used for several names runs once; its files are linked."""
    import torch

    built: Dict[Builder, str] = {}
    for checkpoint, builder in entries:
        repo = os.path.join(root, "hub", "models--" + checkpoint.replace("/", "--"))
        revision = hashlib.sha1(checkpoint.encode()).hexdigest()
        snapshot = os.path.join(repo, "snapshots", revision)
        os.makedirs(snapshot, exist_ok=True)
        if builder in built:
            for name in os.listdir(built[builder]):
                os.link(os.path.join(built[builder], name), os.path.join(snapshot, name))
        else:
            torch.manual_seed(0)
            builder(snapshot)
            built[builder] = snapshot
        os.makedirs(os.path.join(repo, "refs"), exist_ok=True)
        with open(os.path.join(repo, "refs", "main"), "w") as f:
            f.write(revision)
    return root


def hub_environment(root: str) -> Dict[str, str]:
    """Environment variables that make Transformers read only the tiny hub."""
    return {"HF_HOME": root, "HF_HUB_CACHE": os.path.join(root, "hub"), "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1", "TOKENIZERS_PARALLELISM": "false"}


# The checkpoints the padding fixtures use.
PADDING_CHECKPOINTS = [
    ("gpt2", gpt2_builder),
    ("openai-community/gpt2", gpt2_builder),
    ("distilgpt2", gpt2_builder),
    ("meta-llama/Llama-2-7b-hf", llama_builder),
    ("bert-base-uncased", bert_builder),
    ("google-bert/bert-base-uncased", bert_builder),
]

# The checkpoints the vocabulary and label fixtures (TFL701, TFL702) and TFL802's fix use.
VOCABULARY_CHECKPOINTS = [
    ("gpt2", gpt2_builder),
    ("openai-community/gpt2", gpt2_builder),
    ("distilgpt2", gpt2_builder),
    ("meta-llama/Llama-2-7b-hf", llama_builder),
    ("bert-base-uncased", bert_base_builder),
    ("google-bert/bert-base-uncased", bert_base_builder),
    ("distilbert-base-uncased", distilbert_base_builder),
]


# --- Hub datasets ------------------------------------------------------------------------------------
# The datasets the label fixtures (TFL702) load by name, a few rows each, with the features of the
# dataset's dataset_infos.json (huggingface/datasets, the files tf_lint.knowledge.dataset_labels cites).
# They are written into the `datasets` cache under HF_HOME, where `load_dataset(name)` finds them
# offline; building them needs the `datasets` library (not a dependency of tf-lint).
EMOTION_NAMES = ["sadness", "joy", "love", "anger", "fear", "surprise"]
WNUT_17_NAMES = ["O", "B-corporation", "I-corporation", "B-creative-work", "I-creative-work", "B-group",
                 "I-group", "B-location", "I-location", "B-person", "I-person", "B-product", "I-product"]


def _emotion():
    from datasets import ClassLabel, Features, Value

    texts = ["i feel so low today", "what a wonderful morning", "i adore this little dog",
             "this queue makes me furious", "i am scared of the dark road", "wow i did not expect that"]
    rows = [{"text": text, "label": label} for label, text in enumerate(texts)]
    return Features({"text": Value("string"), "label": ClassLabel(names=EMOTION_NAMES)}), rows


def _wnut_17():
    from datasets import ClassLabel, Features, Sequence, Value

    rows = [{"id": "0", "tokens": ["the", "empire", "state", "building", "is", "tall"], "ner_tags": [0, 7, 8, 8, 0, 0]},
            {"id": "1", "tokens": ["i", "bought", "an", "iphone", "from", "apple"], "ner_tags": [0, 0, 0, 11, 0, 1]}]
    features = Features({"id": Value("string"), "tokens": Sequence(Value("string")),
                         "ner_tags": Sequence(ClassLabel(names=WNUT_17_NAMES))})
    return features, rows


HUB_DATASETS = {"emotion": _emotion, "wnut_17": _wnut_17}


def datasets_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("datasets") is not None


def build_datasets(root: str, names: Iterable[str]) -> str:
    """Write each named dataset (train, validation, test: the same rows) into the `datasets` cache of
    ``root`` (``HF_HOME``), laid out as a dataset loaded once from the Hub: ``<name>/default/<version>/
    <hash>/`` with its ``dataset_info.json`` and Arrow files."""
    import json
    import shutil
    import tempfile

    from datasets.packaged_modules.json.json import Json

    cache = os.path.join(root, "datasets")
    for name in names:
        features, rows = HUB_DATASETS[name]()
        with tempfile.TemporaryDirectory() as work:
            files = {}
            for split in ("train", "validation", "test"):
                files[split] = os.path.join(work, f"{split}.jsonl")
                with open(files[split], "w", encoding="utf-8") as f:
                    f.writelines(json.dumps(row) + "\n" for row in rows)
            builder = Json(cache_dir=os.path.join(work, "cache"), dataset_name=name, config_name="default",
                           data_files=files, features=features)
            builder.download_and_prepare()
            version = str(builder.config.version or "0.0.0")
            target = os.path.join(cache, name, "default", version, hashlib.sha1(name.encode()).hexdigest()[:16])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copytree(builder.cache_dir, target, ignore=shutil.ignore_patterns("*.lock"))
    return root
