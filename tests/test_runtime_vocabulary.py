"""Runtime checks of TFL701 and TFL702 on CPU: each bad fixture fails the way the rule says when run
against the tiny offline hub (``tinyhub.VOCABULARY_CHECKPOINTS``), and its fixed version runs.

- TFL701: ``IndexError: index out of range in self`` (an added token's id past the embedding matrix);
  after ``resize_token_embeddings`` no error.
- TFL702: ``IndexError: Target N is out of bounds`` in the loss; after ``num_labels=`` no error.

A bad fixture whose rule has no fix for it (``.fixed.py`` identical) only has to show the symptom.
On a GPU the same programs end in "device-side assert triggered"; the CPU error names the cause.
"""

import os

import pytest

from fixture_files import FIXTURES, fixture_pairs
from runtime_runner import run_in_child

SYMPTOMS = {"TFL701": "IndexError: index out of range in self", "TFL702": "IndexError: Target"}


PAIRS = fixture_pairs(SYMPTOMS)


@pytest.fixture(scope="module")
def vocabulary_hub(tmp_path_factory):
    import tinyhub

    root = str(tmp_path_factory.mktemp("vocabhub"))
    tinyhub.build_hub(root, tinyhub.VOCABULARY_CHECKPOINTS)
    return tinyhub.hub_environment(root)


@pytest.fixture(scope="module")
def runtime_results(vocabulary_hub):
    return run_in_child([p for _, bad, fixed in PAIRS for p in (bad, fixed)], vocabulary_hub)


def _same_text(a, b) -> bool:
    with open(a, "rb") as f, open(b, "rb") as g:
        return f.read() == g.read()


@pytest.mark.parametrize("code,bad,fixed", PAIRS, ids=[f"{c}/{os.path.basename(b)}" for c, b, _ in PAIRS])
def test_symptom_before_and_not_after_fix(runtime_results, code, bad, fixed):
    before, after = runtime_results[bad], runtime_results[fixed]
    assert before["error"] and before["error"].startswith(SYMPTOMS[code]), before
    if not _same_text(bad, fixed):
        assert after["error"] is None, after.get("traceback")


# Look-alikes that run: the added token never reaches an embedding lookup, so nothing fails.
LOOK_ALIKES = [os.path.join(FIXTURES, "TFL701", name)
               for name in ("good_pad_role_reassigned.py", "good_embeddings_only.py", "good_pad_is_eos.py",
                            "good_pad_token_at_load_held.py", "good_collator_other_tokenizer.py",
                            "good_bert_unused_slots.py")]


@pytest.mark.parametrize("path", LOOK_ALIKES, ids=os.path.basename)
def test_look_alike_runs(vocabulary_hub, path):
    result = run_in_child([path], vocabulary_hub)[path]
    assert result["error"] is None, result.get("traceback")
