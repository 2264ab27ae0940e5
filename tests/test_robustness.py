"""Never crash, never lose a line (issue 9).

- Any input gives a clear finding or message and the run goes on: random bytes, undecodable files,
  BOM, CRLF and mixed newlines, tabs, Python 2, a syntax error at every position of a real program,
  absurd nesting, a 10 MB file, empty files, broken notebooks, unclosed Markdown fences, symlink loops,
  unreadable and special files.
- Writes are atomic, keep the mode, leave the original byte for byte on error; SIGINT/SIGTERM while
  ``--fix`` lints or writes leave every file old or new and no temporary file.
- No network (an audit hook forbids sockets), no execution (nothing the linted code or config would run
  runs), no path outside the tree followed or written.

The generated-program property tests are in ``test_fuzz.py``; the corpus sweep is ``bench/sweep.py``.
"""

from __future__ import annotations

import ast
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
import warnings

import pytest

from lint_samples import BAD_SAVE, FIXTURES, GOOD_SAVE, ROOT, TF_TARGET, run_cli
from tf_lint import engine
from tf_lint.config import Settings
from tf_lint.engine import Linter
from tf_lint.sources import read_source

SETTINGS = Settings(target_transformers_version=TF_TARGET)
CHECK = Linter(SETTINGS)
FIX = Linter(SETTINGS, fix=True, unsafe_fixes=True)

# A realistic program on which five rules fire (TFL104, TFL103, TFL201, TFL304, TFL602 at 4.57).
PROGRAM = '''"""Fine-tune, save and sample."""
import os

from transformers import AutoModelForCausalLM, AutoTokenizer, TFAutoModel, pipeline

os.environ["HF_HUB_OFFLINE"] = "1"
tokenizer = AutoTokenizer.from_pretrained("gpt2")
model = AutoModelForCausalLM.from_pretrained("gpt2")
enc = tokenizer(["a b", "c"], padding=True, return_tensors="pt")
out = model.generate(enc["input_ids"], max_new_tokens=4)
tf_model = TFAutoModel.from_pretrained("bert-base-uncased")
tf_model.save("out")
pipe = pipeline("text_generation", model="gpt2")
'''


def lint(data, name="sample.py", fix=False):
    """Lint bytes as the file ``name`` in this process; any exception escaping is a test failure."""
    return (FIX if fix else CHECK).process_source(read_source(name, data))


def lint_bytes(tmp_path, data, name="sample.py", fix=False):
    """Lint through ``process_file`` (reading, size limit, reader errors included)."""
    path = tmp_path / name
    path.write_bytes(data)
    return (FIX if fix else CHECK).process_file(str(path))


def codes(result):
    return sorted(d.code for d in result.diagnostics)


def assert_sane(result, data, name="sample.py"):
    """No crash (TFL002); a fix result parses; a TFL001 points inside the file."""
    assert "TFL002" not in codes(result), [d.message for d in result.diagnostics]
    if result.new_content is not None and name.endswith(".py"):
        from tf_lint.sources.python import decode_python

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(decode_python(result.new_content)[0])
    rows = max(1, data.count(b"\n") + data.count(b"\r") + 1)
    for diag in result.diagnostics:
        if diag.code == "TFL001" and diag.cell is None and not name.endswith(".md"):
            assert 1 <= diag.start.row <= rows, (diag.start, rows)


def test_the_program_fires_several_rules():
    found = codes(lint(PROGRAM.encode()))
    assert {"TFL103", "TFL104", "TFL201", "TFL304", "TFL602"} <= set(found), found
    fixed = lint(PROGRAM.encode(), fix=True)
    assert fixed.fixed >= 4 and fixed.new_content is not None


# --- any input -------------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".py", ".ipynb", ".md"])
def test_random_bytes(tmp_path, suffix):
    rng = random.Random(f"bytes{suffix}")
    for i in range(120):
        size = rng.choice([0, 1, 2, 7, 64, 500, 4000])
        data = bytes(rng.randrange(256) for _ in range(size))
        if i % 3 == 0:  # valid UTF-8 prefix, garbage after: gets past decoding more often
            data = PROGRAM.encode()[: rng.randrange(len(PROGRAM))] + data
        result = lint_bytes(tmp_path, data, "r" + suffix, fix=True)
        assert_sane(result, data, "r" + suffix)


def test_random_python_ish_text():
    rng = random.Random("tokens")
    tokens = ["model", "tokenizer", "(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "==", "+", "*", "**",
              "'s'", '"""', "f'{x}'", "\n", "\n    ", "\t", "\r\n", "\r", "\\\n", "#", "import", "from",
              "transformers", "AutoModel", "from_pretrained", "save", "padding=True", "generate", "def",
              "class", "lambda", "if", "else", "async", "await", "yield", "@", "...", "->", "é", "\u2028",
              "\x0c", "\x00", "0x", "1e", "os.environ", "[\"CUDA_VISIBLE_DEVICES\"]", " ", ";", "match", "case"]
    for _ in range(300):
        text = "".join(rng.choice(tokens) for _ in range(rng.randrange(1, 60)))
        data = text.encode("utf-8")
        assert_sane(lint(data, fix=True), data)


