"""Suppressions: ``# noqa``, ``# noqa: CODES``, multi-line statements, file-level, ``--add-noqa``."""

import pytest

from lint_samples import BAD_SAVE, TF_TARGET
from tf_lint.config import Settings
from tf_lint.engine import Linter
from tf_lint.noqa import add_noqa, parse_suppressions
from tf_lint.sources import Document

HEADER = 'from transformers import TFAutoModel\n\nmodel = TFAutoModel.from_pretrained("bert-base-uncased")\n'


def findings(text):
    linter = Linter(Settings(target_transformers_version=TF_TARGET))
    return [(d.start.row, d.code) for d in linter.check_document(Document(text, "t.py"))]


def test_unsuppressed_finding_is_reported():
    assert findings(BAD_SAVE) == [(4, "TFL201")]


@pytest.mark.parametrize("comment", [
    "# noqa",
    "#noqa",
    "# NOQA",
    "# noqa: TFL201",
    "# noqa:TFL201",
    "# noqa: tfl201",
    "# noqa:TFL201,TFL101",
    "# noqa: TFL101, TFL201",
    "# noqa: TFL101 TFL201",
    "# noqa: TFL2",
    "# type: ignore  # noqa: TFL201",
])
def test_noqa_comment_suppresses(comment):
    assert findings(HEADER + f'model.save("out")  {comment}\n') == []


@pytest.mark.parametrize("comment", [
    "# noqa: TFL101",
    "# noqa:TFL101,TFL202",
    "# noqa: E501",
    "# no qa",
    "# TODO: noqa later",
])
def test_noqa_for_other_codes_does_not_suppress(comment):
    assert findings(HEADER + f'model.save("out")  {comment}\n') == [(4, "TFL201")]


def test_noqa_on_another_statement_does_not_suppress():
    text = HEADER + 'model.save("out")\nx = 1  # noqa\n'
    assert findings(text) == [(4, "TFL201")]


@pytest.mark.parametrize("noqa_row", [0, 1, 2, 3])
def test_noqa_on_any_line_of_a_multi_line_statement(noqa_row):
    lines = ["model.save(", '    "out",', "    # a comment line inside the call", ")"]
    lines[noqa_row] += "  # noqa: TFL201"
    text = HEADER + "\n".join(lines) + "\n"
    assert findings(text) == []


def test_noqa_on_the_line_after_a_multi_line_statement_does_not_count():
    text = HEADER + 'model.save(\n    "out",\n)\ny = 2  # noqa\n'
    assert findings(text) == [(4, "TFL201")]


def test_noqa_on_the_header_of_an_enclosing_block_does_not_count():
    text = HEADER + 'if True:  # noqa\n    model.save("out")\n'
    assert findings(text) == [(5, "TFL201")]


def test_noqa_inside_a_string_does_not_count():
    text = HEADER + 'model.save("out  # noqa")\n'
    assert findings(text) == [(4, "TFL201")]
    text = HEADER + 'model.save("""out\n# noqa\n""")\n'
    assert findings(text) == [(4, "TFL201")]


@pytest.mark.parametrize("line", ["# tf-lint: noqa", "#tf-lint:noqa", "# TF-LINT: NOQA", "# tf-lint: noqa: TFL201",
                                  "# tf-lint: noqa: TFL2"])
def test_file_level_noqa(line):
    assert findings(line + "\n" + BAD_SAVE) == []
    assert findings(BAD_SAVE + line + "\n") == []


def test_file_level_noqa_for_another_code_does_not_suppress():
    assert findings("# tf-lint: noqa: TFL101\n" + BAD_SAVE) == [(5, "TFL201")]


def test_file_level_noqa_inside_a_string_does_not_count():
    assert findings('"""\n# tf-lint: noqa\n"""\n' + BAD_SAVE) == [(7, "TFL201")]


def test_parse_suppressions_rows_and_codes():
    parsed = parse_suppressions("a = 1  # noqa\nb = 2  # noqa: TFL101,TFL2\nc = '# noqa'\n")
    assert parsed.by_row == {1: None, 2: frozenset({"TFL101", "TFL2"})}
    assert not parsed.file_all


def test_noqa_applies_to_syntax_errors():
    assert findings("def broken(:\n") == [(1, "TFL001")]
    assert findings("def broken(:  # noqa: TFL001\n") == []


# --- --add-noqa -----------------------------------------------------------------------------------

def test_add_noqa_helper_adds_and_merges():
    text = "a = 1\nb = 2  # noqa: E501\nc = 3  # a comment\nd = 4  # noqa\n"
    new, count = add_noqa(text, {1: ["TFL201"], 2: ["TFL201"], 3: ["TFL201", "TFL101"], 4: ["TFL201"]})
    assert new == ("a = 1  # noqa: TFL201\nb = 2  # noqa: E501, TFL201\n"
                   "c = 3  # a comment  # noqa: TFL101, TFL201\nd = 4  # noqa\n")
    assert count == 3


def test_add_noqa_helper_keeps_crlf():
    new, count = add_noqa("a = 1\r\nb = 2\r\n", {1: ["TFL201"]})
    assert new == "a = 1  # noqa: TFL201\r\nb = 2\r\n" and count == 1


def test_add_noqa_cli_silences_findings_and_a_rerun_is_clean(tmp_path, tf_lint):
    path = tmp_path / "train.py"
    path.write_text(HEADER + 'model.save("a")\nmodel.save("b")  # noqa: E501\nmodel.save(\n    "c",\n)\n'
                    'if model.save("d"):\n    pass\n')
    assert tf_lint(str(path), "--format", "concise")[0] == 1
    status, _, err = tf_lint(str(path), "--add-noqa")
    assert status == 0 and "Added 4 noqa directives" in err
    assert path.read_text() == (
        HEADER + 'model.save("a")  # noqa: TFL201\nmodel.save("b")  # noqa: E501, TFL201\n'
        'model.save(\n    "c",\n)  # noqa: TFL201\nif model.save("d"):  # noqa: TFL201\n    pass\n')
    assert tf_lint(str(path))[0] == 0
    status, _, err = tf_lint(str(path), "--add-noqa")
    assert status == 0 and "Added 0 noqa directives" in err


def test_add_noqa_keeps_crlf_newlines(tmp_path, tf_lint):
    path = tmp_path / "train.py"
    path.write_bytes(BAD_SAVE.replace("\n", "\r\n").encode())
    tf_lint(str(path), "--add-noqa")
    assert path.read_bytes() == BAD_SAVE.replace('"out")\n', '"out")  # noqa: TFL201\n').replace(
        "\n", "\r\n").encode()
    assert tf_lint(str(path))[0] == 0


def test_words_after_the_codes_are_not_codes():
    from tf_lint.noqa import parse_suppressions

    found = parse_suppressions("x = 1  # noqa: TFL201 TF only\n")
    assert found.suppresses("TFL201", [1]) and not found.suppresses("TFL101", [1])
