"""The labelled sets of real snippets: the curated set (issue 15), the random sample and the reported-bug
set (issue 25).
The scorer's mechanics, each set's validity, and floors under today's recall and precision per family
so that a regression fails.

The sets and the scorer are described in docs/labelled-set.md; ``python bench/labelled.py`` prints the
table and the misses (``--set random`` for the random sample, ``--set reported`` for the reported bugs).
"""

import os
import re
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))

import labelled  # noqa: E402

# Each family's size today, and the minimum the issue asks for.
MINIMUM_SNIPPETS = {"padding": 20, "tf_save": 36, "task_checkpoint": 15, "memory": 8, "env": 12}
MINIMUM_TOTAL = 80

# (recall, precision) that tf-lint reaches on the set today (main, with the set as committed;
# written slightly below the measured value, two decimals). A change that loses recall or precision
# below these fails; raise them when a change improves the numbers. Precision is checked only when the
# family has findings (it is undefined otherwise), so a first false alarm in a family with none fails.
FLOORS = {
    "env": (1.00, 1.00),
    "memory": (0.50, 1.00),
    "padding": (0.82, 1.00),
    "task_checkpoint": (1.00, 1.00),
    "tf_save": (0.90, 1.00),
    "overall": (0.91, 1.00),
}


# The random sample (tests/labelled_random): (recall, precision) per family, measured on the sample as
# committed and written slightly below (two decimals), as above. A family absent from this table, or
# with no snippet yet, is skipped with a message; None: undefined today (no finding of the family on
# the sample), so only a first false alarm or a lost hit can fail it once findings exist.
RANDOM_FAMILIES = ("padding", "added_tokens", "num_labels")
RANDOM_FLOORS = {
    # 35 of 40 expected findings, no false alarm (123 snippets, 25 positive; docs/accuracy.md)
    "padding": (0.87, 1.00),
    # No positive in 170 hits: recall is undefined; the two TFL701 false alarms the sample found are fixed
    # (an added pad role given to another id; a model only given inputs_embeds), so none may come back.
    "added_tokens": (0.0, None),
    "num_labels": (0.0, None),
}
# The random sample only grows (issue 25): positives it holds at least, per family.
RANDOM_MINIMUM_POSITIVES = {"padding": 25}
# Where each random snippet's sampling is logged: the log names the snippet beside its index id.
RANDOM_LOGS = os.path.join(ROOT, "docs", "labelled-random-log")

# The reported-bug set (tests/labelled_reported): (recall, precision) per family, as measured
# (docs/accuracy.md). TFL701 finds 1 of 5 reported programs, no false alarm on 9 look-alikes; TFL702
# finds 0 of 1 (labels read from a data file), precision undefined (None: no false alarm may appear).
REPORTED_FAMILIES = ("added_tokens", "num_labels")
REPORTED_FLOORS = {
    "added_tokens": (0.20, 1.00),
    "num_labels": (0.50, None),
}
REPORTED_LOG = os.path.join(RANDOM_LOGS, "reported.md")


@pytest.fixture(scope="module")
def scored():
    return labelled.score()


@pytest.fixture(scope="module")
def scored_random():
    return labelled.score(set_name="random")


# --- the set is valid --------------------------------------------------------------------------------

def _all_snippets():
    return labelled.snippets()


@pytest.mark.parametrize("snippet", _all_snippets(), ids=lambda s: s.path)
def test_snippet_is_well_formed(snippet):
    assert snippet.problems == [], f"tests/labelled/{snippet.path}: " + "; ".join(snippet.problems)


def test_every_file_in_the_set_is_a_snippet():
    for family in os.listdir(labelled.LABELLED):
        folder = os.path.join(labelled.LABELLED, family)
        assert os.path.isdir(folder) and family in labelled.FAMILIES, f"unknown family folder {family}"
        for name in os.listdir(folder):
            assert name.endswith(labelled.FORMATS), f"{family}/{name} is not a .py, .ipynb or .md snippet"


def test_set_sizes():
    found = _all_snippets()
    assert len(found) >= MINIMUM_TOTAL
    for family, minimum in MINIMUM_SNIPPETS.items():
        members = [s for s in found if s.family == family]
        assert len(members) >= minimum, f"{family}: {len(members)} snippets, at least {minimum} wanted"
        labels = {s.label for s in members}
        assert labels == {"positive", "negative"}, f"{family} needs positives and look-alike negatives"


