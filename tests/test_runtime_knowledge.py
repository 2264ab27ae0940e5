"""Runtime verification of TFL501 and TFL304 under the installed transformers (5.x).

Whole fixtures are not executed: they name real checkpoints (and TensorFlow), and nothing may be
downloaded. What fails is one statement, so that statement is what runs:

- TFL501: each flagged import statement (or ``transformers.X`` attribute) of a bad fixture raises
  ``ImportError`` (``AttributeError`` for the attribute); the same statement of its ``.fixed.py``
  imports cleanly when the rule fixed it.
- TFL304: ``pipeline(task, model=<tiny in-memory model>, tokenizer=<tiny tokenizer>)`` with the task of
  each bad fixture raises ``KeyError`` ("Unknown task" / "has been removed"); with the task of the
  ``.fixed.py`` it builds the pipeline and runs it once. Measured: with a model *name*, 5.24 loads the
  checkpoint's config before it checks the task (offline: ``OSError`` first), which is why an
  in-memory model is passed.
"""

import ast
import os

import pytest

from fixture_files import FIXTURES, fixture_files
from tf_lint.analysis import Constant, Facts
from tf_lint.config import Settings
from tf_lint.engine import Linter
from tf_lint.sources import read_source

transformers = pytest.importorskip("transformers")
pytest.importorskip("torch")
if int(transformers.__version__.split(".")[0]) < 5:  # pragma: no cover - the 5.x runtime check
    pytest.skip("the runtime checks of TFL501/TFL304 target transformers 5", allow_module_level=True)


def _diagnostics(path, code):
    with open(path, "rb") as f:
        data = f.read()
    return [d for d in Linter(Settings()).process_source(read_source(path, data)).diagnostics if d.code == code]


def _statement_at(tree, row):
    """The innermost statement spanning ``row``."""
    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and node.lineno <= row <= node.end_lineno:
            if best is None or node.lineno >= best.lineno:
                best = node
    return best


def _probe_code(source, tree, row, column):
    """Code that performs just the flagged operation: the import statement, or ``transformers.X``."""
    stmt = _statement_at(tree, row)
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return ast.get_source_segment(source, stmt)
    for node in ast.walk(stmt):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.lineno == row
                and node.col_offset + 1 == column):
            return f"import transformers\ntransformers.{node.attr}\n"
    raise AssertionError(f"no import or attribute at {row}:{column}")


@pytest.mark.parametrize("name", [n for n in fixture_files("bad") if n.startswith("TFL501/")])
def test_tfl501_bad_import_fails_and_fixed_import_works(name):
    path = os.path.join(FIXTURES, name)
    fixed_path = path[: -len(".py")] + ".fixed.py"
    with open(path, encoding="utf-8") as f:
        source = f.read()
    with open(fixed_path, encoding="utf-8") as f:
        fixed = f.read()
    tree, fixed_tree = ast.parse(source), ast.parse(fixed)
    found = _diagnostics(path, "TFL501")
    assert found
    for diag in found:
        probe = _probe_code(source, tree, diag.start.row, diag.start.column)
        with pytest.raises((ImportError, AttributeError)):
            exec(compile(probe, name, "exec"), {})
        if diag.fix is not None:
            fixed_probe = _probe_code(fixed, fixed_tree, diag.start.row, diag.start.column)
            exec(compile(fixed_probe, name + " (fixed)", "exec"), {})


# --- TFL304 ---------------------------------------------------------------------------------------

_WORDS = ["[PAD]", "[UNK]", "hello", "world", "loved", "it", "once", "upon", "a", "time"]


@pytest.fixture(scope="module")
def tiny():
    from tokenizers import Tokenizer, models, pre_tokenizers

    from transformers import (AutoModelForCausalLM, AutoModelForSequenceClassification,
                              AutoModelForTokenClassification, BertConfig, GPT2Config, PreTrainedTokenizerFast)

    word_level = Tokenizer(models.WordLevel({w: i for i, w in enumerate(_WORDS)}, unk_token="[UNK]"))
    word_level.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=word_level, unk_token="[UNK]", pad_token="[PAD]")
    bert = BertConfig(vocab_size=len(_WORDS), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                      intermediate_size=32)
    gpt2 = GPT2Config(vocab_size=len(_WORDS), n_embd=16, n_layer=1, n_head=2, n_positions=64,
                      bos_token_id=None, eos_token_id=None)
    models_by_auto_class = {
        "AutoModelForSequenceClassification": AutoModelForSequenceClassification.from_config(bert),
        "AutoModelForTokenClassification": AutoModelForTokenClassification.from_config(bert),
        "AutoModelForCausalLM": AutoModelForCausalLM.from_config(gpt2),
    }
    return tokenizer, models_by_auto_class


def _tasks(path):
    """The task strings of the flagged ``pipeline()`` calls, as the facts layer reads them."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    facts = Facts(tree)
    rows = {d.start.row for d in _diagnostics(path, "TFL304")}
    tasks = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and facts.qualified_name(node.func) in ("transformers.pipeline",):
            arg = node.args[0] if node.args else next(k.value for k in node.keywords if k.arg == "task")
            value = facts.value(arg)
            if arg.lineno in rows or node.lineno in rows:
                assert isinstance(value, Constant)
                tasks.append(value.value)
    return tasks


def _model_for(task, models_by_auto_class):
    from transformers.pipelines import PIPELINE_REGISTRY

    _, info, _ = PIPELINE_REGISTRY.check_task(task)
    for auto_class in info["pt"]:
        if auto_class.__name__ in models_by_auto_class:
            return models_by_auto_class[auto_class.__name__]
    return models_by_auto_class["AutoModelForCausalLM"]  # any model: the task check comes first


@pytest.mark.parametrize("name", [n for n in fixture_files("bad") if n.startswith("TFL304/")])
def test_tfl304_bad_task_raises_key_error_and_fixed_task_runs(name, tiny):
    from transformers import pipeline

    tokenizer, models_by_auto_class = tiny
    path = os.path.join(FIXTURES, name)
    bad_tasks = _tasks(path)
    assert bad_tasks
    for task in bad_tasks:
        with pytest.raises(KeyError, match="Unknown task|has been removed"):
            pipeline(task, model=models_by_auto_class["AutoModelForCausalLM"], tokenizer=tokenizer)
    fixed_path = path[: -len(".py")] + ".fixed.py"
    with open(path, "rb") as a, open(fixed_path, "rb") as b:
        if a.read() == b.read():
            return  # no fix for this one (removed task, or a task named through a variable)
    with open(fixed_path, encoding="utf-8") as f:
        fixed_tree = ast.parse(f.read())
    facts = Facts(fixed_tree)
    fixed_tasks = [facts.value(n.args[0]).value for n in ast.walk(fixed_tree)
                   if isinstance(n, ast.Call) and facts.qualified_name(n.func) == "transformers.pipeline" and n.args]
    for task in fixed_tasks:
        model = _model_for(task, models_by_auto_class)
        pipe = pipeline(task, model=model, tokenizer=tokenizer)
        kwargs = {"max_new_tokens": 2} if task == "text-generation" else {}
        assert pipe("hello world", **kwargs)


def test_pipeline_without_model_rejects_unknown_task_before_loading_anything():
    """With no model at all, the task is checked before any default model is resolved (no download)."""
    from transformers import pipeline

    with pytest.raises(KeyError, match="has been removed"):
        pipeline("summarization")
    with pytest.raises(KeyError, match="Unknown task"):
        pipeline("sentiment_analysis")
