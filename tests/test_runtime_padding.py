"""Runtime checks of the padding rules (TFL101-TFL104): each bad fixture shows its symptom when run,
and its fixed version does not.

All fixtures run in one child process (so Transformers and torch are imported once) against the tiny
offline hub (``tinyhub``); ``runtime_runner`` documents how a fixture reports what it computed
(module globals ``observed`` and ``reference``). The checks:

- TFL101: the padded row's outputs differ from the same text run alone; after the fix they match.
- TFL102 / TFL103: the greedy continuation of the short prompt differs from its solo generation;
  after the fix it matches.
- TFL104: the program raises ``ValueError`` (no pad token); after the fix it does not.

A bad fixture whose rule has no fix for it (``.fixed.py`` identical) only has to show the symptom.
"""

import ast
import importlib.util
import os
import subprocess
import sys

import pytest

from fixture_files import FIXTURES, fixture_pairs
from runtime_runner import run_in_child

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = ("TFL101", "TFL102", "TFL103", "TFL104")
TOLERANCE = 1e-4


PAIRS = fixture_pairs(CODES)


@pytest.fixture(scope="module")
def runtime_results(tiny_hub_env):
    return run_in_child([p for _, bad, fixed in PAIRS for p in (bad, fixed)], tiny_hub_env)


def _close(a, b) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))
    return a == b


def _same_text(a, b) -> bool:
    with open(a, "rb") as f, open(b, "rb") as g:
        return f.read() == g.read()


def _missing_packages(path: str):
    """The packages a fixture imports (and ``accelerate``, which ``Trainer`` needs) that this environment
    lacks: ``datasets`` and ``accelerate`` are in the environment of ``nox -s "runtime-trl(stack='new')"``,
    which runs the Trainer fixtures of this file, not in the tests session's."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    wanted = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            wanted.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            wanted.add(node.module.split(".")[0])
            if node.module == "transformers" and any(a.name.endswith("Trainer") for a in node.names):
                wanted.add("accelerate")
    return sorted(name for name in wanted if importlib.util.find_spec(name) is None)


@pytest.mark.parametrize("code,bad,fixed", PAIRS, ids=[f"{c}/{os.path.basename(b)}" for c, b, _ in PAIRS])
def test_symptom_before_and_not_after_fix(runtime_results, code, bad, fixed):
    missing = _missing_packages(bad)
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    before, after = runtime_results[bad], runtime_results[fixed]
    has_fix = not _same_text(bad, fixed)
    if code == "TFL104":
        assert before["error"] and before["error"].startswith("ValueError"), before
        if has_fix:
            assert after["error"] is None, after
        return
    assert before["error"] is None, before.get("traceback")
    assert "observed" in before and "reference" in before, f"{bad} sets no observed/reference"
    assert not _close(before["observed"], before["reference"]), "the bad fixture shows no symptom"
    if has_fix:
        assert after["error"] is None, after.get("traceback")
        assert _close(after["observed"], after["reference"]), (after["observed"], after["reference"])


@pytest.mark.parametrize("name", ["good_clip_text_encoder_unmasked.py", "good_mask_positional.py"])
def test_runnable_negatives_show_no_symptom(tiny_hub_env, name):
    """Look-alikes TFL101 leaves alone: run, the padded row's real tokens match the prompt run alone
    (CLIP's causal text model without a mask; a mask passed positionally)."""
    path = os.path.join(FIXTURES, "TFL101", name)
    proc = subprocess.run([sys.executable, path], capture_output=True, text=True,
                          env=dict(os.environ, **tiny_hub_env), timeout=300)
    assert proc.stdout.strip().splitlines()[-1:] == ["True"], proc.stderr[-2000:]
