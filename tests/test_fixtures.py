"""Every fixture: the exact findings of bad files, silence on good files, and the fixed text."""

import os

import pytest

from fixture_files import ALL_FORMATS, FIXTURES, expected_in_file, fixed_path, fixture_files
from tf_lint.config import ConfigResolver
from tf_lint.engine import Linter
from tf_lint.registry import all_rules
from tf_lint.sources import read_source


def _lint(path, fix=False):
    with open(path, "rb") as f:
        data = f.read()
    # A fixture folder may carry a pyproject.toml (e.g. the transformers version its programs target).
    settings = ConfigResolver().for_path(path)
    return Linter(settings, fix=fix, unsafe_fixes=True).process_source(read_source(path, data))


@pytest.mark.parametrize("name", fixture_files("bad", ALL_FORMATS))
def test_bad_fixture_findings(name):
    path = os.path.join(FIXTURES, name)
    expected = expected_in_file(path)
    assert expected, f"{name} marks no expected finding"
    found = {(d.cell, d.start.row, d.code) for d in _lint(path).diagnostics}
    assert found == expected


@pytest.mark.parametrize("name", fixture_files("good", ALL_FORMATS))
def test_good_fixture_is_clean(name):
    found = [(d.cell, d.start.row, d.code, d.message) for d in _lint(os.path.join(FIXTURES, name)).diagnostics]
    assert found == []


@pytest.mark.parametrize("name", fixture_files("bad", ALL_FORMATS))
def test_bad_fixture_fix(name):
    path = os.path.join(FIXTURES, name)
    fixed = fixed_path(path)
    assert os.path.exists(fixed), f"{name} has no fixed version (copy it unchanged if the rule has no fix)"
    with open(fixed, "rb") as f:
        expected = f.read()
    result = _lint(path, fix=True)
    with open(path, "rb") as f:
        original = f.read()
    assert (result.new_content or original) == expected
    # Fixing the fixed text changes nothing.
    again = _lint(fixed, fix=True)
    assert again.new_content is None


def test_every_rule_has_fixtures_and_docs():
    for rule in all_rules():
        sections = rule.doc_sections()
        for section in ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety"):
            assert sections.get(section), f"{rule.code} docs lack '{section}'"
        if rule.node_types:  # a real rule, not an engine finding
            folder = os.path.join(FIXTURES, rule.code)
            names = os.listdir(folder)
            assert sum(n.startswith("bad_") and ".fixed." not in n for n in names) >= 4, rule.code
            assert sum(n.startswith("good_") for n in names) >= 4, rule.code
