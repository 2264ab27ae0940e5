"""A notebook judged by the transformers its own install cell pins (issue 21), checked at run time.

The TFL501 notebook fixtures pin ``transformers==4.57.6``, the release this environment installs
(``nox -s runtime-tf``). tf-lint reads the pin from the install cell; here the flagged import
statements of the bad notebook really fail under that release, and every import of the good notebook
(TensorFlow classes that transformers 5 removed, so that without its pin tf-lint would report them)
really succeeds. Skipped where another transformers is installed.
"""

import ast
import os
import subprocess
import sys

import pytest

from fixture_files import FIXTURES
from tf_lint.config import ConfigResolver
from tf_lint.engine import Linter
from tf_lint.sources import read_source

transformers = pytest.importorskip("transformers")
PIN = "4.57.6"
if transformers.__version__ != PIN:
    pytest.skip(f"the notebooks pin transformers=={PIN}; this environment has {transformers.__version__}",
                allow_module_level=True)

pytestmark = pytest.mark.runtime_tf

BAD = "TFL501/bad_notebook_pinned_v4.ipynb"
GOOD = "TFL501/good_notebook_pinned_v4_tf.ipynb"


def _lint(path):
    with open(path, "rb") as f:
        source = read_source(path, f.read())
    result = Linter(ConfigResolver().for_path(path)).process_source(source)
    return source, result.diagnostics


def _imports(source):
    """(cell, row, statement source) of every import statement of the notebook's program."""
    found = []
    for document in source.documents:
        for node in ast.parse(document.text).body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                cell, position = document.locate(document.start_of(node))
                found.append((cell, position.row, ast.get_source_segment(document.text, node)))
    return found


def _run(code):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", TF_USE_LEGACY_KERAS="1")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, env=env)


def test_flagged_import_fails_under_the_pinned_release():
    source, diagnostics = _lint(os.path.join(FIXTURES, BAD))
    flagged = {(d.cell, d.start.row) for d in diagnostics if d.code == "TFL501"}
    assert flagged, "tf-lint found nothing in the bad notebook"
    assert all(f"installs `transformers=={PIN}` (cell 1)" in d.message for d in diagnostics)
    statements = [stmt for cell, row, stmt in _imports(source) if (cell, row) in flagged]
    assert statements
    for statement in statements:
        proc = _run(statement)
        assert proc.returncode != 0 and "ImportError" in proc.stderr, (statement, proc.stderr[-2000:])


def test_good_notebook_imports_under_the_pinned_release():
    source, diagnostics = _lint(os.path.join(FIXTURES, GOOD))
    assert diagnostics == []
    statements = [stmt for _cell, _row, stmt in _imports(source)]
    assert any("TFAutoModel" in s for s in statements)
    proc = _run("\n".join(statements))
    assert proc.returncode == 0, proc.stderr[-2000:]
