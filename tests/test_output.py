"""Every output format: text (plain when piped, colour and code frame on a terminal), concise, JSON in
ruff's schema, SARIF 2.1.0 validated against the official schema, GitHub annotations, --statistics."""

import json
import os
import re
import subprocess
import sys

import pytest

from lint_samples import BAD_SAVE, ROOT, TF_TARGET

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "sarif-schema-2.1.0.json")
UNSAFE = (  # the save's path is loaded back with Keras: TFL201's fix is unsafe here
    "import tensorflow as tf\n"
    "from transformers import TFAutoModel\n"
    "\n"
    'model = TFAutoModel.from_pretrained("bert-base-uncased")\n'
    'model.save("out")\n'
    "serve = lambda path: tf.keras.models.load_model(path)\n"  # may read "out": not provably (no TFL202)
)
NON_ASCII = BAD_SAVE.replace('model.save("out")', 'label = "größe"; model.save("out")')
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Three files: a safe fix, an unsafe fix, a non-ASCII line; cwd is the project."""
    (tmp_path / "a.py").write_text(BAD_SAVE)
    (tmp_path / "b.py").write_text(UNSAFE)
    (tmp_path / "c.py").write_text(NON_ASCII, encoding="utf-8")
    (tmp_path / "clean.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- text ---------------------------------------------------------------------------------------

def test_text_lines_and_summary(project, tf_lint):
    status, out, _ = tf_lint(".")
    assert status == 1
    lines = out.splitlines()
    assert re.fullmatch(r"a\.py:4:1: TFL201 \[\*\] `\.save\(\)` on a TensorFlow Transformers model \(TFAutoModel\).*",
                        lines[0])
    assert re.fullmatch(r"b\.py:5:1: TFL201 `\.save\(\)` .*", lines[1])  # no [*]: the fix is unsafe
    assert re.fullmatch(r"c\.py:4:18: TFL201 \[\*\] .*", lines[2])  # columns count characters
    assert lines[3:] == ["Found 3 errors (2 fixable with --fix).",
                         "1 hidden fixes can be enabled with the `--unsafe-fixes` option."]


def test_text_is_plain_when_piped(project, tf_lint):
    _, out, _ = tf_lint("a.py")
    assert not ANSI.search(out)
    assert " | " not in out and "^" not in out


def test_summary_when_clean_and_after_fixing(project, tf_lint):
    assert tf_lint("clean.py") == (0, "All checks passed!\n", "")
    status, out, _ = tf_lint("a.py", "--fix")
    assert status == 0 and out == "Found 1 error (1 fixed, 0 remaining).\n"


def test_summary_with_unsafe_fixes(project, tf_lint):
    status, out, _ = tf_lint("b.py", "--unsafe-fixes")
    assert status == 1
    assert out.splitlines()[-1] == "Found 1 error (1 fixable with --fix)."
    assert "[*]" in out


def test_color_always_colours_the_output(project, tf_lint):
    _, out, _ = tf_lint("a.py", "--color", "always")
    assert ANSI.search(out)
    assert ANSI.sub("", out).splitlines()[0].startswith("a.py:4:1: TFL201 [*] ")


def test_color_never_and_concise(project, tf_lint):
    _, out, _ = tf_lint("a.py", "--color", "never", "--format", "concise")
    assert not ANSI.search(out)
    assert out.splitlines()[0].startswith("a.py:4:1: TFL201 ")


def _run_on_a_terminal(args, cwd):
    """Run tf-lint with stdout on a pseudo-terminal and return what it printed there."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = ROOT
    args = [*args, "--target-transformers-version", TF_TARGET]
    proc = subprocess.Popen([sys.executable, "-m", "tf_lint", *args], cwd=cwd, stdout=slave,
                            stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    proc.wait(timeout=60)
    return proc.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_terminal_gets_colour_and_a_code_frame(project):
    status, out = _run_on_a_terminal(["a.py", "c.py"], project)
    assert status == 1
    assert ANSI.search(out)
    plain = ANSI.sub("", out)
    assert "4 | model.save(\"out\")\n" in plain
    assert "  | ^^^^^^^^^^^^^^^^^\n" in plain  # under the whole call
    # c.py: the caret is under the call, counted in characters, not UTF-8 bytes.
    assert '4 | label = "größe"; model.save("out")\n' in plain
    assert "  | " + " " * 17 + "^" * 17 + "\n" in plain
    assert "Found 2 errors" in plain


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_terminal_quiet_has_no_frame_and_no_summary(project):
    status, out = _run_on_a_terminal(["a.py", "--quiet", "--color", "never"], project)
    assert status == 1
    assert out.startswith("a.py:4:1: TFL201") and " | " not in out and "Found" not in out


# --- JSON ---------------------------------------------------------------------------------------

RUFF_FIELDS = {"cell", "code", "end_location", "filename", "fix", "location", "message", "noqa_row", "url"}


def test_json_has_every_ruff_field_with_1_based_positions(project, tf_lint):
    status, out, _ = tf_lint(".", "--format", "json")
    assert status == 1
    records = json.loads(out)
    assert [set(r) for r in records] == [RUFF_FIELDS] * 3
    a, b, c = records
    assert a["code"] == "TFL201" and a["cell"] is None
    assert a["filename"] == str(project / "a.py")
    assert os.path.isabs(a["filename"])
    assert a["location"] == {"row": 4, "column": 1}
    assert a["end_location"] == {"row": 4, "column": 18}
    assert a["noqa_row"] == 4
    assert a["url"].endswith("TFL201.md")
    assert a["message"].startswith("`.save()` on a TensorFlow Transformers model")
    assert a["fix"] == {
        "applicability": "safe",
        "message": "Use `save_pretrained`",
        "edits": [{"content": "save_pretrained", "location": {"row": 4, "column": 7},
                   "end_location": {"row": 4, "column": 11}}],
    }
    assert b["location"] == {"row": 5, "column": 1} and b["fix"]["applicability"] == "unsafe"
    assert c["location"] == {"row": 4, "column": 18} and c["end_location"] == {"row": 4, "column": 35}
    assert c["fix"]["edits"][0]["location"] == {"row": 4, "column": 24}


def test_json_edit_positions_select_the_text_to_replace(project, tf_lint):
    _, out, _ = tf_lint("c.py", "--format", "json")
    (record,) = json.loads(out)
    edit = record["fix"]["edits"][0]
    line = NON_ASCII.splitlines()[edit["location"]["row"] - 1]
    assert line[edit["location"]["column"] - 1: edit["end_location"]["column"] - 1] == "save"


def test_json_without_fix_and_when_clean(project, tf_lint):
    (project / "h5.py").write_text(BAD_SAVE.replace('"out"', '"weights.h5"'))
    status, out, _ = tf_lint("h5.py", "--format", "json")
    assert status == 1 and json.loads(out)[0]["fix"] is None
    assert tf_lint("clean.py", "--format", "json") == (0, "[]\n", "")


def test_json_for_a_multi_line_statement(project, tf_lint):
    (project / "m.py").write_text(BAD_SAVE.replace('model.save("out")', 'model.save(\n    "out",\n)'))
    _, out, _ = tf_lint("m.py", "--format", "json")
    (record,) = json.loads(out)
    assert record["location"] == {"row": 4, "column": 1}
    assert record["end_location"] == {"row": 6, "column": 2}
    assert record["noqa_row"] == 6


# --- SARIF --------------------------------------------------------------------------------------

def _sarif(tf_lint, *args):
    status, out, _ = tf_lint(*args, "--format", "sarif")
    return status, json.loads(out)


def _validate(document):
    jsonschema = pytest.importorskip("jsonschema")
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(document)


def test_sarif_validates_against_the_official_schema(project, tf_lint):
    status, sarif = _sarif(tf_lint, ".")
    assert status == 1
    _validate(sarif)
    assert sarif["version"] == "2.1.0"


def test_sarif_validates_when_clean_and_with_absolute_paths(project, tf_lint):
    status, sarif = _sarif(tf_lint, "clean.py")
    assert status == 0 and sarif["runs"][0]["results"] == []
    _validate(sarif)
    status, sarif = _sarif(tf_lint, str(project.parent.parent / "nonexistent-dir-for-abs"), str(project / "a.py"))
    _validate(sarif)


def test_sarif_schema_catches_a_broken_document():
    jsonschema = pytest.importorskip("jsonschema")
    with pytest.raises(jsonschema.ValidationError):
        _validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})  # driver needs a name


