"""Text gates that cannot miss (DESIGN.md, "Performance design"): each family's words, and each rule's
``triggers``, are implied by the evidence its rules read.

A gate skips a document that holds none of its words, so it may only name words that every finding of
its rules needs in the text. The tests derive that from the evidence tables the facts layer and the
rules read (collators, model and tokenizer classes, Auto classes, loaders, environment writes ...),
and check on every fixture, every fixture re-printed without comments and docstrings, and examples/,
that running with every gate open finds exactly what the gated run finds. The gate once missed:
padding ran only on documents holding ``pad``, and ``DataCollatorWithPadding`` is spelled with a
capital P.
"""

import ast
import collections
import os

import pytest

import metamorphic
import tf_lint.rules as package
from fixture_files import ALL_FORMATS, FIXTURES, fixture_files
from tf_lint import engine, registry
from tf_lint.analysis import Facts
from tf_lint.analysis.objects import COLLATORS, tokenizer_kind
from tf_lint.analysis.values import Collator, Model, Tokenizer
from tf_lint.config import ConfigResolver
from tf_lint.knowledge import knowledge_for, snapshot
from tf_lint.knowledge.classes import model_framework
from tf_lint.sources import read_source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _triggers(code):
    registry.all_rules()
    return registry.RULES[code].triggers


def _words(module):
    return package.RULE_MODULES[module][1]


def _passes(text, code):
    """Whether a document with this text reaches rule ``code``: its module's words and its triggers."""
    registry.all_rules()  # loads every rule module, whichever test of this worker ran first
    module = registry.RULES[code].__module__.rsplit(".", 1)[1]
    words, triggers = _words(module), _triggers(code)
    return (words is None or any(w in text for w in words)) and (not triggers or any(t in text for t in triggers))


def _value(text, expr_line=-1):
    tree = ast.parse(text)
    facts = Facts(tree, "<gate>")
    return facts.value(tree.body[expr_line].value)


def _knowledge_versions():
    return [knowledge_for(None)] + [snapshot(v) for v in ("4.30.2", "4.37.2", "4.57.6", "5.24.0")]


# --- padding ---------------------------------------------------------------------------------------------
def _model_and_tokenizer_classes():
    models, tokenizers = set(), set()
    for k in _knowledge_versions():
        for auto in k.auto_classes:
            for value in (k.auto_class_mapping(auto) or {}).values():
                for name in ([value] if isinstance(value, str) else list(value or ())):
                    if isinstance(name, str) and model_framework("transformers." + name):
                        models.add(name)
    tokenizers |= {"AutoTokenizer", "BertTokenizer", "BertTokenizerFast", "GPT2TokenizerFast", "AutoProcessor",
                   "LlamaTokenizer", "PreTrainedTokenizerFast", "WhisperProcessor"}
    return sorted(models), sorted(tokenizers)


def test_padding_gate_is_the_package_that_every_padding_object_is_imported_from():
    """Every padding finding needs a model, tokenizer or collator, known only as a ``transformers.``
    qualified name: imported from the package, the same name from elsewhere is nothing. So the gate is
    the package's name, and every way of importing one holds it."""
    models, tokenizers = _model_and_tokenizer_classes()
    assert len(models) > 500 and len(tokenizers) >= 8
    for code in ("TFL101", "TFL102", "TFL103", "TFL104"):
        assert _triggers(code) == ("transformers",), code
    for name in models:
        assert model_framework(f"transformers.{name}") and not model_framework(f"mylib.{name}"), name
    for name in tokenizers:
        assert tokenizer_kind(f"transformers.{name}") and not tokenizer_kind(f"mylib.{name}"), name
    for name in COLLATORS:
        made = _value(f"from transformers import {name} as C\nC(tok)\n")
        assert isinstance(made, Collator), name
        assert _value(f"from mylib import {name} as C\nC(tok)\n") is None, name
    for imports in ("from transformers import {n} as X\nX", "import transformers as t\nt.{n}",
                    "from transformers import *\n{n}", "import transformers.models\ntransformers.{n}",
                    "X = __import__('transformers').{n}\nX"):
        model = _value(imports.format(n="BertForMaskedLM") + ".from_pretrained('bert-base-uncased')\n")
        tokenizer = _value(imports.format(n="BertTokenizerFast") + ".from_pretrained('bert-base-uncased')\n")
        assert isinstance(model, Model) and isinstance(tokenizer, Tokenizer), imports
        facts = Facts(ast.parse(imports.format(n="BertForMaskedLM") + "\n"), "<gate>")
        assert facts.may_hold_names_of("transformers"), imports  # the padding rules' node_types_here
        for code in ("TFL101", "TFL104"):
            assert _passes(imports, code), (imports, code)
    # what the old gate missed: a padding collator, and a literal padded batch, with no "pad" written
    assert "pad" not in "DataCollatorForSeq2Seq DataCollatorWithPadding torch.tensor([[101, 102, 0]])"


