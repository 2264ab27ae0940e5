"""Findings that survive rewording (DESIGN.md, "Accuracy is measured on code nobody on the team wrote").

Every Python fixture is rewritten in ways that change nothing it does at run time (tests/metamorphic.py:
comments and docstrings removed, variables renamed, an argument bound to a name, a name inlined,
keyword <-> positional, a concrete model class <-> its Auto class, module-level code moved into a
function, and several of them at once). A bad fixture must give the same findings (per code: rows
move), a good one must stay silent. What does not survive was found by its text, not by what the code
does. Notebooks and Markdown get the first rewrite, cell by cell and block by block.

A rewrite that does not apply to a fixture is reported as not applicable (a skip), never as a pass;
``test_rewrites_apply_widely`` holds how many (fixture, rewrite) pairs really run.
"""

import collections
import functools
import os

import pytest

import metamorphic
from fixture_files import ALL_FORMATS, FIXTURES, fixture_files
from tf_lint.config import ConfigResolver
from tf_lint.engine import Linter
from tf_lint.knowledge import knowledge_for
from tf_lint.sources import read_source

REWRITES = tuple(metamorphic.REWRITES) + ("auto_class",)
FIXTURE_NAMES = fixture_files("bad") + fixture_files("good")

# (fixture, rewrite) pairs whose finding is still lost: each is a mechanism to fix, with why it fails.
KNOWN_LOSSES: dict = {}

# How many fixtures each rewrite must apply to (measured: see the module's docstring); a rewrite that
# silently stops applying would otherwise make its tests pass by skipping.
MINIMUM_RUNS = {"strip": 250, "rename": 240, "bind": 70, "inline": 120, "keywords": 200, "auto_class": 90,
                "into_function": 200, "combined": 230}


def _settings(path):
    return ConfigResolver().for_path(path)


def _rewrite(name, rewrite):
    path = os.path.join(FIXTURES, name)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if rewrite == "auto_class":
        function = metamorphic.auto_class_rewrite(knowledge_for(_settings(path)))
    else:
        function = metamorphic.REWRITES[rewrite]
    return path, text, function(text, path)


def _codes(path, text):
    result = Linter(_settings(path)).process_source(read_source(path, text.encode("utf-8")))
    return collections.Counter(d.code for d in result.diagnostics)


@functools.lru_cache(maxsize=None)
def _original_codes(name):
    path = os.path.join(FIXTURES, name)
    with open(path, encoding="utf-8") as f:
        return _codes(path, f.read())


def _cases():
    for name in FIXTURE_NAMES:
        for rewrite in REWRITES:
            reason = KNOWN_LOSSES.get((name, rewrite))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(name, rewrite, marks=marks, id=f"{name}-{rewrite}")


@pytest.mark.parametrize("name,rewrite", list(_cases()))
def test_findings_survive_rewrites(name, rewrite):
    path, text, rewritten = _rewrite(name, rewrite)
    if rewritten is None:
        pytest.skip(f"not applicable: {rewrite} finds nothing to rewrite in {name}")
    compile(rewritten, path, "exec")  # the rewrite itself must give a program
    before = _original_codes(name)
    after = _codes(path, rewritten)
    if os.path.basename(name).startswith("bad_"):
        assert before, f"{name} gives no finding before rewriting"
    else:
        assert not before, f"{name} is not silent before rewriting"
    assert after == before, f"{rewrite} changed the findings of {name}:\n{rewritten}"


OTHER_FORMATS = [n for n in fixture_files("bad", ALL_FORMATS) + fixture_files("good", ALL_FORMATS)
                 if not n.endswith(".py")]


@pytest.mark.parametrize("name", OTHER_FORMATS)
def test_notebook_and_markdown_findings_survive_stripping(name):
    """Notebooks and Markdown: each code cell or Python block re-printed without comments and docstrings
    (the other rewrites would have to follow names across cells)."""
    path = os.path.join(FIXTURES, name)
    with open(path, "rb") as f:
        data = f.read()
    rewritten = metamorphic.strip_document(name, data)
    if rewritten is None:
        pytest.skip(f"not applicable: no plain Python cell or block in {name}")

    def codes(content):
        result = Linter(_settings(path)).process_source(read_source(path, content))
        return collections.Counter(d.code for d in result.diagnostics)

    before, after = codes(data), codes(rewritten)
    assert bool(before) == os.path.basename(name).startswith("bad_"), before
    assert after == before


def test_rewrites_apply_widely():
    runs = collections.Counter()
    for name in FIXTURE_NAMES:
        for rewrite in REWRITES:
            if _rewrite(name, rewrite)[2] is not None:
                runs[rewrite] += 1
    short = {r: (runs[r], n) for r, n in MINIMUM_RUNS.items() if runs[r] < n}
    assert not short, f"rewrites applied to fewer fixtures than expected (ran, minimum): {short}"
    assert sum(runs.values()) >= sum(MINIMUM_RUNS.values())


def test_rewrites_change_the_text_and_keep_the_program():
    """Each rewrite does what it says on a small program (so that 'applies' means something)."""
    program = (
        '"""doc"""\n'
        "from transformers import AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding\n"
        "from torch.utils.data import DataLoader\n"
        "tokenizer = AutoTokenizer.from_pretrained('bert-base-uncased')  # a comment\n"
        "model = AutoModelForSequenceClassification.from_pretrained('bert-base-uncased')\n"
        "loader = DataLoader(data, collate_fn=DataCollatorWithPadding(tokenizer))\n"
        "for batch in loader:\n"
        "    out = model(batch['input_ids'])\n"
    )
    knowledge = knowledge_for(None)
    stripped = metamorphic.strip(program)
    assert "doc" not in stripped and "comment" not in stripped
    renamed = metamorphic.rename(program)
    assert "tokenizer =" not in renamed and "loader" not in renamed and "DataLoader(data" in renamed
    bound = metamorphic.bind(program)
    assert "= DataCollatorWithPadding(" in bound and "collate_fn=b" in bound
    inlined = metamorphic.inline(program)
    assert "loader" not in inlined and "in DataLoader(" in inlined
    keyworded = metamorphic.keywords(program)
    assert "pretrained_model_name_or_path='bert-base-uncased'" in keyworded
    assert "DataCollatorWithPadding(tokenizer=tokenizer)" in keyworded
    assert metamorphic.keywords(keyworded).count("pretrained_model_name_or_path") == 0
    concrete = metamorphic.auto_class_rewrite(knowledge)(program)
    assert "BertForSequenceClassification.from_pretrained(" in concrete
    moved = metamorphic.into_function(program)
    assert "def run_module():" in moved and moved.rstrip().endswith("run_module()")
    for text in (stripped, renamed, bound, inlined, keyworded, concrete, moved):
        compile(text, "<rewritten>", "exec")
