"""tf-lint on real code nobody here wrote, held to reviewed verdicts (DESIGN.md, "Accuracy is measured on
code nobody on the team wrote").

``tests/corpus/verdicts.json`` records, for every semantic finding (TFL1xx-TFL4xx, TFL6xx-TFL8xx) tf-lint
made on the corpus, whether it is the bug (``"true"``) or not (``"false"``), with a one-line reason. The
test runs tf-lint once over the corpus (``../shared/corpus`` beside the repository, or
``$TF_LINT_CORPUS``) and fails when a finding appears that is not reviewed true (a new false alarm, or a
new finding nobody reviewed yet), or when a reviewed-true finding disappears (lost recall). Findings
reviewed false stay in the file as regression guards. docs/accuracy.md explains the method.
"""

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERDICTS = os.path.join(ROOT, "tests", "corpus", "verdicts.json")
SEMANTIC = ("TFL1", "TFL2", "TFL3", "TFL4", "TFL6", "TFL7", "TFL8")


def _corpus():
    return os.environ.get("TF_LINT_CORPUS") or os.path.join(os.path.dirname(ROOT), "shared", "corpus")


def _key(row):
    return (row["path"], row["cell"], row["line"], row["code"])


@pytest.fixture(scope="module")
def verdicts():
    with open(VERDICTS, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def findings(verdicts, tmp_path_factory):
    corpus = _corpus()
    if not os.path.isdir(corpus):
        pytest.skip(f"the real-code corpus is not here ({corpus}): clone shared/ beside the repository "
                    "or set TF_LINT_CORPUS")
    out = subprocess.run(
        [sys.executable, "-m", "tf_lint", "check", "--no-cache", "--exit-zero", "--format", "json",
         "--target-transformers-version", verdicts["target"], "--extend-include", "*.md,*.mdx", corpus],
        capture_output=True, text=True, timeout=900, cwd=str(tmp_path_factory.mktemp("corpus_run")),
        env={**os.environ, "TF_LINT_CACHE_DIR": str(tmp_path_factory.mktemp("corpus_cache"))})
    assert out.returncode == 0, out.stderr[-3000:]
    found = set()
    for d in json.loads(out.stdout):
        if d["code"].startswith(SEMANTIC):
            path = os.path.relpath(d["filename"], corpus).replace(os.sep, "/")
            found.add((path, d.get("cell"), d["location"]["row"], d["code"]))
    return found


def test_verdict_file_is_well_formed(verdicts):
    rows = verdicts["findings"]
    assert verdicts["target"]
    assert len({_key(r) for r in rows}) == len(rows), "a finding is reviewed twice"
    for row in rows:
        assert row["verdict"] in ("true", "false") and row["reason"].strip(), row
        assert row["code"].startswith(SEMANTIC), row


def test_no_finding_that_is_not_reviewed_true(verdicts, findings):
    reviewed = {_key(r): r for r in verdicts["findings"]}
    unreviewed = sorted(k for k in findings if k not in reviewed)
    false = sorted(k for k in findings if k in reviewed and reviewed[k]["verdict"] == "false")
    assert not false, f"findings reviewed false are back: {false}"
    assert not unreviewed, (f"new findings on the corpus: review each (open the file, read the code) and record "
                            f"it in tests/corpus/verdicts.json: {unreviewed}")


def test_no_true_finding_is_lost(verdicts, findings):
    lost = sorted(_key(r) for r in verdicts["findings"] if r["verdict"] == "true" and _key(r) not in findings)
    assert not lost, f"findings reviewed true no longer appear: {lost}"