def test_sarif_rules_and_results(project, tf_lint):
    from tf_lint.registry import all_rules

    _, sarif = _sarif(tf_lint, "a.py", "c.py")
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "tf-lint"
    assert [r["id"] for r in driver["rules"]] == [r.code for r in all_rules()]
    rule = next(r for r in driver["rules"] if r["id"] == "TFL201")
    assert rule["name"] == "tf-model-save"
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    assert rule["helpUri"].startswith("https://") and rule["help"]["text"]
    first, second = run["results"]
    assert first["ruleId"] == "TFL201" and driver["rules"][first["ruleIndex"]]["id"] == "TFL201"
    assert first["level"] in ("error", "warning", "note")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "a.py"
    assert location["region"] == {"startLine": 4, "startColumn": 1, "endLine": 4, "endColumn": 18}
    assert second["locations"][0]["physicalLocation"]["region"]["startColumn"] == 18


# --- GitHub -------------------------------------------------------------------------------------

def test_github_annotations(project, tf_lint):
    status, out, _ = tf_lint("a.py", "c.py", "--format", "github")
    assert status == 1
    lines = out.splitlines()
    assert len(lines) == 2
    for line, name, col in zip(lines, ("a.py", "c.py"), (1, 18)):
        match = re.fullmatch(r"::error (?P<props>[^:]*)::(?P<message>.*)", line)
        assert match, line
        props = dict(p.split("=", 1) for p in match.group("props").split(","))
        assert props["file"] == name and props["line"] == "4" and props["col"] == str(col)
        assert props["endLine"] == "4"
        assert "TFL201" in match.group("message")


