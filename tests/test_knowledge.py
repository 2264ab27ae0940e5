"""The knowledge layer: the static parse against the real transformers, snapshots, cache, selection."""

import dataclasses
import importlib
import os
import subprocess
import sys
import textwrap

import pytest

from tf_lint.config import Settings
from tf_lint.engine import Linter
from tf_lint.knowledge import clear_cache, knowledge_for, load_knowledge, snapshot, store
from tf_lint.knowledge.changes import SUFFIX_RENAMES, changes_between, explain_missing
from tf_lint.knowledge.source import parse_package
from tf_lint.sources import read_source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The 4.x runtime environment of issue 2 (transformers 4.57.6 + TensorFlow): a second source tree.
TF_ENV_PACKAGE = "/work/venv-tf/lib/python3.11/site-packages/transformers"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TF_LINT_CACHE_DIR", str(tmp_path / "cache"))
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(scope="module")
def installed_parse():
    have = store.installed()
    if have is None:
        pytest.skip("transformers is not installed")
    return parse_package(have.root)


def test_snapshot_of_installed_version_equals_the_parse(installed_parse):
    version = installed_parse["version"]
    if version not in store.bundled_versions():
        pytest.skip(f"no bundled snapshot of transformers {version}")
    assert store.load_snapshot(version) == installed_parse


@pytest.mark.skipif(not os.path.isdir(TF_ENV_PACKAGE), reason="no transformers 4.57.6 source tree here")
def test_snapshot_of_4_57_equals_the_parse_of_its_source_tree():
    assert store.load_snapshot("4.57.6") == parse_package(TF_ENV_PACKAGE)


# --- the parse against the imported package (tests only: the lint path never imports it) -----------

@pytest.fixture(scope="module")
def real():
    return importlib.import_module("transformers")


def test_config_and_model_mappings_match(installed_parse, real):
    from transformers.models.auto import configuration_auto, modeling_auto
    from transformers.models.auto.auto_factory import _LazyAutoMapping

    assert installed_parse["config_mapping"] == dict(configuration_auto.CONFIG_MAPPING_NAMES)
    mappings = {}
    for value in vars(modeling_auto).values():
        if isinstance(value, _LazyAutoMapping):
            names = next(k for k, v in vars(modeling_auto).items() if v is value._model_mapping and k.endswith("NAMES"))
            mappings[names] = {t: list(c) if isinstance(c, tuple) else c for t, c in value._model_mapping.items()}
    assert installed_parse["model_mappings"] == mappings
    for auto_class, names in installed_parse["auto_classes"].items():
        assert getattr(modeling_auto, auto_class)._model_mapping._model_mapping is getattr(modeling_auto, names)


def test_pipeline_tasks_match(installed_parse, real):
    from transformers import pipelines

    assert installed_parse["task_aliases"] == pipelines.TASK_ALIASES
    assert set(installed_parse["tasks"]) == set(pipelines.SUPPORTED_TASKS)
    for task, info in pipelines.SUPPORTED_TASKS.items():
        assert installed_parse["tasks"][task].get("pt", []) == [c.__name__ for c in info["pt"]], task
    assert installed_parse["removed_tasks"] == getattr(pipelines, "REMOVED_TASKS", {})


def test_training_arguments_fields_match(installed_parse, real):
    knowledge = load_knowledge(None)
    for cls in ("TrainingArguments", "Seq2SeqTrainingArguments"):
        fields = knowledge.training_argument_fields(cls)
        expected = {f.name for f in dataclasses.fields(getattr(real, cls))}
        assert set(fields) == expected, cls
        init_false = {f.name for f in dataclasses.fields(getattr(real, cls)) if not f.init}
        assert {n for n, f in fields.items() if f.get("init") is False} == init_false


def test_exports_match_the_lazy_module(installed_parse, real):
    listed = set(real._class_to_module) | set(real._objects)
    ours = set(installed_parse["exports"])
    # ``DummyObject`` comes from ``dir()`` of a dummy module of a missing optional backend: read too.
    assert listed - ours == set()
    assert {"DummyObject", "requires_backends"} <= ours
    # Ours is the union over optional backends: a few names need a backend this environment lacks
    # (PIL, torchvision) and are then missing from the real structure.
    assert len(ours - listed) <= 5, sorted(ours - listed)
    assert {m.split(".")[0] for m in real._modules} <= set(installed_parse["modules"]) | ours


