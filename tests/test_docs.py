"""The README's rule table and docs/rules/ are rendered from the registry and must stay equal to it."""

import os

from tf_lint.docs import TABLE_END, TABLE_START, rule_markdown, rules_table
from tf_lint.registry import all_rules

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_readme_rule_table_matches_registry():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    table = readme.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0].strip()
    assert table == rules_table(), "run `python -m tf_lint.docs` to refresh the README"


def test_rule_pages_match_registry():
    for rule in all_rules():
        with open(os.path.join(ROOT, "docs", "rules", f"{rule.code}.md"), encoding="utf-8") as f:
            assert f.read() == rule_markdown(rule), f"docs/rules/{rule.code}.md is stale: python -m tf_lint.docs"


def test_readme_commands_are_the_ones_ci_runs():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    with open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8") as f:
        ci = f.read()
    assert "<!-- test-command -->" in readme and "<!-- test-command -->" in ci