def test_every_snippet_parses(scored):
    results, _ = scored
    unparsed = [(r.snippet.path, cell, row) for r in results for cell, row, code, _ in r.all_found
                if code == "TFL001"]
    assert unparsed == []


def test_provenance_is_unique():
    seen = {}
    for snippet in _all_snippets():
        key = snippet.header["provenance"].split(" lines ")[0]
        assert key not in seen, f"{snippet.path} and {seen[key]} come from the same file"
        seen[key] = snippet.path


# --- the random sample is valid ----------------------------------------------------------------------

def _random_snippets():
    return labelled.snippets(set_name="random")


@pytest.mark.parametrize("snippet", _random_snippets(), ids=lambda s: s.path)
def test_random_snippet_is_well_formed(snippet):
    assert snippet.problems == [], f"tests/labelled_random/{snippet.path}: " + "; ".join(snippet.problems)


def test_every_file_in_the_random_set_is_a_snippet():
    if not os.path.isdir(labelled.LABELLED_RANDOM):
        pytest.skip("no random sample yet (tests/labelled_random)")
    for family in os.listdir(labelled.LABELLED_RANDOM):
        folder = os.path.join(labelled.LABELLED_RANDOM, family)
        assert os.path.isdir(folder) and family in RANDOM_FAMILIES, f"unknown random-sample family folder {family}"
        for name in os.listdir(folder):
            assert name.endswith(labelled.FORMATS), f"{family}/{name} is not a .py, .ipynb or .md snippet"


def test_random_hits_are_unique():
    """One file, one snippet: an index id and a (query, rank) position are taken once per family."""
    seen = {}
    for snippet in _random_snippets():
        for key in (("id", snippet.family, snippet.header["provenance"].split(" [")[0].split(" lines ")[0]),
                    ("hit", snippet.family, snippet.header["query"], snippet.header["rank"])):
            assert key not in seen, f"{snippet.path} and {seen[key]} are the same hit ({key})"
            seen[key] = snippet.path


def _log_lines():
    lines = []
    if os.path.isdir(RANDOM_LOGS):
        for name in sorted(os.listdir(RANDOM_LOGS)):
            with open(os.path.join(RANDOM_LOGS, name), encoding="utf-8") as f:
                lines += f.read().splitlines()
    return lines


def test_every_random_snippet_is_in_a_sampling_log():
    lines = _log_lines()
    for snippet in _random_snippets():
        name = os.path.basename(snippet.path)
        index_id = re.search(r"search index id (\d+)", snippet.header["provenance"])
        assert index_id, f"{snippet.path}: a random-sample snippet comes from the index (search index id N)"
        assert any(name in line and index_id.group(1) in line for line in lines), (
            f"{snippet.path}: no line of docs/labelled-random-log/ names it with index id {index_id.group(1)}")


# --- the reported-bug set is valid ---------------------------------------------------------------------

def _reported_snippets():
    return labelled.snippets(set_name="reported")


@pytest.mark.parametrize("snippet", _reported_snippets(), ids=lambda s: s.path)
def test_reported_snippet_is_well_formed(snippet):
    assert snippet.problems == [], f"tests/labelled_reported/{snippet.path}: " + "; ".join(snippet.problems)


def test_every_file_in_the_reported_set_is_a_snippet():
    for family in os.listdir(labelled.LABELLED_REPORTED):
        folder = os.path.join(labelled.LABELLED_REPORTED, family)
        assert os.path.isdir(folder) and family in REPORTED_FAMILIES, f"unknown reported-set family folder {family}"
        for name in os.listdir(folder):
            assert name.endswith(".py"), f"{family}/{name} is not a .py snippet"


def test_every_reported_snippet_is_in_the_log_beside_its_thread():
    """One thread, one snippet, named in the log's line for that thread."""
    with open(REPORTED_LOG, encoding="utf-8") as f:
        lines = f.read().splitlines()
    threads = {}
    for snippet in _reported_snippets():
        thread = snippet.header["thread"]
        assert thread not in threads, f"{snippet.path} and {threads[thread]} come from the same thread"
        threads[thread] = snippet.path
        name = os.path.basename(snippet.path)
        assert any(name in line and thread in line for line in lines), (
            f"{snippet.path}: no line of docs/labelled-random-log/reported.md names it beside {thread}")


@pytest.fixture(scope="module")
def scored_reported():
    return labelled.score(list(REPORTED_FAMILIES), set_name="reported")


