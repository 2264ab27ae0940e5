"""``flake8 --select TFL`` (real flake8, in a subprocess) reports exactly what the CLI reports, at the same
row and column, on every fixture file. flake8 adds 1 to the column a plugin gives it; the plugin must not."""

import json
import os
import re
import subprocess
import sys
from collections import defaultdict

import pytest

from lint_samples import BAD_SAVE, FIXTURES, TF_TARGET

pytest.importorskip("flake8")

_FLAKE8_LINE = re.compile(r"^(?P<path>.+?):(?P<row>\d+):(?P<col>\d+): (?P<code>TFL\d{3}) ")


def fixture_paths():
    found = []
    for folder, _, names in sorted(os.walk(FIXTURES)):
        found.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(".py"))
    return found


def run_flake8(paths, cwd=None):
    """(row, col, code) per absolute path, from one run of real flake8."""
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "TFL", "--jobs", "1", *paths],
        capture_output=True, text=True, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    assert "TFL002" not in result.stdout and "Traceback" not in result.stderr, result.stdout + result.stderr
    found = defaultdict(set)
    for line in result.stdout.splitlines():
        match = _FLAKE8_LINE.match(line)
        assert match, f"unexpected flake8 output: {line!r}"
        path = os.path.abspath(os.path.join(cwd or ".", match.group("path")))
        found[path].add((int(match.group("row")), int(match.group("col")), match.group("code")))
    return found


def run_cli_json(path, capsys):
    """The CLI's findings, with the same settings as flake8 (both read [tool.tf-lint], nothing else)."""
    from tf_lint.cli import main

    capsys.readouterr()
    status = main([path, "--format", "json"])
    out, err = capsys.readouterr()
    assert status in (0, 1), err
    return {(r["location"]["row"], r["location"]["column"], r["code"]) for r in json.loads(out)}


def tf_project(tmp_path, table=""):
    """A project whose config targets transformers 4.x (the samples are TensorFlow code)."""
    (tmp_path / "pyproject.toml").write_text(f'[tool.tf-lint]\ntarget-transformers-version = "{TF_TARGET}"\n{table}')
    return tmp_path


@pytest.fixture(scope="module")
def flake8_findings():
    return run_flake8(fixture_paths())


@pytest.mark.parametrize("path", fixture_paths(), ids=lambda p: os.path.relpath(p, FIXTURES))
def test_flake8_matches_the_cli_on_every_fixture(path, flake8_findings, capsys):
    assert flake8_findings.get(path, set()) == run_cli_json(path, capsys)


def test_flake8_finds_something_in_every_bad_fixture(flake8_findings):
    bad = [p for p in fixture_paths() if os.path.basename(p).startswith("bad_") and not p.endswith(".fixed.py")]
    assert bad and all(flake8_findings.get(p) for p in bad)


def test_flake8_columns_are_1_based_like_the_cli(tmp_path, capsys):
    tf_project(tmp_path)
    # Indented and after non-ASCII text: a column off by one (or counted in bytes) shows here.
    text = BAD_SAVE.replace('model.save("out")', 'if True:\n    label = "größe"; model.save("out")')
    crlf = tmp_path / "crlf.py"
    crlf.write_bytes(BAD_SAVE.replace("\n", "\r\n").encode())
    bom = tmp_path / "bom.py"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    plain = tmp_path / "plain.py"
    plain.write_text(text, encoding="utf-8")
    found = run_flake8([str(plain), str(bom), str(crlf)])
    assert found[str(plain)] == {(5, 22, "TFL201")}
    for path in (plain, bom, crlf):
        assert found[str(path)] == run_cli_json(str(path), capsys)


def test_flake8_does_its_own_noqa(tmp_path):
    tf_project(tmp_path)
    path = tmp_path / "a.py"
    path.write_text(BAD_SAVE.replace('model.save("out")', 'model.save("out")  # noqa: TFL201'))
    assert run_flake8([str(path)]) == {}


def test_flake8_reads_tf_lint_config(tmp_path):
    tf_project(tmp_path, 'ignore = ["TFL201"]\n')
    (tmp_path / "a.py").write_text(BAD_SAVE)
    (tmp_path / "sub").mkdir()
    tf_project(tmp_path / "sub", 'select = ["TFL"]\n')
    (tmp_path / "sub" / "b.py").write_text(BAD_SAVE)
    found = run_flake8([str(tmp_path / "a.py"), str(tmp_path / "sub" / "b.py")])
    assert dict(found) == {str(tmp_path / "sub" / "b.py"): {(4, 1, "TFL201")}}
