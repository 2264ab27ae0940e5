"""TFL001 on real code: every syntax error tf-lint reports on ``../shared/corpus`` is a reviewed, really
broken program or notebook cell (tests/corpus/verdicts-syntax.json, code TFL001, verdict "true").

Docs and notebooks used to drown their findings in syntax errors that were not errors (output blocks,
pseudo-code, IPython automagics); this test fails when such a one comes back (a TFL001 nobody
reviewed) or when a reviewed one disappears (a real broken cell no longer reported).
"""

import json
import os

import pytest

from lint_samples import run_cli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Beside the repository (/work/main/../shared/corpus on CI); TF_LINT_CORPUS points elsewhere (a worktree).
CORPUS = os.environ.get("TF_LINT_CORPUS") or os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus"))
VERDICTS = os.path.join(ROOT, "tests", "corpus", "verdicts-syntax.json")


def _key(path, cell, line):
    return (path, cell, line)


def test_every_syntax_error_on_the_corpus_is_a_reviewed_broken_program():
    if not os.path.isdir(CORPUS):
        pytest.skip(f"the real-code corpus is not at {CORPUS} (it sits beside the repository on CI)")
    with open(VERDICTS, encoding="utf-8") as f:
        rows = [row for row in json.load(f)["findings"] if row["code"] == "TFL001"]
    true = {_key(row["path"], row["cell"], row["line"]) for row in rows if row["verdict"] == "true"}
    proc = run_cli("--no-cache", "--exit-zero", "--format", "json", "--target-transformers-version", "5.24",
                   "--extend-include", "*.md,*.mdx", CORPUS, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    found = {_key(os.path.relpath(d["filename"], CORPUS).replace(os.sep, "/"), d["cell"], d["location"]["row"])
             for d in json.loads(proc.stdout) if d["code"] == "TFL001"}
    assert sorted(found - true) == [], "TFL001 on the corpus not reviewed as a really broken program"
    assert sorted(true - found) == [], "reviewed broken programs no longer reported as TFL001"
