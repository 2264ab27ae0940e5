"""scripts/make_checkpoint_table.py: the evidence kinds of the bundled checkpoint table, on small package
trees written here (each the shape transformers' own source has), and what the bundled table holds."""

import os
import sys

import pytest

from tf_lint.knowledge.checkpoints import _table, table_sources

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import make_checkpoint_table as mct  # noqa: E402


def _url(name):
    return f"https://huggingface.co/{name}/resolve/main/config.json"


def _map(name, *checkpoints):
    """An archive map listing each checkpoint with the address of its own config.json."""
    return name, {c: _url(c) for c in checkpoints}


def _package(tmp_path, version, folders, registered):
    """A transformers tree: ``folders`` maps a folder to (model type, its archive map or None, the
    modeling module's docstring[, the config class's docstring]); ``registered`` maps a model type to the
    archive map name the auto module lists."""
    root = tmp_path / version / "transformers"
    (root / "models" / "auto").mkdir(parents=True)
    (root / "__init__.py").write_text(f'__version__ = "{version}"\n')
    pairs = ", ".join(f'("{t}", "{m}")' for t, m in registered.items())
    (root / "models" / "auto" / "configuration_auto.py").write_text(
        f"from collections import OrderedDict\nCONFIG_ARCHIVE_MAP_MAPPING_NAMES = OrderedDict([{pairs}])\n")
    for folder, (model_type, archive, modeling, *config_doc) in folders.items():
        path = root / "models" / folder
        path.mkdir()
        cls = folder.title().replace("_", "")
        lines = []
        if archive is not None:
            name, entries = archive
            lines.append(f"{name} = {{" + ", ".join(f'"{k}": "{v}"' for k, v in entries.items()) + "}")
        doc = f'    """{config_doc[0]}"""\n' if config_doc else ""
        lines.append(f'class {cls}Config:\n{doc}    model_type = "{model_type}"\n')
        (path / f"configuration_{folder}.py").write_text("\n".join(lines) + "\n")
        (path / f"modeling_{folder}.py").write_text(f"{modeling}\nclass {cls}Model:\n    pass\n")
    return str(root)


def test_a_registered_archive_map_types_its_checkpoints(tmp_path):
    root = _package(tmp_path, "4.37.0", {
        "gpt2": ("gpt2", _map("GPT2_PRETRAINED_CONFIG_ARCHIVE_MAP", "gpt2", "distilgpt2"), ""),
        # An address that is not the key's own config.json is no evidence.
        "t5": ("t5", ("T5_PRETRAINED_CONFIG_ARCHIVE_MAP", {"t5-base": _url("t5-large")}), ""),
        # A map the auto module does not register is no evidence (TrOCR's in 4.x).
        "trocr": ("trocr", ("TROCR_PRETRAINED_CONFIG_ARCHIVE_MAP", {"microsoft/trocr-x": _url("microsoft/trocr-x")}), ""),
    }, {"gpt2": "GPT2_PRETRAINED_CONFIG_ARCHIVE_MAP", "t5": "T5_PRETRAINED_CONFIG_ARCHIVE_MAP"})
    _version, claims = mct.scan(root)
    assert claims["gpt2"] == {("gpt2", "models/gpt2/configuration_gpt2.py", "archive")}
    assert claims["distilgpt2"] == {("gpt2", "models/gpt2/configuration_gpt2.py", "archive")}
    assert "t5-base" not in claims and "t5-large" not in claims
    assert "microsoft/trocr-x" not in claims
    table = mct.build([root])["checkpoints"]
    assert table["distilgpt2"] == ["gpt2", "4.37.0:models/gpt2/configuration_gpt2.py", "archive"]


def test_two_maps_naming_one_checkpoint_leave_it_out(tmp_path):
    root = _package(tmp_path, "4.37.0", {
        "bert": ("bert", _map("BERT_PRETRAINED_CONFIG_ARCHIVE_MAP", "acme/shared", "bert-base"), ""),
        "roberta": ("roberta", _map("ROBERTA_PRETRAINED_CONFIG_ARCHIVE_MAP", "acme/shared", "roberta-base"), ""),
    }, {"bert": "BERT_PRETRAINED_CONFIG_ARCHIVE_MAP", "roberta": "ROBERTA_PRETRAINED_CONFIG_ARCHIVE_MAP"})
    table = mct.build([root])["checkpoints"]
    assert "acme/shared" not in table
    assert table["bert-base"][0] == "bert" and table["roberta-base"][0] == "roberta"


def test_an_archive_contradicting_another_release_leaves_the_checkpoint_out(tmp_path):
    # llama's only checkpoint is in gpt2's map, which says nothing else of it: a contradiction, not a loan.
    old = _package(tmp_path, "4.37.0", {
        "gpt2": ("gpt2", ("GPT2_PRETRAINED_CONFIG_ARCHIVE_MAP", {"acme/m": _url("acme/m")}), ""),
    }, {"gpt2": "GPT2_PRETRAINED_CONFIG_ARCHIVE_MAP"})
    new = _package(tmp_path, "5.0.0", {
        # llama's folder says it twice: its config names it, its model class loads it.
        "llama": ("llama", None, '"""\n>>> LlamaModel.from_pretrained("acme/m")\n"""',
                  "[acme/m](https://huggingface.co/acme/m)"),
    }, {})
    assert mct.build([new])["checkpoints"]["acme/m"][0] == "llama"
    assert "acme/m" not in mct.build([old, new])["checkpoints"]


