"""The project's Python decides the grammar: code valid under the declared Python is never TFL001.

tf-lint parses with the running interpreter's ``ast``. Where the project declares a newer Python
(``requires-python``, ``.python-version``) and the code is valid under it, the document gets one TFL003
notice naming both versions, and the rest of the run is checked (tf_lint/grammar.py).
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from lint_samples import ROOT
from tf_lint.target import _oldest_python, python_for

PROJECT = os.path.join(ROOT, "tests", "data", "newer_python")
OLD_PYTHON = sys.version_info < (3, 12)  # PEP 701 f-strings are new syntax for this interpreter
RUNNING = f"{sys.version_info[0]}.{sys.version_info[1]}"


def _json(cwd, *args):
    done = subprocess.run([sys.executable, "-m", "tf_lint", "--no-cache", "--format", "json", *args], cwd=cwd,
                          capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return [(os.path.basename(d["filename"]), d["cell"], d["location"]["row"], d["code"], d["message"])
            for d in json.loads(done.stdout)]


def test_code_valid_for_the_declared_python_is_never_a_syntax_error():
    found = _json(PROJECT, ".")
    assert not [f for f in found if f[3] == "TFL001"], found
    # The notebook's other cells are still checked (a remote-code load without a pinned revision).
    assert ("evaluate.ipynb", 2, 5, "TFL801") in [f[:4] for f in found]
    notices = [f for f in found if f[3] == "TFL003"]
    if not OLD_PYTHON:  # this interpreter reads Python 3.12 syntax itself: everything is checked
        assert notices == []
        return
    assert [f[:4] for f in notices] == [("evaluate.ipynb", 3, 2, "TFL003"), ("evaluate.py", None, 16, "TFL003")]
    for name, cell, _row, _code, message in notices:
        assert message == (f"this {'cell' if cell else 'file'} uses Python 3.12 syntax (an f-string that reuses "
                           "its quotes inside {}, PEP 701) and the project requires Python >=3.13 "
                           f"(pyproject.toml:5); tf-lint runs on Python {RUNNING} and cannot check it: run "
                           "tf-lint with Python 3.13+")


@pytest.mark.skipif(not OLD_PYTHON, reason="this interpreter parses Python 3.12 f-strings")
def test_the_same_file_without_a_newer_python_declared_is_a_syntax_error(tmp_path):
    shutil.copy(os.path.join(PROJECT, "evaluate.py"), tmp_path)
    assert [f[:4] for f in _json(tmp_path, "evaluate.py")] == [("evaluate.py", None, 16, "TFL001")]
    # An older declared Python changes nothing: the code is not valid under it either.
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nrequires-python = ">=3.9"\n')
    assert [f[:4] for f in _json(tmp_path, "evaluate.py")] == [("evaluate.py", None, 16, "TFL001")]


@pytest.mark.skipif(not OLD_PYTHON, reason="this interpreter parses Python 3.12 syntax")
def test_python_version_file_and_type_statements(tmp_path):
    (tmp_path / ".python-version").write_text("3.12.4\n")
    (tmp_path / "types_.py").write_text("type Batch = dict[str, list[int]]\n\ndef first[T](items: list[T]) -> T:\n"
                                        "    return items[0]\n")
    (found,) = _json(tmp_path, "types_.py")
    assert found[3] == "TFL003" and "Python 3.12 syntax (" in found[4] and "PEP 695" in found[4]
    assert "the project pins Python 3.12.4 (.python-version:1)" in found[4]


def test_a_real_syntax_error_stays_tfl001_in_a_newer_python_project(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nrequires-python = ">=3.13"\n')
    (tmp_path / "broken.py").write_text('from transformers import AutoModel\n'
                                        'model = AutoModel.from_pretrained("gpt2"\n')
    (found,) = _json(tmp_path, "broken.py")
    assert found[3] == "TFL001" and found[4].startswith("cannot parse:")


@pytest.mark.skipif(not OLD_PYTHON, reason="this interpreter parses Python 3.12 f-strings")
def test_result_cache_follows_the_declared_python(tmp_path):
    shutil.copy(os.path.join(PROJECT, "evaluate.py"), tmp_path)
    run = [sys.executable, "-m", "tf_lint", "--format", "json", "evaluate.py"]
    env = dict(os.environ, TF_LINT_CACHE_DIR=str(tmp_path / "cache"))

    def codes():
        done = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, env=env)
        return [d["code"] for d in json.loads(done.stdout)]

    assert codes() == ["TFL001"]
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nrequires-python = ">=3.12"\n')
    assert codes() == ["TFL003"]


def test_show_settings_names_the_project_python():
    done = subprocess.run([sys.executable, "-m", "tf_lint", "--show-settings", "evaluate.py"], cwd=PROJECT,
                          capture_output=True, text=True)
    assert f"  python = 3.13 (requires Python >=3.13, pyproject.toml:5; tf-lint runs on {RUNNING})\n" \
        in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize("specifier, oldest", [
    (">=3.13", (3, 13)), ("~=3.12", (3, 12)), (">3.11", (3, 11)), (">=3.9,<4", (3, 9)), ("==3.12.*", (3, 12)),
    (">=3.10, !=3.10.*", (3, 11)), ("<3", None), ("not a specifier", None),
])
def test_oldest_python_a_requirement_allows(specifier, oldest):
    assert _oldest_python(specifier) == oldest


def test_declared_python_is_read_at_the_nearest_project_root(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nrequires-python = ">=3.13"\n')
    (tmp_path / ".python-version").write_text("3.10\n")
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    found = python_for(str(tmp_path / "src" / "pkg"))
    # requires-python, the range every user's Python must be in, wins over the developer's own pin
    assert found.minimum == (3, 13) and found.source.endswith("pyproject.toml:3")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert python_for(str(tmp_path)).minimum == (3, 10)
    (tmp_path / ".python-version").write_text("# pinned by uv\npypy3.11\n")
    assert python_for(str(tmp_path)).minimum == (3, 11)
    (tmp_path / ".python-version").write_text("system\n")
    assert python_for(str(tmp_path)) is None
    # a nearer project root that declares no Python: the parent's declaration is not its own
    (tmp_path / ".python-version").write_text("3.13\n")
    (tmp_path / "src" / "requirements.txt").write_text("transformers\n")
    assert python_for(str(tmp_path / "src" / "pkg")) is None
    assert python_for(str(tmp_path)).minimum == (3, 13)


FEATURES = [
    ("match command:\n    case 'go':\n        pass\n", (3, 10), "match"),
    ("try:\n    pass\nexcept* ValueError:\n    pass\n", (3, 11), "except*"),
    ("type X = int\n", (3, 12), "type statement"),
    ("class Box[T]:\n    pass\n", (3, 12), "type parameters"),
    ("def f[T = int](x: T) -> T:\n    return x\n", (3, 13), "default"),
    ('greeting = t"Hello {name}"\n', (3, 14), "template string"),
    ("try:\n    pass\nexcept ValueError, TypeError:\n    pass\n", (3, 14), "PEP 758"),
    ('x = f"{"\\n".join(lines)}"\n', (3, 12), "reuses its quotes"),
    ("x = f'{chr(10) # newline\n}'\n", (3, 12), "comment"),
]


@pytest.mark.parametrize("source, version, words", FEATURES, ids=[f[2] for f in FEATURES])
def test_newer_syntax_is_named_with_the_python_that_first_reads_it(source, version, words):
    import libcst

    from tf_lint.grammar import features_of

    found = list(features_of(libcst.parse_module(source)))
    if "PEP 701" in words or words in ("reuses its quotes", "comment"):
        if not OLD_PYTHON:  # this Python reads such f-strings itself: nothing to name
            assert found == []
            return
    assert [v for v, _what in found] == [version] and words in found[0][1], found