def test_github_escapes_newlines_and_percent_signs():
    from tf_lint.diagnostics import Diagnostic, Position
    from tf_lint.output import write_github
    import io

    out = io.StringIO()
    diag = Diagnostic("TFL201", "100% wrong\nsecond line", Position(1, 1), Position(1, 2), path="a,b:c.py")
    write_github([diag], out)
    assert out.getvalue() == ("::error title=tf-lint (TFL201),file=a%2Cb%3Ac.py,line=1,col=1,endLine=1,"
                              "endColumn=2::TFL201 100%25 wrong%0Asecond line\n")


# --- statistics ---------------------------------------------------------------------------------

def test_statistics(project, tf_lint):
    (project / "d.py").write_text(BAD_SAVE + "def broken(:\n")
    (project / "e.py").write_text("def broken(:\n")
    status, out, _ = tf_lint(".", "--statistics")
    assert status == 1
    rows = [line.split() for line in out.splitlines()]
    assert rows == [["3", "TFL201", "[*]", "tf-model-save"], ["2", "TFL001", "[", "]", "syntax-error"]]


def test_statistics_when_clean(project, tf_lint):
    assert tf_lint("clean.py", "--statistics") == (0, "", "")


def test_sarif_uris_are_percent_encoded(project, tf_lint, monkeypatch):
    from urllib.parse import unquote, urlsplit

    (project / "my dir#1").mkdir()
    (project / "my dir#1" / "a 100%.py").write_text(BAD_SAVE)
    _, sarif = _sarif(tf_lint, "my dir#1")
    _validate(sarif)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert " " not in uri and "#" not in uri and unquote(uri) == "my dir#1/a 100%.py"
    _, sarif = _sarif(tf_lint, str(project / "my dir#1" / "a 100%.py"))
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20dir%231/a%20100%25.py"
    (project / "elsewhere").mkdir()
    monkeypatch.chdir(project / "elsewhere")  # the file is not below the working directory: a file URI
    _, sarif = _sarif(tf_lint, str(project / "my dir#1" / "a 100%.py"))
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert urlsplit(uri).scheme == "file" and unquote(urlsplit(uri).path) == str(project / "my dir#1" / "a 100%.py")
