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


def _docs(*args, cwd=ROOT):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "tf_lint.docs", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def _copy_of_the_docs(tmp_path):
    import shutil

    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(os.path.join(ROOT, "README.md"), tmp_path / "README.md")
    shutil.copytree(os.path.join(ROOT, "docs", "rules"), tmp_path / "docs" / "rules")
    return tmp_path


def _tree(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_docs_check_passes_on_current_docs_and_writes_nothing(tmp_path):
    root = _copy_of_the_docs(tmp_path)
    before = _tree(root)
    done = _docs("--check", str(root))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "" and _tree(root) == before


def test_docs_check_lists_what_is_out_of_date_and_writes_nothing(tmp_path):
    root = _copy_of_the_docs(tmp_path / "repo")
    readme = (root / "README.md").read_text(encoding="utf-8")
    (root / "README.md").write_text(readme.replace("| [TFL101]", "| [TFL101] stale"), encoding="utf-8")
    (root / "docs" / "rules" / "TFL201.md").write_text("old\n", encoding="utf-8")
    (root / "docs" / "rules" / "TFL301.md").unlink()
    (root / "docs" / "rules" / "TFL999.md").write_text("# a rule that is gone\n", encoding="utf-8")
    before = _tree(root)
    done = _docs("--check", str(root))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "out of date: README.md", "out of date: docs/rules/TFL201.md",
        "out of date: docs/rules/TFL301.md (missing)", "out of date: docs/rules/TFL999.md (no such rule: remove it)"]
    assert _tree(root) == before
    # Without --check, the same files are brought up to date, and then the check passes.
    done = _docs(str(root))
    assert done.returncode == 0 and "updated README.md" in done.stdout, done.stderr
    assert _tree(root) == _tree(_copy_of_the_docs(tmp_path / "fresh"))
    assert _docs("--check", str(root)).returncode == 0


def test_docs_script_rejects_an_unknown_flag(tmp_path):
    done = _docs("--chek", cwd=str(tmp_path))
    assert done.returncode == 2 and "unrecognized arguments: --chek" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_no_path_in_the_repository_is_named_like_a_flag():
    """`python -m tf_lint.docs --check` once took the flag for its output folder and `--check/` was committed."""
    skip = {".git", ".venv", ".nox", ".tf_lint_cache", "node_modules", "__pycache__"}
    flags = []
    for directory, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d not in skip]
        flags += [os.path.join(directory, n) for n in dirnames + filenames if n.startswith("-")]
    assert flags == []
