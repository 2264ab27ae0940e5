"""Runtime checks of TFL701 and TFL702 on CPU: each bad fixture fails the way the rule says when run
against the tiny offline hub (``tinyhub.VOCABULARY_CHECKPOINTS``), and its fixed version runs.

- TFL701: ``IndexError: index out of range in self`` (an added token's id past the embedding matrix);
  after ``resize_token_embeddings`` no error.
- TFL702: ``IndexError: Target N is out of bounds`` in the loss; after ``num_labels=`` no error.

A bad fixture whose rule has no fix for it (``.fixed.py`` identical) only has to show the symptom.
On a GPU the same programs end in "device-side assert triggered"; the CPU error names the cause.
"""

import json
import os
import subprocess
import sys

import pytest

from fixture_files import FIXTURES

HERE = os.path.dirname(os.path.abspath(__file__))
SYMPTOMS = {"TFL701": "IndexError: index out of range in self", "TFL702": "IndexError: Target"}


def _pairs():
    found = []
    for code in SYMPTOMS:
        folder = os.path.join(FIXTURES, code)
        for name in sorted(os.listdir(folder)):
            if name.startswith("bad_") and name.endswith(".py") and not name.endswith(".fixed.py"):
                found.append((code, os.path.join(folder, name), os.path.join(folder, name[:-3] + ".fixed.py")))
    return found


PAIRS = _pairs()


@pytest.fixture(scope="module")
def vocabulary_hub(tmp_path_factory):
    import tinyhub

    root = str(tmp_path_factory.mktemp("vocabhub"))
    tinyhub.build_hub(root, tinyhub.VOCABULARY_CHECKPOINTS)
    return tinyhub.hub_environment(root)


@pytest.fixture(scope="module")
def runtime_results(vocabulary_hub):
    paths = [p for _, bad, fixed in PAIRS for p in (bad, fixed)]
    env = dict(os.environ, **vocabulary_hub, PYTHONPATH=HERE)
    proc = subprocess.run([sys.executable, os.path.join(HERE, "runtime_runner.py"), *paths],
                          capture_output=True, text=True, env=env, timeout=900)
    assert "@@RESULTS@@" in proc.stdout, proc.stderr[-3000:]
    return json.loads(proc.stdout.split("@@RESULTS@@", 1)[1])


def _same_text(a, b) -> bool:
    with open(a, "rb") as f, open(b, "rb") as g:
        return f.read() == g.read()


@pytest.mark.parametrize("code,bad,fixed", PAIRS, ids=[f"{c}/{os.path.basename(b)}" for c, b, _ in PAIRS])
def test_symptom_before_and_not_after_fix(runtime_results, code, bad, fixed):
    before, after = runtime_results[bad], runtime_results[fixed]
    assert before["error"] and before["error"].startswith(SYMPTOMS[code]), before
    if not _same_text(bad, fixed):
        assert after["error"] is None, after.get("traceback")