# --- every other family: the names its evidence tables hold --------------------------------------------
def test_every_auto_class_holds_the_auto_class_gate():
    for k in _knowledge_versions():
        for auto in k.auto_classes:
            assert any(t in auto for t in _triggers("TFL301")), (k.version, auto)


def test_every_loader_holds_its_gate():
    from tf_lint.analysis import downloads
    from tf_lint.rules import checkpoints, pipelines, supply_chain, tf_save, vocabulary
    from tf_lint.analysis import vocabulary as added

    for qualname in list(downloads.HUB_DOWNLOADS) + sorted(downloads.PIPELINES):
        assert _passes(qualname, "TFL802"), qualname
    for loader in supply_chain._REMOTE_CODE_LOADERS:  # and trust_remote_code= itself
        assert _passes(f"{loader}(trust_remote_code=True)", "TFL801"), loader
    for qualname in sorted(pipelines.PIPELINE_FACTORIES | checkpoints.PIPELINE_FACTORIES):
        assert _passes(qualname, "TFL304") and _passes(qualname, "TFL302"), qualname
    for qualname in sorted(tf_save.KERAS_MODEL_LOADERS):
        assert _passes(qualname, "TFL202"), qualname
    assert _passes("model . save ('x')", "TFL201")
    for method in added._ADDERS:
        assert _passes(f"tok.{method}(x)", "TFL701"), method
    for keyword in added.LOAD_TIME_TOKENS:  # tokens added as the tokenizer loads
        assert _passes(f"T.from_pretrained('gpt2', {keyword}='[X]')", "TFL701"), keyword
    assert vocabulary.NumLabelsMismatch.triggers == ("from_pretrained",)


def test_every_training_class_holds_its_gate():
    from tf_lint.estimate import TRAINER_CLASSES
    from tf_lint.knowledge.keywords import ARGUMENT_CLASSES, TRAINERS, TRAINING_ARGUMENT_CLASSES, TRL_CONFIGS

    for name in ARGUMENT_CLASSES:
        assert _passes(name, "TFL401") and _passes(name, "TFL402"), name
    for qualname in sorted(TRAINING_ARGUMENT_CLASSES | TRL_CONFIGS | TRAINERS):
        assert _passes(qualname.rsplit(".", 1)[1], "TFL502"), qualname
    assert _passes("X.from_pretrained('gpt2', use_auth_token=True)", "TFL502")
    assert TRAINER_CLASSES  # the memory cases start from an arguments class: ARGUMENT_CLASSES above


@pytest.mark.parametrize("form", [
    "import os\nos.environ[{n!r}] = '1'\n",
    "import os\nos.environ.update({{{n!r}: '1'}})\n",
    "import os\nos.environ.setdefault({n!r}, '1')\n",
    "import os\nos.putenv({n!r}, '1')\n",
    "from os import environ as E\nE[{n!r}] = '1'\n",
])
def test_every_environment_write_holds_the_env_gate(form):
    from tf_lint.rules.env import CUDA_ENV, HF_IMPORT_TIME_ENV, env_writes

    for name in sorted(CUDA_ENV | HF_IMPORT_TIME_ENV):
        text = form.format(n=name)
        tree = ast.parse(text)
        facts = Facts(tree, "<gate>")
        assert [w.name for w in env_writes(tree.body[-1], facts)] == [name], text
        assert _passes(text, "TFL602"), text
        if name in CUDA_ENV:
            assert _passes(text, "TFL601"), text