@pytest.mark.parametrize("family", REPORTED_FAMILIES)
def test_reported_set_floors(scored_reported, family):
    _, totals = scored_reported
    t = totals[family]
    recall_floor, precision_floor = REPORTED_FLOORS[family]
    assert (t.recall or 0.0) >= recall_floor, f"{family}: recall {t.recall} fell below {recall_floor}"
    if precision_floor is None:
        assert t.fp == 0, f"{family}: {t.fp} false alarms on the reported set, which had none"
    else:
        assert t.precision is not None and t.precision >= precision_floor, (
            f"{family}: precision {t.precision} fell below {precision_floor}")


# --- today's numbers do not regress -----------------------------------------------------------------

@pytest.mark.parametrize("family", sorted(FLOORS))
def test_recall_and_precision_floors(scored, family):
    _, totals = scored
    recall_floor, precision_floor = FLOORS[family]
    t = totals[family]
    assert (t.recall or 0.0) >= recall_floor, f"{family}: recall {t.recall} fell below {recall_floor}"
    if t.precision is not None:
        assert t.precision >= precision_floor, f"{family}: precision {t.precision} fell below {precision_floor}"


@pytest.mark.parametrize("family", RANDOM_FAMILIES)
def test_random_sample_floors(scored_random, family):
    _, totals = scored_random
    t = totals.get(family)
    if t is None:
        pytest.skip(f"{family}: no snippet in tests/labelled_random/{family} yet")
    if family not in RANDOM_FLOORS:
        pytest.skip(f"{family}: {t.positives} positives, {t.negatives} negatives, no floor measured yet")
    recall_floor, precision_floor = RANDOM_FLOORS[family]
    minimum = RANDOM_MINIMUM_POSITIVES.get(family, 0)
    assert t.positives >= minimum, f"{family}: {t.positives} positives, fewer than the {minimum} sampled"
    assert (t.recall or 0.0) >= recall_floor, f"{family}: recall {t.recall} fell below {recall_floor}"
    if precision_floor is None:
        assert t.fp == 0, f"{family}: {t.fp} false alarms on the random sample, which had none"
    elif t.precision is not None:
        assert t.precision >= precision_floor, f"{family}: precision {t.precision} fell below {precision_floor}"


# --- the scorer's mechanics -------------------------------------------------------------------------

LATE_OFFLINE = """import os
import transformers
os.environ["HF_HUB_OFFLINE"] = "1"{expect}
"""


def _write(folder, name, header, body):
    path = folder / name
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.fixture
def tiny_set(tmp_path, monkeypatch):
    env = tmp_path / "env"
    env.mkdir()
    monkeypatch.setattr(labelled, "LABELLED", str(tmp_path))
    return env


def _header(label, note="n"):
    return f"# provenance: owner/repo path/file.py search index id 1\n# label: {label}\n# note: {note}\n"


def test_scorer_counts_true_positives_misses_and_false_alarms(tiny_set):
    _write(tiny_set, "tp.py", _header("positive"), LATE_OFFLINE.format(expect="  # expect: TFL602"))
    # The same code labelled a negative: tf-lint's finding is a false alarm.
    _write(tiny_set, "fp.py", _header("negative"), LATE_OFFLINE.format(expect=""))
    # An expectation on a line tf-lint does not report: a miss (and the real finding, a false alarm).
    _write(tiny_set, "fn.py", _header("positive"),
           "import os  # expect: TFL601\nimport transformers\nos.environ['HF_HUB_OFFLINE'] = '1'\n")
    results, totals = labelled.score(["env"])
    by_name = {os.path.basename(r.snippet.path): r for r in results}
    assert by_name["tp.py"].tp == {(None, 6, "TFL602")} and not by_name["tp.py"].fp
    assert by_name["fp.py"].fp == {(None, 6, "TFL602")} and not by_name["fp.py"].tp
    assert by_name["fn.py"].fn == {(None, 4, "TFL601")} and by_name["fn.py"].fp == {(None, 6, "TFL602")}
    t = totals["env"]
    assert (t.positives, t.negatives, t.tp, t.fn, t.fp) == (2, 1, 1, 1, 2)
    assert t.recall == 0.5 and t.precision == pytest.approx(1 / 3)
    assert totals["overall"].tp == 1


