"""Checkpoint -> model type resolution: order, sources, and precision on well-known Hub ids."""

import json
import os
import subprocess
import sys

import pytest

from data_wellknown import WELL_KNOWN
from tf_lint.config import Settings
from tf_lint.knowledge import snapshot
from tf_lint.knowledge.checkpoints import _table, resolve_checkpoint

TYPES_5 = snapshot("5.24.0").model_types
TYPES_4 = snapshot("4.57.6").model_types
TRAPS = ["facebook/nllb-200-distilled-600M", "nvidia/mit-b0", "microsoft/deberta-v3-base",
         "mistralai/Mixtral-8x7B-v0.1", "google/long-t5-tglobal-base"]


@pytest.mark.parametrize("types", [TYPES_5, TYPES_4], ids=["5.24.0", "4.57.6"])
def test_well_known_ids_never_wrong(types):
    right = 0
    for name, model_type in WELL_KNOWN.items():
        found = resolve_checkpoint(name, types)
        if found is None:
            continue
        assert found.model_type == model_type, (name, found)
        right += 1
    assert right >= 0.8 * len(WELL_KNOWN), right  # measured: 68 of 79, none wrong (Qwen2.5 names give way to qwen2_5_vl)


@pytest.mark.parametrize("name", TRAPS)
def test_substring_traps_do_not_resolve_wrongly(name):
    found = resolve_checkpoint(name, TYPES_5)
    assert found is None or found.model_type == WELL_KNOWN[name]


def test_token_rules():
    assert resolve_checkpoint("acme/xlm-roberta-legal", TYPES_5).model_type == "xlm-roberta"  # longest match
    assert resolve_checkpoint("acme/gemma-2-ft", TYPES_5).model_type == "gemma2"  # joined pair
    assert resolve_checkpoint("acme/clip-vit-ft", TYPES_5) is None  # two unrelated types
    assert resolve_checkpoint("acme/deberta-v3-small-ft", TYPES_5) is None  # contradicted version
    assert resolve_checkpoint("bert-finetuned-ner", TYPES_5) is None  # a bare name: maybe a local folder
    assert resolve_checkpoint("roberta-large", TYPES_5).model_type == "roberta"  # legacy form
    assert resolve_checkpoint("./outputs/bert-base", TYPES_5) is None
    assert resolve_checkpoint("acme/bert-ish", TYPES_5).guessed


@pytest.mark.parametrize("name, model_type", [
    # Test checkpoints named for the class they hold (peft's and trl's suites): the class name is cut.
    ("trl-internal-testing/tiny-Qwen2_5_VLForConditionalGeneration", "qwen2_5_vl"),
    ("trl-internal-testing/tiny-LlamaForCausalLM-3.2", "llama"),
    ("hf-internal-testing/tiny-random-GPT2LMHeadModel", "gpt2"),
    ("hf-internal-testing/tiny-random-BertModel", "bert"),
    # A name that goes on the way a longer model type does is no evidence for the shorter one.
    ("acme/qwen2-5-omni-ft", "qwen2_5_omni"),  # the longer type itself
    ("acme/qwen2-5-coder-ft", None),
    ("acme/Qwen2.5-7B-Instruct-ish", None),
])
def test_class_names_and_longer_types(name, model_type):
    found = resolve_checkpoint(name, TYPES_5)
    assert (found.model_type if found else None) == model_type


