"""Runtime checks of TFL701 and TFL702 on CPU: each bad fixture fails the way the rule says when run
against the tiny offline hub (``tinyhub.VOCABULARY_CHECKPOINTS``), and its fixed version runs.

- TFL701: ``IndexError: index out of range in self`` (an added token's id past the embedding matrix);
  after ``resize_token_embeddings`` no error.
- TFL702: ``IndexError: Target N is out of bounds`` in the loss; after ``num_labels=`` no error. A
  program that only reads predictions into label names shows the head's width (``observed``) short of
  the names it reads them into (``reference``); after the fix they agree.

A bad fixture whose rule has no fix for it (``.fixed.py`` identical) only has to show the symptom.
On a GPU the same programs end in "device-side assert triggered"; the CPU error names the cause (the
runs hide any GPU, so that a ``Trainer`` stays on the CPU).

Fixtures that load a Hub dataset by name and train with a ``Trainer`` need the ``datasets`` and
``accelerate`` libraries, which tf-lint does not depend on: they run where both are installed (the
tiny hub then holds the datasets too, ``tinyhub.HUB_DATASETS``) and are skipped elsewhere.
"""

import importlib.util
import os

import pytest

from fixture_files import FIXTURES, fixture_pairs
from runtime_runner import run_in_child

SYMPTOMS = {"TFL701": "IndexError: index out of range in self", "TFL702": "IndexError: Target"}


_TRAINING_LIBRARIES = ("datasets", "accelerate")
_HAVE_TRAINING = all(importlib.util.find_spec(name) is not None for name in _TRAINING_LIBRARIES)


def _needs_training_libraries(path: str) -> bool:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return "from datasets import" in text or "import datasets" in text


def _runnable(path: str) -> bool:
    return _HAVE_TRAINING or not _needs_training_libraries(path)


_SKIP_TRAINING = pytest.mark.skip(reason="needs the datasets and accelerate libraries")
PAIRS = [pytest.param(code, bad, fixed, id=f"{code}/{os.path.basename(bad)}",
                      marks=[] if _runnable(bad) else [_SKIP_TRAINING])
         for code, bad, fixed in fixture_pairs(SYMPTOMS)]


@pytest.fixture(scope="module")
def vocabulary_hub(tmp_path_factory):
    import tinyhub

    root = str(tmp_path_factory.mktemp("vocabhub"))
    tinyhub.build_hub(root, tinyhub.VOCABULARY_CHECKPOINTS)
    if _HAVE_TRAINING:
        tinyhub.build_datasets(root, tinyhub.HUB_DATASETS)
    return dict(tinyhub.hub_environment(root), CUDA_VISIBLE_DEVICES="")


@pytest.fixture(scope="module")
def runtime_results(vocabulary_hub):
    paths = [p for _, bad, fixed in fixture_pairs(SYMPTOMS) if _runnable(bad) for p in (bad, fixed)]
    return run_in_child(paths, vocabulary_hub)


def _same_text(a, b) -> bool:
    with open(a, "rb") as f, open(b, "rb") as g:
        return f.read() == g.read()


@pytest.mark.parametrize("code,bad,fixed", PAIRS)
def test_symptom_before_and_not_after_fix(runtime_results, code, bad, fixed):
    before, after = runtime_results[bad], runtime_results[fixed]
    if "observed" in before:  # a program that only reads predictions: the head's width vs the names read
        assert before["error"] is None and before["observed"] != before["reference"], before
        if not _same_text(bad, fixed):
            assert after["error"] is None and after["observed"] == after["reference"], after
        return
    assert before["error"] and before["error"].startswith(SYMPTOMS[code]), before
    if not _same_text(bad, fixed):
        assert after["error"] is None, after.get("traceback")


# Look-alikes that run: the added token never reaches an embedding lookup, the labels stay within the
# head, so nothing fails.
LOOK_ALIKES = [os.path.join(FIXTURES, "TFL701", name)
               for name in ("good_pad_role_reassigned.py", "good_embeddings_only.py", "good_pad_is_eos.py",
                            "good_pad_token_at_load_held.py", "good_collator_other_tokenizer.py",
                            "good_bert_unused_slots.py")]
LOOK_ALIKES += [os.path.join(FIXTURES, "TFL702", name)
                for name in ("good_hub_dataset_binarized.py", "good_hub_dataset_filtered.py",
                             "good_hub_dataset_loop_without_labels.py",
                             "good_labels_mapped_within_head.py", "good_predictions_read_within_head.py")]


@pytest.mark.parametrize("path", [pytest.param(p, id=os.path.basename(p), marks=[] if _runnable(p) else [_SKIP_TRAINING])
                                  for p in LOOK_ALIKES])
def test_look_alike_runs(vocabulary_hub, path):
    result = run_in_child([path], vocabulary_hub)[path]
    assert result["error"] is None, result.get("traceback")