def test_other_families_codes_are_not_counted(tiny_set, tmp_path):
    padding = tmp_path / "padding"
    padding.mkdir()
    # A TFL602 finding in a padding snippet is outside the family: neither a false alarm nor a hit.
    _write(padding, "other.py", _header("negative"), LATE_OFFLINE.format(expect=""))
    results, totals = labelled.score(["padding"])
    assert totals["padding"].fp == 0
    assert [code for _, _, code, _ in results[0].all_found] == ["TFL602"]


def test_target_header_sets_the_version(tiny_set):
    # transformers 4.x pipelines know "summarization"; 5.x removed it (TFL304).
    body = 'from transformers import pipeline\npipe = pipeline("summarization", model="t5-small")\n'
    _write(tiny_set, "old.py", _header("negative") + "# target: 4.57\n", body)
    _write(tiny_set, "new.py", _header("negative"), body)
    results, _ = labelled.score(["env"])
    codes = {os.path.basename(r.snippet.path): [c for _, _, c, _ in r.all_found] for r in results}
    assert "TFL304" not in codes["old.py"] and "TFL304" in codes["new.py"]


def test_device_memory_header_is_applied(tiny_set, monkeypatch):
    seen = []
    from tf_lint import config

    original = config.Settings

    def spy(**kwargs):
        seen.append(kwargs.get("device_memory_gib"))
        return original(**kwargs)

    monkeypatch.setattr(config, "Settings", spy)
    _write(tiny_set, "mem.py", _header("negative") + "# device-memory: 24GiB\n", "x = 1\n")
    labelled.score(["env"])
    assert seen == [24.0]


@pytest.mark.parametrize("header, body, problem", [
    ("# label: positive\n# note: n\n", "x = 1  # expect: TFL601\n", "no `# provenance:` header"),
    (_header("maybe"), "x = 1\n", "neither positive nor negative"),
    (_header("positive"), "x = 1\n", "a positive with no `# expect:` comment"),
    (_header("negative"), "x = 1  # expect: TFL601\n", "a negative with `# expect:` comments"),
    (_header("positive"), "x = 1  # expect: TFL101\n", "outside the family's codes"),
    ("# provenance: somewhere\n# label: negative\n# note: n\n", "x = 1\n", "is not `owner/repo path"),
    (_header("negative") + "# target: five\n", "x = 1\n", "is not a version"),
    (_header("negative") + "# device-memory: lots\n", "x = 1\n", "device-memory"),
])
def test_malformed_snippets_are_reported(tiny_set, header, body, problem):
    _write(tiny_set, "bad.py", header, body)
    (snippet,) = labelled.snippets(["env"])
    assert any(problem in p for p in snippet.problems), snippet.problems
    # A malformed snippet is not scored, and the script says so and exits 2.
    assert labelled.score(["env"])[0] == []
    assert labelled.main(["--family", "env"]) == 2


def test_provenance_forms(tiny_set):
    for provenance in ("owner/repo a/b.py 0123456789abcdef0123456789abcdef01234567",
                       "owner/repo a/b.py 0123456789abcdef0123456789abcdef01234567 lines 3-9",
                       "search index id 42", "search index id 42 lines 1-5"):
        assert labelled.validate({"provenance": provenance, "label": "negative", "note": "n"}, set(),
                                 labelled.FAMILIES["env"]) == []


def test_headers_of_notebooks_and_markdown(tiny_set):
    import json

    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                           "source": [_header("positive"), "import os\n", "import transformers\n",
                                      'os.environ["HF_HUB_OFFLINE"] = "1"  # expect: TFL602\n']}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tiny_set / "nb.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (tiny_set / "doc.md").write_text("<!--\n" + _header("negative") + "-->\n```python\nx = 1\n```\n",
                                     encoding="utf-8")
    found = {os.path.basename(s.path): s for s in labelled.snippets(["env"])}
    assert found["nb.ipynb"].problems == [] and found["nb.ipynb"].expected == {(0, 6, "TFL602")}  # cell 0-based
    assert found["doc.md"].problems == [] and found["doc.md"].label == "negative"
    results, totals = labelled.score(["env"])
    assert totals["env"].tp == 1 and totals["env"].fp == 0


def test_script_prints_the_table(capsys):
    assert labelled.main(["--family", "env"]) == 0
    out = capsys.readouterr().out
    assert "| env |" in out and "| overall |" in out and "misses (" in out


@pytest.fixture
def tiny_random_set(tmp_path, monkeypatch):
    padding = tmp_path / "random" / "padding"
    padding.mkdir(parents=True)
    monkeypatch.setattr(labelled, "LABELLED_RANDOM", str(tmp_path / "random"))
    return padding


