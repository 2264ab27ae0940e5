"""The labelled set of real snippets (issue 15): the scorer's mechanics, the set's validity, and floors
under today's recall and precision per family so that a regression fails.

The set and the scorer are described in docs/labelled-set.md; ``python bench/labelled.py`` prints the
table and the misses.
"""

import os
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


@pytest.fixture(scope="module")
def scored():
    return labelled.score()


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


# --- today's numbers do not regress -----------------------------------------------------------------

@pytest.mark.parametrize("family", sorted(FLOORS))
def test_recall_and_precision_floors(scored, family):
    _, totals = scored
    recall_floor, precision_floor = FLOORS[family]
    t = totals[family]
    assert (t.recall or 0.0) >= recall_floor, f"{family}: recall {t.recall} fell below {recall_floor}"
    if t.precision is not None:
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