def test_sample_of_exported_names_and_lazy_aliases_import(installed_parse, real):
    listed = set(real._class_to_module) | set(real._objects)
    exports = [n for n in installed_parse["exports"] if n in listed]
    # An alias of a class whose optional backend (sentencepiece, ...) is missing here only works where
    # the backend is installed (the class itself then imports as a placeholder): skip those.
    missing_backend = set(real._object_missing_backend)
    aliases = sorted(a for a, target in installed_parse["lazy_aliases"].items() if target not in missing_backend)
    sample = exports[::97] + aliases[::11] + ["BertTokenizerFast", "GPT2TokenizerFast", "ViTImageProcessorFast"]
    failures = []
    for name in sample:
        try:
            exec(f"from transformers import {name}", {})
        except Exception as exc:  # noqa: BLE001 - collect, then report all
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
    assert not failures


def test_sample_of_names_said_missing_fail_to_import(real):
    knowledge = load_knowledge(None)
    if knowledge.major < 5:
        pytest.skip("needs transformers 5")
    removed = sorted(changes_between(snapshot("4.57.6"), knowledge))
    assert len(removed) > 1000
    for name in removed[::37] + ["TFAutoModel", "FlaxBertModel", "AutoModelWithLMHead", "AutoModelForVision2Seq",
                                 "ViTFeatureExtractor", "MistralCommonTokenizer"]:
        with pytest.raises(ImportError):
            exec(f"from transformers import {name}", {})


# --- the lint path ------------------------------------------------------------------------------