PADDED_NO_MASK = """from transformers import AutoTokenizer, AutoModel
tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
model = AutoModel.from_pretrained("bert-base-uncased")
enc = tokenizer(["a short text", "a much longer text than the first"], padding=True, return_tensors="pt")
out = model(enc["input_ids"]){expect}
"""


def _random_header(label, query="padding=True", rank="1"):
    return _header(label).replace("# provenance: owner/repo path/file.py search index id 1\n",
                                  "# provenance: search index id 7\n") + f"# query: {query}\n# rank: {rank}\n"


def test_random_set_is_scored_apart(tiny_random_set, tiny_set):
    _write(tiny_random_set, "tp.py", _random_header("positive"), PADDED_NO_MASK.format(expect="  # expect: TFL101"))
    _write(tiny_random_set, "fp.py", _random_header("negative", rank="2"), PADDED_NO_MASK.format(expect=""))
    results, totals = labelled.score(["padding"], set_name="random")
    by_name = {os.path.basename(r.snippet.path): r for r in results}
    assert by_name["tp.py"].tp == {(None, 10, "TFL101")}
    assert by_name["fp.py"].fp == {(None, 10, "TFL101")}
    t = totals["padding"]
    assert (t.positives, t.negatives, t.tp, t.fn, t.fp) == (1, 1, 1, 0, 1)
    # The curated set (tiny_set: an empty env folder) is not mixed in.
    assert labelled.score(["padding"])[0] == []
    assert labelled.main(["--set", "random", "--family", "padding"]) == 0


@pytest.mark.parametrize("header, problem", [
    (_header("negative").replace("search index id 1", "search index id 7") + "# rank: 1\n", "no `# query:` header"),
    (_header("negative").replace("search index id 1", "search index id 7") + "# query: padding=True\n",
     "no `# rank:` header"),
    (_random_header("negative", rank="first"), "is not a 1-based position"),
    (_random_header("negative", rank="0"), "is not a 1-based position"),
])
def test_random_snippets_need_query_and_rank(tiny_random_set, header, problem):
    _write(tiny_random_set, "bad.py", header, "x = 1\n")
    (snippet,) = labelled.snippets(["padding"], set_name="random")
    assert any(problem in p for p in snippet.problems), snippet.problems
    assert labelled.main(["--set", "random", "--family", "padding"]) == 2


@pytest.fixture
def tiny_reported_set(tmp_path, monkeypatch):
    added = tmp_path / "reported" / "added_tokens"
    added.mkdir(parents=True)
    monkeypatch.setattr(labelled, "LABELLED_REPORTED", str(tmp_path / "reported"))
    return added


THREAD = "https://github.com/owner/repo/issues/12"


@pytest.mark.parametrize("provenance, thread, problem", [
    (f"{THREAD} [the reporter's code block]", THREAD, None),
    ("owner/repo train.py " + "a" * 40, THREAD, None),
    (f"{THREAD} [the reporter's code block]", "", "no `# thread:` header"),
    (f"{THREAD} [the reporter's code block]", "https://github.com/owner/repo/issues/13", "other than the snippet's"),
    (THREAD, THREAD, "is not `owner/repo path"),  # a thread as provenance says which block
    ("search index id 7", "https://example.com/thread", "is not `https://github.com/owner/repo/issues|pull/N`"),
])
def test_reported_snippets_name_their_thread(tiny_reported_set, provenance, thread, problem):
    header = (f"# provenance: {provenance}\n" + (f"# thread: {thread}\n" if thread else "")
              + "# query: IndexError add_tokens\n# rank: 1\n# label: negative\n# note: a look-alike\n")
    _write(tiny_reported_set, "s.py", header, "x = 1\n")
    (snippet,) = labelled.snippets(["added_tokens"], set_name="reported")
    if problem is None:
        assert snippet.problems == []
    else:
        assert any(problem in p for p in snippet.problems), snippet.problems


def test_curated_snippets_need_no_query(tiny_set):
    _write(tiny_set, "ok.py", _header("negative"), "x = 1\n")
    (snippet,) = labelled.snippets(["env"])
    assert snippet.problems == []


def test_new_families_score_their_codes():
    assert labelled.FAMILIES["added_tokens"] == ("TFL701",) and labelled.FAMILIES["num_labels"] == ("TFL702",)