def test_a_syntax_error_at_every_position():
    """Truncate the program at every offset, delete each character, insert a stray token at each offset:
    a TFL001 (or the findings of what still parses), never a crash, and a fix never breaks the file."""
    text = PROGRAM
    stray = ["(", ")", ":", '"', "'''", " ", "\t", "\n ", "def ", "\\", "é"]
    for offset in range(len(text) + 1):
        variants = [text[:offset], text[:offset] + text[offset + 1:],
                    text[:offset] + stray[offset % len(stray)] + text[offset:]]
        for variant in variants:
            data = variant.encode()
            result = lint(data, fix=True)
            assert_sane(result, data)


def test_undecodable_file_is_reported(tmp_path):
    data = "x = 'caf\xe9'\n".encode("latin-1")
    result = lint_bytes(tmp_path, data)
    assert codes(result) == ["TFL001"] and "decode" in result.diagnostics[0].message


def test_a_declared_encoding_is_kept_by_fixes(tmp_path):
    data = ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + BAD_SAVE).encode("latin-1")
    result = lint_bytes(tmp_path, data, fix=True)
    assert result.new_content == ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + GOOD_SAVE).encode("latin-1")


@pytest.mark.parametrize("name, data", [
    ("bad cookie", b"# -*- coding: no-such-codec -*-\nx = 1\n"),
    ("BOM against cookie", b"\xef\xbb\xbf# -*- coding: latin-1 -*-\nx = 1\n"),
    ("null byte", b"x = 1\x00\n"),
    ("python 2", b"print 'hello'\nexec 'x = 1'\nraise ValueError, 'no'\n"),
    ("lone surrogate", b"x = '\xed\xa0\x80'\n"),
])
def test_unusable_python_gives_tfl001(tmp_path, name, data):
    result = lint_bytes(tmp_path, data, fix=True)
    assert codes(result) == ["TFL001"], name
    assert result.diagnostics[0].message and result.new_content is None


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n", b"\r\n\r\n", b"   ", b"\t\n", b"# only a comment"])
def test_empty_and_blank_files_are_clean(tmp_path, data):
    for name in ("e.py", "e.md"):
        result = lint_bytes(tmp_path, data, name, fix=True)
        assert result.diagnostics == [] and result.new_content is None and result.error is None


def test_an_empty_notebook_file_is_reported(tmp_path):
    result = lint_bytes(tmp_path, b"", "e.ipynb")
    assert codes(result) == ["TFL001"] and "notebook" in result.diagnostics[0].message


def test_bom_is_kept():
    result = lint(b"\xef\xbb\xbf" + BAD_SAVE.encode(), fix=True)
    assert result.new_content == b"\xef\xbb\xbf" + GOOD_SAVE.encode()


def test_crlf_is_kept():
    result = lint(BAD_SAVE.replace("\n", "\r\n").encode(), fix=True)
    assert result.new_content == GOOD_SAVE.replace("\n", "\r\n").encode()


def test_a_keyword_added_to_a_multi_line_call_keeps_crlf():
    """libcst wrote the new argument's line break as ``\n`` in a CRLF file (found by test_fuzz)."""
    text = ("from transformers import AutoModelForCausalLM, AutoTokenizer\n"
            "tokenizer = AutoTokenizer.from_pretrained('gpt2', padding_side='left')\n"
            "tokenizer.pad_token = tokenizer.eos_token\n"
            "model = AutoModelForCausalLM.from_pretrained('gpt2')\n"
            "enc = tokenizer(['a b', 'c'], padding=True, return_tensors='pt')\n"
            "out = model.generate(\n    enc.input_ids,\n    max_new_tokens=8,\n)\n")
    result = lint(text.replace("\n", "\r\n").encode(), fix=True)
    assert b"attention_mask=enc.attention_mask,\r\n)" in result.new_content
    assert b"\n" not in result.new_content.replace(b"\r\n", b"")


def test_mixed_newlines_and_tabs_are_kept_line_for_line():
    lines = ["import os\r\n", "from transformers import TFAutoModel\n", "\r\n", "def train(x):\r",
             "\tmodel = TFAutoModel.from_pretrained('bert-base-uncased')\n",
             "\tmodel.save('out')\r\n", "\treturn model\n", "s = '\u2028'  # a line separator in a string\n",
             "\x0c# after a form feed\r\n", "train(1)"]
    data = "".join(lines).encode()
    result = lint(data, fix=True)
    assert result.fixed == 1
    new_lines = result.new_content.decode().splitlines(keepends=True)
    # splitlines also splits at U+2028 and form feeds: compare with the same splitting.
    old_lines = data.decode().splitlines(keepends=True)
    assert len(new_lines) == len(old_lines)
    changed = [(o, n) for o, n in zip(old_lines, new_lines) if o != n]
    assert changed == [("\tmodel.save('out')\r\n", "\tmodel.save_pretrained('out')\r\n")]


def test_non_ascii_names_on_the_fixed_line():
    data = BAD_SAVE.replace("model", "modèle_é").encode()
    result = lint(data, fix=True)
    assert result.new_content == GOOD_SAVE.replace("model", "modèle_é").encode()