def test_order_local_then_cache_then_settings_then_table(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    name = "openai-community/gpt2"
    assert resolve_checkpoint(name, TYPES_5).kind == "transformers"
    settings = Settings(checkpoints=((name, "llama"),))
    assert resolve_checkpoint(name, TYPES_5, settings).model_type == "llama"
    repo = tmp_path / "hub" / "models--openai-community--gpt2"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text("abc")
    (repo / "snapshots" / "abc").mkdir(parents=True)
    (repo / "snapshots" / "abc" / "config.json").write_text(json.dumps({"model_type": "mistral"}))
    found = resolve_checkpoint(name, TYPES_5, settings)
    assert (found.model_type, found.kind) == ("mistral", "cache")
    local = tmp_path / "openai-community" / "gpt2"
    local.mkdir(parents=True)
    (local / "config.json").write_text(json.dumps({"model_type": "bert"}))
    found = resolve_checkpoint(name, TYPES_5, settings, base_dir=str(tmp_path))
    assert (found.model_type, found.kind) == ("bert", "local")
    (local / "config.json").unlink()
    assert resolve_checkpoint(name, TYPES_5, settings, base_dir=str(tmp_path)) is None  # a folder: no guess


def test_bundled_table_size_and_sources():
    table = _table()
    assert len(table) > 950
    assert table["google-t5/t5-small"][0] == "t5"
    assert all(":" in source and source.split(":", 1)[1].startswith("models/") for _, source, _ in table.values())
    assert {evidence for _, _, evidence in table.values()} == {"load", "config", "composite", "archive"}


@pytest.mark.parametrize("name, model_type", [
    # Named by TrOCR's config, loaded by its docs with the composite class: the composite is the truth.
    ("microsoft/trocr-base-handwritten", "vision-encoder-decoder"),
    # Named only by a sub-configuration (SmolVLM's vision tower), by a folder without models (LayoutXLM's
    # config names a layoutlmv2 checkpoint), or by a sub-model of a composite (Donut's Swin encoder,
    # Nougat's): no evidence of the checkpoint's own model type.
    ("google/siglip-so400m-patch14-384", None),
    ("microsoft/layoutxlm-base", None),
    ("naver-clova-ix/donut-base", None),
    ("facebook/nougat-base", None),
    # A copied doc example (Pegasus' class in Pegasus-X's docs) contradicts the config alone; with 4.37's
    # archive map of pegasus_x listing it too, Pegasus-X's own folder says it twice and wins.
    ("google/pegasus-x-large", "pegasus_x"),
    # The type whose own folder both names and loads it wins over copied examples elsewhere.
    ("FacebookAI/roberta-base", "roberta"),
    ("Qwen/Qwen2-VL-7B-Instruct", "qwen2_vl"),
])
def test_bundled_table_only_from_evidence(name, model_type):
    entry = _table().get(name)
    assert (entry[0] if entry else None) == model_type


@pytest.mark.parametrize("name", ["wanglab/medsam-vit-base",
                                  "facebook/maskformer-swin-small-coco", "nielsr/layoutxlm-finetuned-xfund-fr",
                                  "microsoft/trocr-base-stage1", "facebook/nougat-small", "MiniMaxAI/MiniMax-H3"])
def test_names_from_the_corpus_are_at_most_guesses(name):
    found = resolve_checkpoint(name, TYPES_5)
    assert found is None or found.guessed


def test_distilgpt2_is_typed_by_evidence_never_by_its_namespace():
    # The name's namespace reads as DistilBERT; GPT-2's archive map (4.39) lists it as a gpt2 checkpoint.
    for name in ("distilbert/distilgpt2", "distilgpt2"):
        found = resolve_checkpoint(name, TYPES_5)
        assert (found.model_type, found.kind) == ("gpt2", "transformers"), name


def test_lint_path_imports_no_heavy_modules(tmp_path):
    code = tmp_path / "a.py"
    local = tmp_path / "gpt2-local"  # TFL302 needs the config's architectures: a local checkpoint
    local.mkdir()
    (local / "config.json").write_text(json.dumps({"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"]}))
    code.write_text('from transformers import AutoModelForMaskedLM, TrainingArguments, pipeline\n'
                    'm = AutoModelForMaskedLM.from_pretrained("openai-community/gpt2")\n'
                    'p = pipeline("fill-mask", model="gpt2-local")\n'
                    'a = TrainingArguments(output_dir="o", no_cuda=True)\n')
    script = ("import sys\nfrom tf_lint.cli import main\nrc = main(['check', sys.argv[1], '--select', "
              "'TFL301,TFL302,TFL303,TFL502'])\n"
              "bad = [m for m in ('transformers', 'torch', 'huggingface_hub') if m in sys.modules]\n"
              "print('HEAVY', bad)\n")
    out = subprocess.run([sys.executable, "-c", script, str(code)], capture_output=True, text=True,
                         env={**os.environ, "TF_LINT_CACHE_DIR": str(tmp_path / "cache")})
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr
    assert "TFL301" in out.stdout and "TFL302" in out.stdout and "TFL502" in out.stdout


# --- TFL302 without a config read: what `architectures` can name ----------------------------------------

def _codes(source, target, tmp_path):
    from tf_lint.config import parse_version
    from tf_lint.engine import Linter
    from tf_lint.sources import read_source

    settings = Settings(root=str(tmp_path), target_transformers_version=parse_version("t", "t", target))
    path = tmp_path / "snippet.py"
    path.write_text(source)
    result = Linter(settings).process_source(read_source(str(path), source.encode()))
    return [(d.start.row, d.code) for d in result.diagnostics if d.code.startswith("TFL3")]


def test_type_class_may_be_among():
    k = snapshot("4.57.6")
    seq2seq = frozenset(k.auto_class_mapping("AutoModelForSeq2SeqLM").values())
    assert not k.type_class_may_be_among("gpt2", seq2seq)  # no GPT2... class there, none listed under gpt2
    assert k.type_class_may_be_among("bart", seq2seq)  # BartForConditionalGeneration
    assert k.type_class_may_be_among("no-such-type", seq2seq)  # unknown: may be


def test_pipeline_on_a_table_checkpoint_whose_type_cannot_serve_the_task(tmp_path):
    source = ('from transformers import pipeline\n'
              'a = pipeline("summarization", model="gpt2")\n'  # gpt2 (4.37's archive map): no seq2seq class
              'b = pipeline("summarization", model="t5-small")\n'
              'c = pipeline("text-generation", model="gpt2-medium")\n'
              'd = pipeline("summarization", model="acme/gpt2-summarizer")\n'  # a guess: never a finding
              'e = pipeline("summarization", model="gpt2", trust_remote_code=True)\n')
    assert _codes(source, "4.57", tmp_path) == [(2, "TFL302")]


def test_hub_ids_match_ignoring_case():
    # Hub repository ids are case-insensitive (huggingface_hub#2090): `T5-base` is the `t5-base` repository.
    found = resolve_checkpoint("T5-base", TYPES_5)
    assert (found.model_type, found.kind) == ("t5", "transformers") and "'t5-base'" in found.source
    assert resolve_checkpoint("Google-T5/T5-Large", TYPES_5).model_type == "t5"
    assert resolve_checkpoint("T5-base-finetuned", TYPES_5) is None or resolve_checkpoint("T5-base-finetuned",
                                                                                          TYPES_5).guessed
