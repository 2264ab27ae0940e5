"""TRL and PEFT findings on real code, held to reviewed verdicts (issue 24), as tests/test_corpus_verdicts.py
holds the semantic ones.

``tests/corpus/package_verdicts.json`` records every TFL501/TFL502 finding that names a TRL or PEFT release
(or a ``trl.`` / ``peft.`` module) on the corpus: true (the import or call fails on the release the file
targets: checked in that release's wheel) or false, with a reason. tf-lint runs over the corpus files that
mention TRL or PEFT; the test fails on a finding not reviewed true, and on a reviewed-true finding that is lost.

Launch documents too (issue 22): every TFL502 on a launch flag or a recipe key (its message starts with
"`--" or "recipe key"), whichever package's release it names, over the corpus's shell scripts and YAML
files as well (a YAML file that no launch command hands to a parser is silent when named).
"""

import json
import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERDICTS = os.path.join(ROOT, "tests", "corpus", "package_verdicts.json")
_PACKAGE_FINDING = re.compile(r"\b(trl|peft) \d|`(trl|peft)\.")
_LAUNCH_FINDING = re.compile(r"^(`--|recipe key `)")
_LAUNCH_WORD = re.compile(r"\b(python[\d.]*|accelerate|torchrun|deepspeed)\s")  # a page or notebook that may launch


def _corpus():
    return os.environ.get("TF_LINT_CORPUS") or os.path.join(os.path.dirname(ROOT), "shared", "corpus")


def _subject(code, message):
    names = re.findall(r"`([^`]+)`", message)
    return ".".join(names[:2]) if code == "TFL502" else names[0]


def _key(row):
    return (row["path"], row["cell"], row["line"], row["code"], row["subject"])


@pytest.fixture(scope="module")
def verdicts():
    with open(VERDICTS, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def findings(verdicts, tmp_path_factory):
    corpus = _corpus()
    if not os.path.isdir(corpus):
        pytest.skip(f"the real-code corpus is not here ({corpus})")
    files = []
    for folder, _, names in os.walk(corpus):
        for name in names:
            if name.endswith((".sh", ".bash", ".yaml", ".yml")):
                files.append(os.path.join(folder, name))
            elif name.endswith((".py", ".ipynb", ".md", ".mdx")):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                if re.search(r"\b(trl|peft)\b", text) or (not name.endswith(".py") and _LAUNCH_WORD.search(text)):
                    files.append(path)
    out = subprocess.run(
        [sys.executable, "-m", "tf_lint", "check", "--no-cache", "--exit-zero", "--format", "json", "--select",
         "TFL501,TFL502", "--target-transformers-version", verdicts["target"], *sorted(files)],
        capture_output=True, text=True, timeout=900, cwd=str(tmp_path_factory.mktemp("corpus_run")),
        env={**os.environ, "TF_LINT_CACHE_DIR": str(tmp_path_factory.mktemp("corpus_cache"))})
    assert out.returncode == 0, out.stderr[-3000:]
    found = set()
    for d in json.loads(out.stdout):
        if _PACKAGE_FINDING.search(d["message"]) or _LAUNCH_FINDING.search(d["message"]):
            path = os.path.relpath(d["filename"], corpus).replace(os.sep, "/")
            found.add((path, d.get("cell"), d["location"]["row"], d["code"], _subject(d["code"], d["message"])))
    return found


def test_verdict_file_is_well_formed(verdicts):
    rows = verdicts["findings"]
    assert len({_key(r) for r in rows}) == len(rows), "a finding is reviewed twice"
    for row in rows:
        assert row["verdict"] in ("true", "false") and row["reason"].strip(), row
        assert row["code"] in ("TFL501", "TFL502"), row


def test_no_finding_that_is_not_reviewed_true(verdicts, findings):
    reviewed = {_key(r): r for r in verdicts["findings"]}
    unreviewed = sorted(k for k in findings if k not in reviewed)
    false = sorted(k for k in findings if k in reviewed and reviewed[k]["verdict"] == "false")
    assert not false, f"findings reviewed false are back: {false}"
    assert not unreviewed, f"new TRL/PEFT findings on the corpus: review each into {VERDICTS}: {unreviewed}"


def test_no_true_finding_is_lost(verdicts, findings):
    lost = sorted(_key(r) for r in verdicts["findings"] if r["verdict"] == "true" and _key(r) not in findings)
    assert not lost, f"TRL/PEFT findings reviewed true no longer appear: {lost}"