@pytest.mark.parametrize("name, text", [
    ("parentheses", "x = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n"),
    ("additions", "x = " + "1 + " * 200_000 + "1\n"),
    ("attributes", "import transformers\nx = transformers" + ".a" * 100_000 + "\n"),
    ("calls", "from transformers import AutoModel\nm = AutoModel.from_pretrained('gpt2')" + "()" * 50_000 + "\n"),
    ("nots", "x = " + "not " * 100_000 + "1\n"),
    ("lambdas", "x = " + "lambda: " * 50_000 + "1\n"),
    ("lists", "x = " + "[" * 190 + "]" * 190 + "\n"),
    ("blocks", "".join(" " * i + "if x:\n" for i in range(99)) + " " * 99 + "pass\n"),
    ("functions", "".join(" " * i + "def f():\n" for i in range(99)) + " " * 99 + "pass\n"),
    ("padded texts", "from transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained('gpt2')\n"
                     "enc = tok(" + " + ".join(["['a']"] * 3000) + ", padding=True)\n"),
    ("model input", "from transformers import AutoModel\nm = AutoModel.from_pretrained('bert-base-uncased')\n"
                    "out = m(" + "x." * 3000 + "ids)\n"),
])
def test_deep_nesting_is_a_finding_not_a_crash(name, text, monkeypatch):
    # A clock that never moves: the time limit (tested below) must not be what ends the analysis.
    monkeypatch.setattr(engine, "time", _FrozenClock())
    result = lint(text.encode(), fix=True)
    assert set(codes(result)) <= {"TFL001", "TFL003", "TFL101", "TFL104"}, (name, codes(result))
    for diag in result.diagnostics:
        if diag.code in ("TFL001", "TFL003"):
            assert "nested" in diag.message or "parse" in diag.message, diag.message


class _FrozenClock:
    def monotonic(self) -> float:
        return 1000.0


class _TickingClock:
    """``time.monotonic`` for the engine that advances one "second" per reading: the clock measures
    work (the engine reads it every 2048 nodes and at each fix pass), the same on every machine."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        self.now += 1.0
        return self.now


@pytest.mark.parametrize("name", ["huge.py", "huge.ipynb", "huge.md"])
def test_a_10_mb_file_is_a_resource_finding_and_never_read(tmp_path, name, monkeypatch):
    path = tmp_path / name
    with open(path, "wb") as f:
        f.write(b"x = 1\n" * (10 * 2**20 // 6 + 1))

    def refuse(*args, **kwargs):
        raise AssertionError("a file over the size limit was read or parsed")

    monkeypatch.setattr(engine, "open", refuse, raising=False)
    monkeypatch.setattr(engine, "read_source", refuse)
    monkeypatch.setattr(engine, "parse_quietly", refuse)
    result = FIX.process_file(str(path))
    assert codes(result) == ["TFL003"] and "MiB" in result.diagnostics[0].message


def test_the_time_limit_covers_fix_passes(monkeypatch):
    """One time budget per document, re-checks after fixes included (they used to get one each: ten
    passes could run ten times the limit). The engine's clock ticks once per reading, so the budget is
    counted in readings, whatever the machine's speed."""
    clock = _TickingClock()
    monkeypatch.setattr(engine, "time", clock)
    monkeypatch.setattr(engine, "TIME_LIMIT_S", 20.0)
    text = ("from transformers import AutoModelForCausalLM, AutoTokenizer\n"
            "tok = AutoTokenizer.from_pretrained('gpt2')\n"
            "model = AutoModelForCausalLM.from_pretrained('gpt2')\n"
            + "".join(f"enc{i} = tok(['a', 'b c'], padding=True, return_tensors='pt')\n"
                      f"out{i} = model(enc{i}['input_ids'])\n" for i in range(1500)))
    result = lint(text.encode(), fix=True)
    assert "TFL003" in codes(result)
    # The first reading sets the deadline; the checks stop at the first reading past it, and the fix
    # loop at its next one: a few readings over the one budget, not one budget per pass.
    assert clock.now <= 1 + engine.TIME_LIMIT_S + 3, clock.now
    if result.new_content is not None:
        ast.parse(result.new_content)


# --- notebooks and Markdown ------------------------------------------------------------------------
def _nb(cells, metadata=None, **extra):
    return json.dumps(dict({"cells": cells, "metadata": {} if metadata is None else metadata,
                            "nbformat": 4, "nbformat_minor": 5}, **extra), indent=1) + "\n"


SAVE_CELL = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
             "source": BAD_SAVE.splitlines(keepends=True)}

NOTEBOOKS = {
    "broken json": ('{"cells": [', "TFL001"),
    "not an object": ("[1, 2, 3]", "TFL001"),
    "no cells": (json.dumps({"metadata": {}}), "TFL001"),
    "cells not a list": (json.dumps({"cells": {"a": 1}}), "TFL001"),
    "deep json": ("[" * 100_000 + "]" * 100_000, "TFL001"),
    "not utf-8": (b'{"cells": "\xff"}', "TFL001"),
    "cell not an object": (_nb(["x = 1", 3, None, SAVE_CELL]), "TFL201"),
    "cell without type or source": (_nb([{}, {"cell_type": "code"}, SAVE_CELL]), "TFL201"),
    "source a number": (_nb([{"cell_type": "code", "source": 5}, SAVE_CELL]), "TFL201"),
    "source list of numbers": (_nb([{"cell_type": "code", "source": [1, 2]}, SAVE_CELL]), "TFL201"),
    "source null": (_nb([{"cell_type": "code", "source": None}, SAVE_CELL]), "TFL201"),
    "metadata a list": (_nb([SAVE_CELL], metadata=[1]), "TFL201"),
    "kernelspec a string": (_nb([SAVE_CELL], metadata={"kernelspec": "python3"}), "TFL201"),
    "language_info a number": (_nb([SAVE_CELL], metadata={"language_info": 3}), "TFL201"),
    "language a number": (_nb([SAVE_CELL], metadata={"kernelspec": {"language": 3}}), ""),
    "R notebook": (_nb([SAVE_CELL], metadata={"kernelspec": {"language": "R"}}), ""),
    "only magics": (_nb([{"cell_type": "code", "source": ["%%\n", "!ls \\\n", "%time"]}]), ""),
    "syntax error in a cell": (_nb([{"cell_type": "code", "source": ["def (:\n"]}, SAVE_CELL]), "TFL001"),
    "NaN and duplicate keys": ('{"cells": [], "cells": [], "x": NaN}', ""),
}


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_broken_notebooks(tmp_path, name):
    content, expected = NOTEBOOKS[name]
    data = content if isinstance(content, bytes) else content.encode()
    result = lint_bytes(tmp_path, data, "nb.ipynb")
    assert result.error is None
    assert "TFL002" not in codes(result)
    assert (expected in codes(result)) if expected else codes(result) == [], codes(result)
    fixed = lint_bytes(tmp_path, data, "nb.ipynb", fix=True)
    if fixed.new_content is not None:
        before, after = json.loads(data), json.loads(fixed.new_content)
        assert len(before["cells"]) == len(after["cells"])