def test_an_environment_variable_is_known_only_by_its_name_in_the_text():
    """TFL601's gate is the CUDA variables' names: a name folded from parts is no write it reads."""
    from tf_lint.rules.env import CUDA_ENV, env_writes

    for name in sorted(CUDA_ENV):
        assert any(t in name for t in _triggers("TFL601")), name
        for text in (f"import os\nos.environ[{name[:2]!r} + {name[2:]!r}] = '1'\n",
                     f"import os\nos.environ[f'{{\"{name[:2]}\"}}{name[2:]}'] = '1'\n"):
            tree = ast.parse(text)
            assert env_writes(tree.body[-1], Facts(tree, "<gate>")) == [], text


def test_a_notebook_env_magic_holds_the_env_gate(tmp_path):
    import json

    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
            "source": ["%env CUDA_VISIBLE_DEVICES=1\n"]}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    data = json.dumps(notebook).encode()
    for document in read_source(str(tmp_path / "a.ipynb"), data).documents:
        assert _passes(document.text, "TFL601")


# --- nothing hidden: every gate open vs as written -------------------------------------------------------
@pytest.fixture
def gates_open(monkeypatch):
    every = registry.all_rules()
    monkeypatch.setattr(engine, "rules_for", lambda text: list(every))
    for rule in every:
        monkeypatch.setattr(rule, "triggers", ())
        # and the gates asked of the code: every rule sees every node of its types
        monkeypatch.setattr(rule, "node_types_here", lambda self: type(self).node_types)


def _documents():
    for name in fixture_files("bad", ALL_FORMATS) + fixture_files("good", ALL_FORMATS):
        path = os.path.join(FIXTURES, name)
        with open(path, "rb") as f:
            data = f.read()
        yield path, data
        if path.endswith(".py"):  # what the gates see once comments and docstrings are gone
            yield path, metamorphic.strip(data.decode("utf-8"), path).encode("utf-8")
    folder = os.path.join(ROOT, "examples")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as f:
                yield os.path.join(folder, name), f.read()


def _findings():
    found = collections.Counter()
    for path, data in _documents():
        result = engine.Linter(ConfigResolver().for_path(path)).process_source(read_source(path, data))
        found.update((path, d.cell, d.code) for d in result.diagnostics)
    return found


@pytest.fixture(scope="module")
def gated():
    return _findings()


def test_open_gates_find_nothing_more(gated, gates_open):
    assert sum(gated.values()) > 100
    assert _findings() == gated


# --- the packages a rule's evidence is a name of (Rule.packages, asked of the code) ---------------------
def test_every_evidence_table_names_only_the_packages_its_rules_declare():
    """A rule with ``packages`` is skipped where nothing can hold a name of them: every qualified name its
    evidence tables hold must be under one of them."""
    from tf_lint.analysis import downloads
    from tf_lint.knowledge import keywords as keyword_tables
    from tf_lint.rules import checkpoints, pipelines

    def roots(names):
        return {n.split(".")[0] for n in names}

    registry.all_rules()
    rules = registry.RULES
    assert roots(checkpoints.PIPELINE_FACTORIES) <= set(rules["TFL302"].packages)
    assert roots(pipelines.PIPELINE_FACTORIES) <= set(rules["TFL304"].packages)
    for code in ("TFL801", "TFL802"):
        assert roots(set(downloads.HUB_DOWNLOADS) | downloads.PIPELINES) | {"transformers"} <= set(rules[code].packages)
    assert roots(keyword_tables.TRAINING_ARGUMENT_CLASSES | keyword_tables.TRL_CONFIGS
                 | keyword_tables.TRAINERS) <= set(rules["TFL502"].packages)
    for code in ("TFL101", "TFL102", "TFL103", "TFL104", "TFL201", "TFL301", "TFL302", "TFL303", "TFL701",
                 "TFL702"):  # a model, tokenizer or collator: model_framework / tokenizer_kind / COLLATORS
        assert rules[code].packages == ("transformers",), code
    # the same class imported relatively (a package's own modules) is no name of the package
    for text in ("from .modeling_bert import BertModel\nBertModel.from_pretrained('bert-base-uncased')\n",
                 "from ..pipelines import pipeline\npipeline('text-classification', model='bert-base-uncased')\n"):
        assert not Facts(ast.parse(text), "<gate>").may_hold_names_of("transformers"), text
        assert _value(text) is None, text  # and the call holds nothing the rules read