def test_lint_path_never_imports_transformers_or_torch(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from tf_lint.config import Settings
        from tf_lint.engine import Linter
        from tf_lint.sources import read_source
        path = {os.path.join(ROOT, "fixtures", "TFL501", "bad_module_alias.py")!r}
        result = Linter(Settings()).process_source(read_source(path, open(path, "rb").read()))
        assert any(d.code == "TFL501" for d in result.diagnostics), result.diagnostics
        assert "transformers" not in sys.modules
        assert "torch" not in sys.modules
        print("ok")
    """)
    env = dict(os.environ, TF_LINT_CACHE_DIR=str(tmp_path / "cache"))
    for _ in range(2):  # cold (parses and caches), then warm
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "ok"


def test_warm_load_is_served_from_the_cache_per_version(tmp_path, monkeypatch):
    """A warm load reads the cache file and parses nothing (what makes it a few milliseconds; asserted
    by what it does, not by a clock)."""
    from tf_lint.knowledge import source

    have = store.installed()
    if have is None:
        pytest.skip("transformers is not installed")
    store.load_installed(have.root, have.version)  # cold: parse and write the cache
    cached = os.listdir(tmp_path / "cache" / "knowledge")
    assert cached and any(have.version in name for name in cached)

    def no_parsing(root):
        raise AssertionError(f"a warm load parsed {root}")

    monkeypatch.setattr(source, "parse_package", no_parsing)
    for _ in range(3):
        clear_cache()
        knowledge = knowledge_for(Settings())
        assert knowledge.version == have.version
    assert os.listdir(tmp_path / "cache" / "knowledge") == cached


# --- version selection ----------------------------------------------------------------------------

def test_version_choice():
    have = store.Installed("5.24.0", "/site/transformers")
    bundled = ["4.57.6", "5.24.0"]
    assert store.choose(None, have, bundled).origin == "installed"
    assert store.choose("5.24", have, bundled).origin == "installed"
    assert store.choose(None, None, bundled, check_installed=False).version == "5.24.0"
    four = store.choose("4.57", have, bundled)
    assert (four.origin, four.version) == ("snapshot", "4.57.6")
    near = store.choose("4.40.2", have, bundled)
    assert near.version == "4.57.6" and "same major" in near.reason
    assert store.choose("5.2", None, bundled, check_installed=False).version == "5.24.0"
    assert store.choose("6.1", None, bundled, check_installed=False).version == "5.24.0"


# --- renamed and removed names ------------------------------------------------------------------

def test_reasons_for_missing_names():
    five, four = snapshot("5.24.0"), snapshot("4.57.6")
    assert explain_missing("TFAutoModel", five).kind == "backend-removed"
    assert explain_missing("FlaxBertModel", five).backend == "Flax"
    renamed = explain_missing("AutoModelForVision2Seq", five)
    assert (renamed.kind, renamed.replacement) == ("renamed", "AutoModelForImageTextToText")
    assert "MIGRATION_GUIDE_V5" in renamed.source
    assert explain_missing("AutoModelWithLMHead", five).replacement is None
    assert explain_missing("BertTokenizerFast", five) is None  # a lazy alias: present
    added = [n for n in five.exports if not four.has_name(n)]
    assert explain_missing(added[0], four).kind == "added-later"
    table = changes_between(four, five)
    kinds = {c.kind for c in table.values()}
    assert {"backend-removed", "renamed", "removed"} <= kinds
    assert all(c.source for c in table.values())


@pytest.mark.skipif(not os.path.isdir(TF_ENV_PACKAGE), reason="no transformers 4.57.6 source tree here")
def test_generated_suffix_renames_are_subclasses_in_4_57():
    """``XFeatureExtractor`` -> ``XImageProcessor`` is safe: in 4.57.6 the former subclasses the latter."""
    import ast

    five, four = snapshot("5.24.0"), snapshot("4.57.6")
    pairs = {n: c.replacement for n, c in changes_between(four, five).items()
             if c.kind == "renamed" and any(n.endswith(s[0]) for s in SUFFIX_RENAMES)}
    assert len(pairs) > 20
    bases = {}
    for directory, _, files in os.walk(os.path.join(TF_ENV_PACKAGE, "models")):
        for name in files:
            if name.startswith("feature_extraction_") and name.endswith(".py"):
                with open(os.path.join(directory, name), encoding="utf-8") as f:
                    for node in ast.parse(f.read()).body:
                        if isinstance(node, ast.ClassDef):
                            bases[node.name] = [getattr(b, "id", None) for b in node.bases]
    for old, new in pairs.items():
        assert new in bases.get(old, []), (old, new, bases.get(old))


def _lint(text, target=None, name="t.py"):
    settings = Settings(target_transformers_version=target)
    return Linter(settings).process_source(read_source(name, text.encode())).diagnostics


def test_rules_follow_the_target_version():
    five_only = sorted(n for n in snapshot("5.24.0").exports if not snapshot("4.57.6").has_name(n))[0]
    text = f"from transformers import TFAutoModel, {five_only}, pipeline\npipeline('any-to-any')\n"
    on_four = {(d.code, d.start.row) for d in _lint(text, "4.57.6")}
    assert on_four == {("TFL501", 1), ("TFL304", 2)}
    on_five = [d for d in _lint(text, "5.24.0")]
    assert [(d.code, d.start.row) for d in on_five] == [("TFL501", 1)]
    assert "TFAutoModel" in on_five[0].message
    assert [d.code for d in _lint("from transformers import pipeline\npipeline('summarization')\n", "4.57")] == []


@pytest.mark.parametrize("version", ["4.57.6", "5.24.0"])
def test_causal_classes_from_modeling_source(version):
    causal = snapshot(version).causal_classes
    # CLIP's text model builds its causal mask unconditionally; GPT-2 is decoder-only.
    assert {"CLIPTextModel", "GPT2Model", "GPT2LMHeadModel"} <= causal
    # BERT builds one only as a decoder, T5's stack only for its decoder, BART holds a bidirectional
    # encoder besides its causal decoder, CLIP's vision tower takes no ids.
    assert not {"BertModel", "T5EncoderModel", "T5ForConditionalGeneration", "BartModel",
                "BartForConditionalGeneration", "CLIPVisionModel", "RobertaModel"} & causal


@pytest.mark.parametrize("version", ["4.57.6", "5.24.0"])
def test_pipeline_loading_from_source(version):
    k = snapshot(version)
    assert k.pipeline_tries_architectures  # load_model / infer_framework_load_model read config.architectures
    assert bool(k.pipeline_extra_mappings("decision")) == (version == "5.24.0")


def test_model_agnostic_pipelines_test_no_model_type():
    """MODEL_AGNOSTIC_PIPELINES: the installed transformers' pipeline classes of that list (and their
    bases within `pipelines/`) compare no `model_type` (TFL302 infers what they do from classes alone)."""
    import importlib.util
    import re

    from tf_lint.knowledge.versions import MODEL_AGNOSTIC_PIPELINES

    spec = importlib.util.find_spec("transformers")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("transformers is not installed")
    folder = os.path.join(list(spec.submodule_search_locations)[0], "pipelines")
    sources = {}
    for name in os.listdir(folder):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                sources[name] = f.read()
    compared = re.compile(r"model_type\s*(==|!=|\bin\b|\bnot in\b)")
    checked = 0
    for cls in sorted(MODEL_AGNOSTIC_PIPELINES):
        defining = [n for n, text in sources.items() if re.search(rf"^class {cls}\(", text, re.M)]
        if not defining:
            continue  # removed in this release (5.x: summarization, translation, text2text-generation)
        checked += 1
        text = sources[defining[0]]
        assert not compared.search(text), f"{cls} ({defining[0]}) tests a model type"
    assert checked >= 5


def test_an_auto_class_that_only_wraps_another_loads_through_its_mapping():
    # 4.57: `class AutoModelForVision2Seq(_AutoModelForVision2Seq)` adds a deprecation warning only.
    auto_classes = store.load_snapshot("4.57.6")["auto_classes"]
    assert auto_classes["AutoModelForVision2Seq"] == "MODEL_FOR_VISION_2_SEQ_MAPPING_NAMES"
    assert auto_classes["AutoModelWithLMHead"] == "MODEL_WITH_LM_HEAD_MAPPING_NAMES"