def test_a_fixed_notebook_cell_keeps_its_other_lines():
    cell = dict(SAVE_CELL, source=["x = 'a\u2028b'  # U+2028 is not a line break in a notebook\n", "y = '\x0c'\n"]
                + SAVE_CELL["source"])
    data = _nb([cell]).encode()
    result = lint(data, "nb.ipynb", fix=True)
    new = json.loads(result.new_content)["cells"][0]["source"]
    assert new == cell["source"][:-1] + ['model.save_pretrained("out")\n']


def test_mutated_notebooks_never_crash(tmp_path):
    original = open(os.path.join(FIXTURES, "TFL201", "bad_notebook_finetune.ipynb"), "rb").read()
    rng = random.Random("notebook")
    for _ in range(150):
        data = bytearray(original)
        for _ in range(rng.randrange(1, 4)):
            at = rng.randrange(len(data))
            op = rng.randrange(3)
            if op == 0:
                data[at] = rng.choice(b'{}[]",:\\0 n\n')
            elif op == 1:
                del data[at:at + rng.randrange(1, 40)]
            else:
                data[at:at] = rng.choice([b'"', b"{", b"]", b"null", b"\\u0000", b"\xff"])
        result = lint_bytes(tmp_path, bytes(data), "nb.ipynb", fix=True)
        assert "TFL002" not in codes(result)
        if result.new_content is not None:
            json.loads(result.new_content)


MARKDOWN = {
    "unclosed fence": ("# Save\n\n```python\n" + BAD_SAVE, ["TFL201"]),
    # CommonMark: an unclosed fence runs to the end of the document, prose included.
    "unclosed fence then prose": ("```python\n" + BAD_SAVE + "\nSome prose after.\n", ["TFL001"]),
    "unclosed doctest": ("```\n>>> from transformers import TFAutoModel\n>>> m = TFAutoModel.from_pretrained("
                         "'bert-base-uncased')\n>>> m.save('x')\n", ["TFL201"]),
    "unclosed broken block": ("~~~python\nx = (\n", ["TFL001"]),
    "fence inside fence": ("````python\n```python\nx = 1\n```\n````\n", ["TFL001"]),
    "CR only": ("```python\rx = (\r```\r", ["TFL001"]),
    "only a fence": ("```", []),
    "empty block": ("```python\n```\n", []),
    "binary": (bytes(range(256)), ["TFL001"]),
}


@pytest.mark.parametrize("name", list(MARKDOWN))
def test_markdown_edge_cases(tmp_path, name):
    """With TFL001 selected by name, so that a block that does not parse is reported (by default a
    Markdown block that does not parse is silent: see test_sources)."""
    content, expected = MARKDOWN[name]
    data = content if isinstance(content, bytes) else content.encode()
    settings = Settings(target_transformers_version=TF_TARGET, extend_select=("TFL001",))
    path = tmp_path / "doc.md"
    path.write_bytes(data)
    result = Linter(settings).process_file(str(path))
    assert codes(result) == expected
    fixed = Linter(settings, fix=True, unsafe_fixes=True).process_file(str(path))
    if fixed.new_content is not None:
        old, new = data.decode().splitlines(), fixed.new_content.decode().splitlines()
        assert len(old) == len(new)
        changed = [n for o, n in zip(old, new) if o != n]
        assert changed and all(".save_pretrained(" in n for n in changed)