def test_a_borrowing_type_does_not_contradict(tmp_path):
    # QDQBERT's map lists only BERT checkpoints ("QDQBERT models can be loaded from any BERT checkpoint").
    root = _package(tmp_path, "4.37.0", {
        # BERT's folder lists it and its config names it: said twice.
        "bert": ("bert", _map("BERT_PRETRAINED_CONFIG_ARCHIVE_MAP", "bert-base-uncased", "bert-large-cased"), "",
                 "[bert-base-uncased](https://huggingface.co/bert-base-uncased)"),
        "qdqbert": ("qdqbert", ("QDQBERT_PRETRAINED_CONFIG_ARCHIVE_MAP",
                                {"bert-base-uncased": _url("bert-base-uncased")}), ""),
    }, {"bert": "BERT_PRETRAINED_CONFIG_ARCHIVE_MAP", "qdqbert": "QDQBERT_PRETRAINED_CONFIG_ARCHIVE_MAP"})
    _version, claims = mct.scan(root)
    assert {t for t, _f, _e in claims["bert-base-uncased"]} == {"bert", "qdqbert"}
    assert mct.build([root])["checkpoints"]["bert-base-uncased"][0] == "bert"
    # Without checkpoints of its own beside the shared one, BERT's map would be no better than QDQBERT's.
    solo = _package(tmp_path / "solo", "4.37.0", {
        "bert": ("bert", ("BERT_PRETRAINED_CONFIG_ARCHIVE_MAP", {"bert-base-uncased": _url("bert-base-uncased")}), ""),
        "qdqbert": ("qdqbert", ("QDQBERT_PRETRAINED_CONFIG_ARCHIVE_MAP",
                                {"bert-base-uncased": _url("bert-base-uncased")}), ""),
    }, {"bert": "BERT_PRETRAINED_CONFIG_ARCHIVE_MAP", "qdqbert": "QDQBERT_PRETRAINED_CONFIG_ARCHIVE_MAP"})
    assert "bert-base-uncased" not in mct.build([solo])["checkpoints"]


def test_the_decoder_half_of_composites_names_no_checkpoint_of_its_type(tmp_path):
    # Speech2Text2's map lists facebook/s2t-wav2vec2-large-en-de, a speech-encoder-decoder checkpoint; its
    # docs build SpeechEncoderDecoderModel(encoder=..., decoder=...) with its own class as the decoder.
    example = '"""\n>>> model = SpeechEncoderDecoderModel(encoder=encoder, decoder=decoder)\n"""'
    root = _package(tmp_path, "4.37.0", {
        "speech_to_text_2": ("speech_to_text_2", ("SPEECH_TO_TEXT_2_PRETRAINED_CONFIG_ARCHIVE_MAP",
                                                  {"facebook/s2t": _url("facebook/s2t")}), example),
        "speech_encoder_decoder": ("speech-encoder-decoder", None, ""),
    }, {"speech_to_text_2": "SPEECH_TO_TEXT_2_PRETRAINED_CONFIG_ARCHIVE_MAP"})
    models = os.path.join(root, "models", "speech_encoder_decoder", "modeling_speech_encoder_decoder.py")
    with open(models, "w") as f:
        f.write("class SpeechEncoderDecoderModel:\n    pass\n")
    _version, claims = mct.scan(root)
    assert "facebook/s2t" not in claims


# --- the bundled table --------------------------------------------------------------------------------

def test_bundled_table_sources_include_the_archive_releases():
    sources = table_sources()
    assert "transformers 4.37.2" in sources and "transformers 4.39.3" in sources  # legacy and org keys
    assert sum(1 for _t, _s, e in _table().values() if e == "archive") > 200


@pytest.mark.parametrize("name, model_type", [
    # Legacy names, typed by 4.37's archive maps (never by a rule on the string).
    ("gpt2", "gpt2"), ("gpt2-medium", "gpt2"), ("gpt2-xl", "gpt2"), ("distilgpt2", "gpt2"),
    ("t5-base", "t5"), ("t5-large", "t5"), ("bert-base-uncased", "bert"), ("roberta-base", "roberta"),
    # The organisation forms 4.38+ list.
    ("google-t5/t5-base", "t5"), ("distilbert/distilgpt2", "gpt2"), ("google-bert/bert-base-uncased", "bert"),
    # Archive maps that list another type's checkpoints are no evidence of their own type.
    ("facebook/s2t-wav2vec2-large-en-de", None),  # speech-encoder-decoder, listed by Speech2Text2
    ("microsoft/trocr-base-handwritten", "vision-encoder-decoder"),
])
def test_bundled_table_archive_entries(name, model_type):
    entry = _table().get(name)
    assert (entry[0] if entry else None) == model_type