# --- files that are not files ----------------------------------------------------------------------
def test_special_files_and_symlink_loops(tmp_path):
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "back").symlink_to("..")  # a directory loop
    (tree / "loop_a.py").symlink_to("loop_b.py")  # a file loop
    (tree / "loop_b.py").symlink_to("loop_a.py")
    (tree / "dangling.py").symlink_to("nowhere.py")
    os.mkfifo(tree / "pipe.py")  # reading it would block forever
    os.mkfifo(tree / "pipe.ipynb")
    (tree / "zz_fix.py").write_text(BAD_SAVE)
    proc = subprocess.run([sys.executable, "-m", "tf_lint", "--fix", "--no-cache", "--target-transformers-version",
                           TF_TARGET, str(tree)], capture_output=True, text=True, timeout=60)
    assert (tree / "zz_fix.py").read_text() == GOOD_SAVE
    assert "Traceback" not in proc.stderr and proc.returncode in (0, 1), proc.stderr
    # Named explicitly, each is a clear error and the run goes on to the next file.
    named = [str(tree / n) for n in ("loop_a.py", "pipe.py", "pipe.ipynb", "dangling.py", "sub")]
    (tree / "zz_fix.py").write_text(BAD_SAVE)
    proc = subprocess.run([sys.executable, "-m", "tf_lint", "--fix", "--no-cache", "--target-transformers-version",
                           TF_TARGET, *named, str(tree / "zz_fix.py")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "loop_a.py: no such file" in proc.stderr and "dangling.py: no such file" in proc.stderr
    assert "pipe.py: not a regular file" in proc.stderr and "pipe.ipynb: not a regular file" in proc.stderr
    assert (tree / "zz_fix.py").read_text() == GOOD_SAVE


def test_an_unreadable_file_is_an_error_and_the_run_goes_on(tmp_path, monkeypatch, tf_lint):
    """We run as root (permission bits do not stop reads): the failure is simulated."""
    (tmp_path / "a_secret.py").write_text(BAD_SAVE)
    (tmp_path / "b_fix.py").write_text(BAD_SAVE)
    real_open = open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("a_secret.py"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(engine, "open", guarded, raising=False)
    status, out, err = tf_lint("--fix", "--no-cache", "-j", "1", str(tmp_path))
    assert status == 2
    assert "a_secret.py: cannot read: Permission denied" in err
    assert (tmp_path / "a_secret.py").read_text() == BAD_SAVE
    assert (tmp_path / "b_fix.py").read_text() == GOOD_SAVE


def test_a_reader_bug_is_tfl002_and_the_run_goes_on(tmp_path, monkeypatch, tf_lint):
    (tmp_path / "a.py").write_text(BAD_SAVE)
    (tmp_path / "b.py").write_text(BAD_SAVE)
    real = engine.read_source

    def buggy(path, data):
        if path.endswith("a.py"):
            raise KeyError("boom")
        return real(path, data)

    monkeypatch.setattr(engine, "read_source", buggy)
    status, out, err = tf_lint("--fix", "--no-cache", "-j", "1", str(tmp_path))
    assert status == 2 and "TFL002" in out and "KeyError" in out
    assert (tmp_path / "a.py").read_text() == BAD_SAVE and (tmp_path / "b.py").read_text() == GOOD_SAVE


def test_a_fix_that_fails_to_compute_leaves_the_file(tmp_path, monkeypatch):
    from tf_lint.diagnostics import Fix

    def broken(self):
        raise RuntimeError("libcst could not")

    monkeypatch.setattr(Fix, "edits", property(broken))
    result = lint_bytes(tmp_path, BAD_SAVE.encode(), fix=True)
    assert result.new_content is None and codes(result) == ["TFL201"]
    assert any("libcst could not" in m for m in result.messages)


def test_a_fix_that_does_not_parse_is_refused(tmp_path, monkeypatch, tf_lint):
    path = tmp_path / "a.py"
    path.write_text(BAD_SAVE)
    monkeypatch.setattr(engine, "apply_edits", lambda document, edits: document.text + "(\n")
    status, out, err = tf_lint("--fix", "--no-cache", str(path))
    assert "does not parse" in err and status == 1
    assert path.read_bytes() == BAD_SAVE.encode()


def test_the_run_goes_on_past_every_bad_input(tmp_path):
    """One directory holding every kind of bad input, and one fixable file sorted last."""
    tree = tmp_path / "tree"
    tree.mkdir()
    rng = random.Random(1)
    (tree / "random.py").write_bytes(bytes(rng.randrange(256) for _ in range(3000)))
    (tree / "latin1.py").write_bytes("x = 'caf\xe9'\n".encode("latin-1"))
    (tree / "py2.py").write_text("print 'hello'\n")
    (tree / "empty.py").write_bytes(b"")
    (tree / "deep.py").write_text("x = " + "(" * 5000 + ")" * 5000 + "\n")
    (tree / "huge.py").write_bytes(b"# " + b"x" * (9 * 2**20) + b"\n")
    (tree / "broken.ipynb").write_text('{"cells": [')
    (tree / "odd.ipynb").write_text(_nb([SAVE_CELL], metadata={"kernelspec": "python3"}))
    (tree / "unclosed.md").write_text("```python\n" + BAD_SAVE)
    (tree / "crlf.py").write_bytes(BAD_SAVE.replace("\n", "\r\n").encode())
    (tree / "zz_fix.py").write_text(BAD_SAVE)
    proc = run_cli("--fix", "--no-cache", "--extend-include", "*.md", "--target-transformers-version", TF_TARGET,
                   str(tree))
    assert "Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr
    assert (tree / "zz_fix.py").read_text() == GOOD_SAVE
    assert (tree / "crlf.py").read_bytes() == GOOD_SAVE.replace("\n", "\r\n").encode()
    assert 'model.save_pretrained(\\"out\\")' in (tree / "odd.ipynb").read_text()
    assert (tree / "unclosed.md").read_text() == "```python\n" + GOOD_SAVE
    for name, code in [("random.py", "TFL001"), ("latin1.py", "TFL001"), ("py2.py", "TFL001"),
                       ("deep.py", "TFL001"), ("huge.py", "TFL003"), ("broken.ipynb", "TFL001")]:
        assert f"{name}:1:" in proc.stdout and code in proc.stdout.split(f"{name}:1:")[1].split("\n")[0], name


# --- writes ----------------------------------------------------------------------------------------
def test_fix_keeps_the_mode_and_writes_through_a_named_symlink(tmp_path):
    path = tmp_path / "a.py"
    path.write_text(BAD_SAVE)
    os.chmod(path, 0o751)
    link = tmp_path / "link.py"
    link.symlink_to("a.py")
    proc = run_cli("--fix", "--no-cache", "--target-transformers-version", TF_TARGET, str(link))
    assert proc.returncode == 0, proc.stderr
    assert path.read_text() == GOOD_SAVE and stat.S_IMODE(os.stat(path).st_mode) == 0o751
    assert os.path.islink(link) and sorted(os.listdir(tmp_path)) == ["a.py", "link.py"]


def test_a_failed_write_leaves_the_original_byte_for_byte(tmp_path, monkeypatch, tf_lint):
    from tf_lint import writer

    data = BAD_SAVE.replace("\n", "\r\n").encode()
    (tmp_path / "a.py").write_bytes(data)
    (tmp_path / "b.py").write_bytes(data)

    def full(src, dst):
        if dst.endswith("a.py"):
            raise OSError(28, "No space left on device")
        return os.rename(src, dst)

    monkeypatch.setattr(writer.os, "replace", full)
    status, out, err = tf_lint("--fix", "--no-cache", "-j", "1", str(tmp_path))
    assert status == 2 and "a.py: cannot write the fix" in err
    assert (tmp_path / "a.py").read_bytes() == data
    assert (tmp_path / "b.py").read_bytes() == GOOD_SAVE.replace("\n", "\r\n").encode()
    assert sorted(os.listdir(tmp_path)) == ["a.py", "b.py"]


def _fixable_tree(root, count):
    """``count`` files of a realistic size, each with one safe fix (TFL201)."""
    root.mkdir()
    old, new = {}, {}
    padding = "".join(f"# line {i}: some commentary to make the file a realistic size\n" for i in range(100))
    for i in range(count):
        text = f'"""Module {i}."""\n' + padding + BAD_SAVE
        path = root / f"m{i:04d}.py"
        path.write_text(text)
        old[path.name], new[path.name] = text.encode(), text.replace(".save(", ".save_pretrained(").encode()
    return old, new


HELD_AT = 5  # the interrupt comes when this many files were linted, or written


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("phase", ["lint", "write"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_fix_leaves_every_file_old_or_new(tmp_path, sig, phase, jobs):
    """SIGINT / SIGTERM to ``tf-lint --fix`` while it lints (nothing is written) and while it writes
    (the files written before the signal, no other), in one process and with the worker pool: every file
    is old or new, never partial; no temporary file is left; the process exits promptly (no orphaned
    worker keeps its pipes open). The moment is not guessed: the ``TF_LINT_TEST_HOLD`` hook (see
    ``tf_lint.runner.hold``) stops the process in the phase and tells the test so by creating a file."""
    from tf_lint.runner import POOL_THRESHOLD

    count = POOL_THRESHOLD + 12  # enough files for -j 2 to start the pool
    root = tmp_path / "tree"
    old, new = _fixable_tree(root, count)
    marker = tmp_path / "held"
    env = dict(os.environ, TF_LINT_TEST_HOLD=f"{phase}:{HELD_AT}:{marker}")
    proc = subprocess.Popen([sys.executable, "-m", "tf_lint", "--fix", "--no-cache", "-q", "-j", jobs,
                             "--target-transformers-version", TF_TARGET, str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        while not marker.exists():  # no time limit of ours: the communicate() below has the hang guard
            assert proc.poll() is None, ("tf-lint ended before it reached the hold", proc.communicate())
            time.sleep(0.01)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:  # pragma: no cover - the bug this test guards against
        proc.kill()
        proc.communicate()
        pytest.fail(f"tf-lint did not exit after {sig.name} (orphaned workers?)")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert "Traceback" not in err.decode(), err.decode()
    assert proc.returncode == 128 + sig, (proc.returncode, err)
    assert ("interrupted" if sig == signal.SIGINT else "terminated") in err.decode()
    names = sorted(os.listdir(root))
    assert names == sorted(old), [n for n in names if n not in old]  # no temporary file left
    partial = [name for name in old if (root / name).read_bytes() not in (old[name], new[name])]
    assert not partial
    written = sorted(name for name in old if (root / name).read_bytes() == new[name])
    # Files are written in order, after linting: the first HELD_AT of them when writing was interrupted.
    assert written == ([] if phase == "lint" else sorted(old)[:HELD_AT])


def test_the_test_hold_is_inert_without_its_variable(monkeypatch):
    """The hook costs a comparison when unset, and holds only in its phase at its count."""
    from tf_lint import runner

    monkeypatch.setattr(runner, "_HOLD", [""])
    runner.hold("lint", HELD_AT)  # returns
    monkeypatch.setattr(runner, "_HOLD", ["write", str(HELD_AT), "/nonexistent/marker"])
    runner.hold("lint", HELD_AT)
    runner.hold("write", HELD_AT + 1)
    with pytest.raises(FileNotFoundError):  # the right phase and count: it would create the marker
        runner.hold("write", HELD_AT)


# --- no network, no execution, no path outside the tree --------------------------------------------
AUDIT = r'''
import os, sys
log = os.open(os.environ["TF_LINT_AUDIT_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
BANNED = {"transformers", "torch", "tensorflow", "jax", "huggingface_hub", "requests", "urllib3", "httpx",
          "aiohttp", "http", "ftplib", "smtplib"}
SOCKET_OK = {"socket.__new__"}  # checked below: Unix sockets only

def hook(event, args):
    bad = None
    if event == "socket.__new__" and args[1] != 1:  # family other than AF_UNIX
        bad = f"socket family {args[1]}"
    elif event.startswith("socket.") and event not in SOCKET_OK:
        bad = event
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.startfile",
                   "ctypes.dlopen"):
        bad = event
    elif event == "import" and args[0].split(".")[0] in BANNED:
        bad = "import " + args[0]
    if bad:
        os.write(log, (bad + "\n").encode())
        if not bad.startswith("import"):
            raise RuntimeError("tf-lint must not " + bad)

sys.addaudithook(hook)
# Run as `python -m tf_lint` does: the current directory first on sys.path.
if sys.path and sys.path[0] == "":
    sys.path[0] = os.getcwd()
else:
    sys.path.insert(0, os.getcwd())
import runpy
runpy.run_module("tf_lint", run_name="__main__", alter_sys=True)
'''


def _audited(args, cwd, log, env=None, isolated=True):
    environment = dict(os.environ, TF_LINT_AUDIT_LOG=str(log), **(env or {}))
    return subprocess.run([sys.executable] + (["-I"] if isolated else []) + ["-c", AUDIT, *args], cwd=cwd,
                          env=environment, capture_output=True, text=True, timeout=240)


def _hub_cache(root):
    """A Hugging Face cache holding one checkpoint's small files, so that the offline read path runs."""
    snapshot = root / "hub" / "models--gpt2" / "snapshots" / "abc"
    snapshot.mkdir(parents=True)
    (root / "hub" / "models--gpt2" / "refs").mkdir()
    (root / "hub" / "models--gpt2" / "refs" / "main").write_text("abc")
    (snapshot / "config.json").write_text('{"model_type": "gpt2", "pad_token_id": null}')
    (snapshot / "tokenizer_config.json").write_text('{"eos_token": "<|endoftext|>", "padding_side": "right"}')
    return {"HF_HOME": str(root), "HF_HUB_CACHE": str(root / "hub")}


def test_no_socket_no_subprocess_no_transformers_import(tmp_path):
    """Every fixture (every rule, notebooks and Markdown included), checked for the installed
    transformers (knowledge parsed from its files into an empty cache) and fixed for 4.57 with the
    worker pool: no socket but Unix ones, no subprocess, transformers / torch / huggingface_hub never
    imported."""
    tree = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, tree)
    env = dict(_hub_cache(tmp_path / "hf"), TF_LINT_CACHE_DIR=str(tmp_path / "user-cache"))
    log = tmp_path / "audit.log"
    check = _audited(["--no-cache", "--extend-include", "*.md,*.mdx", "-j", "1", "fixtures"], tmp_path, log, env)
    assert check.returncode == 1 and "TFL" in check.stdout, check.stderr
    fix = _audited(["--fix", "--unsafe-fixes", "--extend-include", "*.md,*.mdx", "-j", "2",
                    "--target-transformers-version", TF_TARGET, "fixtures"], tmp_path, log, env)
    assert fix.returncode in (0, 1) and " fixed" in fix.stdout, fix.stdout + fix.stderr
    cached = _audited(["--extend-include", "*.md,*.mdx", "fixtures"], tmp_path, log, env)  # cache write, read
    assert cached.returncode in (0, 1)
    assert not log.exists() or log.read_text() == ""


EVIL = "open({marker!r}, 'a').write(__name__ + '\\n')\n"


def test_linting_never_runs_the_code(tmp_path):
    marker = tmp_path / "MARKER"
    tree = tmp_path / "project"
    (tree / "evil_pkg").mkdir(parents=True)
    evil = EVIL.format(marker=str(marker))
    # Modules of the standard library that tf-lint imports lazily (after start-up): under `python -m`,
    # the project's own files of those names would shadow them.
    for name in ("random.py", "tempfile.py", "difflib.py", "shutil.py", "concurrent.py", "hashlib.py",
                 "evil_module.py", "evil_pkg/__init__.py", "evil_pkg/sub.py", "setup.py", "conftest.py",
                 "sitecustomize.py", "usercustomize.py", "__main__.py", "evil_backend.py", "noxfile.py"):
        (tree / name).write_text(evil + "def build():\n    return None\n")
    # Local packages under the names of what tf-lint reasons about: importing them would run them.
    for package in ("transformers", "torch", "tensorflow", "huggingface_hub"):
        (tree / package).mkdir()
        (tree / package / "__init__.py").write_text(evil + "AutoModel = TFAutoModel = None\n")
    (tree / "train.py").write_text(
        "import evil_pkg.sub\nfrom evil_module import build\n" + evil + BAD_SAVE
        + "helper = build()\nhelper.save('x')\nexec(open('evil_module.py').read())\n")
    (tree / "pyproject.toml").write_text(
        '[build-system]\nrequires = []\nbuild-backend = "evil_backend"\nbackend-path = ["."]\n\n'
        '[project]\nname = "evil"\nversion = "0"\n\n'
        '[tool.tf-lint]\nextend-include = ["*.md"]\ntarget-transformers-version = "4.57"\n'
        '[tool.tf-lint.checkpoints]\n"evil_module" = "bert"\n"./evil_pkg" = "gpt2"\n')
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": source}
             for source in (["!touch " + str(marker) + "\n"], ["%%bash\n", "touch " + str(marker) + "\n"],
                            ["%run evil_module.py\n", "%load_ext evil_module\n"], [evil],
                            ["import evil_module\n"] + SAVE_CELL["source"])]
    (tree / "notebook.ipynb").write_text(_nb(cells, metadata={"kernelspec": {"language": "python"}}))
    (tree / "README.md").write_text("```python\n" + evil + BAD_SAVE + "```\n")
    log = tmp_path / "audit.log"
    env = {"TF_LINT_CACHE_DIR": str(tmp_path / "cache")}
    # As `python -m tf_lint` in the project: its directory is first on sys.path, where an import would
    # find the evil modules.
    for args in (["."], ["--fix", "--unsafe-fixes", "."], ["--fix", "-j", "2", "."], ["--diff", "train.py"]):
        proc = _audited(args + ["--no-cache"], tree, log, env, isolated=False)
        assert proc.returncode in (0, 1), proc.stderr
        assert not marker.exists(), (args, marker.read_text())
    assert "save_pretrained" in (tree / "train.py").read_text()
    assert "save_pretrained" in (tree / "notebook.ipynb").read_text()
    assert not log.exists() or log.read_text() == ""


def _snapshot(root):
    files = {}
    for directory, dirnames, filenames in os.walk(root):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(directory, d))]:
            path = os.path.join(directory, name)
            st = os.lstat(path)
            data = os.readlink(path) if os.path.islink(path) else open(path, "rb").read()
            files[os.path.relpath(path, root)] = (data, stat.S_IMODE(st.st_mode))
    return files


def test_paths_outside_the_tree_are_neither_followed_nor_written(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.py").write_text(BAD_SAVE)
    (outside / "deeper").mkdir()
    (outside / "deeper" / "also.py").write_text(BAD_SAVE)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "inside.py").write_text(BAD_SAVE)
    (tree / "link_out.py").symlink_to(outside / "victim.py")
    (tree / "link_in.py").symlink_to("inside.py")
    (tree / "dir_out").symlink_to(outside)
    (tree / "relative_out.py").symlink_to("../outside/deeper/also.py")
    work = tmp_path / "cwd"
    work.mkdir()
    before = _snapshot(tmp_path)
    proc = run_cli("--fix", "--no-cache", "--target-transformers-version", TF_TARGET, str(tree), cwd=str(work))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = _snapshot(tmp_path)
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    assert changed == ["tree/inside.py"]
    assert after["tree/inside.py"] == (GOOD_SAVE.encode(), before["tree/inside.py"][1])
    # A check-only run writes only its result cache, in the current directory.
    proc = run_cli("--target-transformers-version", TF_TARGET, str(tree), cwd=str(work))
    new = sorted(set(_snapshot(tmp_path)) - set(after))
    assert new and all(name.startswith("cwd/.tf_lint_cache/") for name in new), new
    # Named, the link is followed: the user asked for that file.
    proc = run_cli("--fix", "--no-cache", "--target-transformers-version", TF_TARGET, str(tree / "link_out.py"),
                   cwd=str(work))
    assert proc.returncode == 0 and (outside / "victim.py").read_text() == GOOD_SAVE
    assert os.path.islink(tree / "link_out.py") and (outside / "deeper" / "also.py").read_text() == BAD_SAVE


def test_constant_folding_cannot_be_made_to_stall(monkeypatch):
    """``A1 = A0 * A0`` repeated doubles the digits each time: 30 lines would take hours to fold. Folding
    refuses operands over its size bound, so no number it computes grows past it, and each line is
    folded a bounded number of times."""
    from tf_lint.analysis import facts

    text = ("from transformers import AutoModel, AutoTokenizer\nA0 = 2 ** 64\n"
            + "".join(f"A{i} = A{i - 1} * A{i - 1}\n" for i in range(1, 40))
            + "tok = AutoTokenizer.from_pretrained('bert-base-uncased')\n"
            "enc = tok(['a'], padding='max_length', max_length=A39)\n")
    real, folded = facts._fold, []

    def counted(op, left, right):
        value = real(op, left, right)
        folded.append(value)
        return value

    monkeypatch.setattr(facts, "_fold", counted)
    lint(text.encode(), fix=True)  # whatever the rules ask
    tree = ast.parse(text)
    known = facts.Facts(tree, "a.py")
    # Each line in order (its predecessors memoized, so that every line is really folded), then the use.
    values = [known.value(statement.value) for statement in tree.body[1:41]]
    assert [v.value for v in values[:3]] == [2 ** 64, 2 ** 128, 2 ** 256]
    assert values[3:] == [None] * 37  # too big to fold: unknown
    assert known.value(tree.body[-1].value.keywords[-1].value) is None
    sizes = [v.value.bit_length() for v in folded if v is not None and isinstance(v.value, int)]
    assert max(sizes) <= 2 * 256, max(sizes)  # no number computed grows past the bound
    assert len(folded) <= 4 * 40, len(folded)  # each line folded a bounded number of times


def test_root_is_importable_without_the_linted_tree():
    """Sanity for the tests above: tf-lint's own modules come from the checkout, not the tmp trees."""
    import tf_lint

    assert os.path.dirname(os.path.dirname(os.path.abspath(tf_lint.__file__))) == ROOT
