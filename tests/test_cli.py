"""The ``tf-lint`` command: exit codes, --fix / --diff / --unsafe-fixes, encodings, engine errors."""

import ast
import os

import pytest

from lint_samples import BAD_SAVE, GOOD_SAVE, ROOT, TF_TARGET
from tf_lint.registry import RULES, Rule

UNSAFE = (
    "import tensorflow as tf\n"
    "from transformers import TFAutoModel\n"
    "\n"
    'model = TFAutoModel.from_pretrained("bert-base-uncased")\n'
    'model.save("out")\n'
    'tf.keras.models.load_model("out")\n'
)


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def make(name, content):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
        return path

    return make


# --- exit codes ---------------------------------------------------------------------------------

def test_exit_0_when_clean(files, tf_lint):
    files("good.py", GOOD_SAVE)
    assert tf_lint("good.py") == (0, "All checks passed!\n", "")


def test_exit_1_with_findings(files, tf_lint):
    files("bad.py", BAD_SAVE)
    status, out, _ = tf_lint("bad.py")
    assert status == 1 and "bad.py:4:1: TFL201" in out


def test_check_subcommand_is_the_default(files, tf_lint):
    files("bad.py", BAD_SAVE)
    assert tf_lint("check", "bad.py")[0] == 1


def test_default_path_is_the_current_directory(files, tf_lint):
    files("pkg/bad.py", BAD_SAVE)
    status, out, _ = tf_lint()
    assert status == 1 and os.path.join("pkg", "bad.py") + ":4:1" in out


def test_exit_zero(files, tf_lint):
    files("bad.py", BAD_SAVE)
    status, out, _ = tf_lint("bad.py", "--exit-zero")
    assert status == 0 and "TFL201" in out


def test_exit_2_on_usage_error(files, tf_lint):
    files("good.py", GOOD_SAVE)
    with pytest.raises(SystemExit) as exc:
        tf_lint("good.py", "--no-such-option")
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        tf_lint("good.py", "--format", "xml")
    assert exc.value.code == 2


def test_nonexistent_path_is_exit_2_and_other_files_are_checked(files, tf_lint):
    files("bad.py", BAD_SAVE)
    status, out, err = tf_lint("missing.py", "bad.py", "--format", "concise")
    assert status == 2
    assert "missing.py" in err and "no such file" in err
    assert "bad.py:4:1: TFL201" in out


def test_quiet_prints_findings_only(files, tf_lint):
    files("bad.py", BAD_SAVE)
    files("good.py", GOOD_SAVE)
    status, out, err = tf_lint("bad.py", "--quiet")
    assert status == 1 and out.startswith("bad.py:4:1: TFL201") and len(out.splitlines()) == 1
    assert tf_lint("good.py", "-q") == (0, "", "")


# --- --diff and --fix ---------------------------------------------------------------------------

def test_diff_prints_a_unified_diff_writes_nothing_and_exits_1(files, tf_lint):
    path = files("bad.py", BAD_SAVE)
    before = os.stat(path).st_mtime_ns
    status, out, err = tf_lint("bad.py", "--diff")
    assert status == 1
    assert out == ("--- a/bad.py\n+++ b/bad.py\n@@ -1,4 +1,4 @@\n from transformers import TFAutoModel\n \n"
                   ' model = TFAutoModel.from_pretrained("bert-base-uncased")\n-model.save("out")\n'
                   '+model.save_pretrained("out")\n')
    assert "Would fix 1 error in 1 file" in err
    assert path.read_text() == BAD_SAVE and os.stat(path).st_mtime_ns == before


def test_diff_exits_0_when_nothing_would_change(files, tf_lint):
    files("good.py", GOOD_SAVE)
    files("unsafe.py", UNSAFE)
    status, out, _ = tf_lint("good.py", "unsafe.py", "--diff")
    assert status == 0 and out == ""


def test_fix_writes_the_file_and_exits_0_when_all_fixed(files, tf_lint):
    path = files("bad.py", BAD_SAVE)
    status, out, _ = tf_lint("bad.py", "--fix")
    assert status == 0
    assert path.read_text() == GOOD_SAVE
    assert "1 fixed" in out


def test_fix_leaves_unfixable_findings_and_exits_1(files, tf_lint):
    path = files("h5.py", BAD_SAVE.replace('"out"', '"weights.h5"'))
    status, out, _ = tf_lint("h5.py", "--fix")
    assert status == 1 and "h5.py:4:1: TFL201" in out
    assert path.read_text() == BAD_SAVE.replace('"out"', '"weights.h5"')


def test_fix_skips_unsafe_fixes_and_unsafe_fixes_applies_them(files, tf_lint):
    path = files("unsafe.py", UNSAFE)
    status, _, _ = tf_lint("unsafe.py", "--fix")
    assert status == 1 and path.read_text() == UNSAFE
    status, _, _ = tf_lint("unsafe.py", "--fix", "--unsafe-fixes")
    assert status == 0
    # TFL201 renames the save; TFL202 then loads the save_pretrained directory the Transformers way.
    assert path.read_text() == UNSAFE.replace('model.save("out")', 'model.save_pretrained("out")').replace(
        'tf.keras.models.load_model("out")', 'TFAutoModel.from_pretrained("out")')


def test_diff_with_unsafe_fixes(files, tf_lint):
    files("unsafe.py", UNSAFE)
    status, out, _ = tf_lint("unsafe.py", "--diff", "--unsafe-fixes")
    assert status == 1 and '+model.save_pretrained("out")' in out


def test_fix_keeps_crlf_newlines(files, tf_lint):
    path = files("crlf.py", BAD_SAVE.replace("\n", "\r\n").encode())
    assert tf_lint("crlf.py", "--fix")[0] == 0
    assert path.read_bytes() == GOOD_SAVE.replace("\n", "\r\n").encode()


def test_fix_keeps_a_utf8_bom(files, tf_lint):
    text = "# -*- coding: utf-8 -*-\n" + BAD_SAVE.replace('"out"', '"größe"')
    path = files("bom.py", b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert tf_lint("bom.py", "--fix")[0] == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + text.replace(".save(", ".save_pretrained(").encode("utf-8")


def test_fix_keeps_the_encoding_named_by_the_cookie(files, tf_lint):
    text = "# -*- coding: latin-1 -*-\n" + BAD_SAVE.replace('"out"', '"modèle"')
    path = files("latin.py", text.encode("latin-1"))
    status, out, _ = tf_lint("latin.py", "--fix")
    assert status == 0
    assert path.read_bytes() == text.replace(".save(", ".save_pretrained(").encode("latin-1")


def test_fix_keeps_the_file_mode(files, tf_lint):
    path = files("run.py", "#!/usr/bin/env python\n" + BAD_SAVE)
    os.chmod(path, 0o751)
    tf_lint("run.py", "--fix")
    assert os.stat(path).st_mode & 0o777 == 0o751
    assert ".save_pretrained(" in path.read_text()


def test_fix_of_a_multi_line_call_keeps_its_layout(files, tf_lint):
    text = BAD_SAVE.replace('model.save("out")', 'model.save(\n    "out",  # where\n)')
    path = files("multi.py", text)
    assert tf_lint("multi.py", "--fix")[0] == 0
    assert path.read_text() == text.replace(".save(", ".save_pretrained(")


# --- engine errors ------------------------------------------------------------------------------

def test_a_file_that_does_not_parse_gives_tfl001_and_other_files_are_checked(files, tf_lint):
    files("broken.py", "def train(:\n    pass\n")
    files("bad.py", BAD_SAVE)
    status, out, _ = tf_lint("broken.py", "bad.py", "--format", "concise")
    assert status == 1
    lines = out.splitlines()
    assert lines[0].startswith("bad.py:4:1: TFL201")
    assert lines[1].startswith("broken.py:1:11: TFL001 cannot parse:")


def test_a_file_that_cannot_be_decoded_gives_tfl001(files, tf_lint):
    files("binary.py", b"x = '\xff\xfe'\n")
    status, out, _ = tf_lint("binary.py", "--format", "concise")
    assert status == 1 and "binary.py:1:1: TFL001" in out


def test_fix_is_not_attempted_on_a_file_that_does_not_parse(files, tf_lint):
    path = files("broken.py", BAD_SAVE + "def train(:\n")
    status, _, _ = tf_lint("broken.py", "--fix")
    assert status == 1 and path.read_text() == BAD_SAVE + "def train(:\n"


class _CrashOnCall(Rule):
    """## What it does
    Crashes (test only).

    ## Why is this bad?
    -

    ## Example
    -

    ## Use instead
    -

    ## Fix safety
    -
    """

    code = "TFL999"
    name = "test-crash"
    summary = "crashes"
    node_types = (ast.Call,)

    def visit(self, node):
        if getattr(node.func, "attr", None) == "explode":
            raise KeyError("boom")
        return ()


RULES.pop("TFL999")  # registered only while a test needs it (see the fixture)


@pytest.fixture
def crashing_rule():
    assert "TFL999" not in RULES
    RULES["TFL999"] = _CrashOnCall
    try:
        yield _CrashOnCall
    finally:
        del RULES["TFL999"]


def test_a_crashing_rule_gives_tfl002_and_exit_2(files, tf_lint, crashing_rule):
    files("a_crash.py", "thing.explode()\n")
    files("bad.py", BAD_SAVE)
    status, out, _ = tf_lint(".", "--format", "concise")
    assert status == 2
    lines = out.splitlines()
    assert lines[0].startswith("a_crash.py:1:1: TFL002 internal error in rule TFL999 (test-crash): KeyError: 'boom'")
    assert lines[1].startswith("bad.py:4:1: TFL201")


def test_the_crashing_rule_is_gone_after_the_test():
    assert "TFL999" not in RULES


def test_rules_lists_every_code(tf_lint):
    from tf_lint.registry import all_rules

    status, out, _ = tf_lint("rules")
    assert status == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [r.code for r in all_rules()]
    tfl201 = next(line for line in lines if line.startswith("TFL201"))
    assert "tf-model-save" in tfl201 and "[fix (sometimes)]" in tfl201


def test_rules_as_json(tf_lint):
    import json

    status, out, _ = tf_lint("rules", "--format", "json")
    entry = next(r for r in json.loads(out) if r["code"] == "TFL201")
    assert entry["name"] == "tf-model-save" and entry["fix"] == "sometimes" and entry["url"]


def test_rule_prints_the_documentation(tf_lint):
    status, out, _ = tf_lint("rule", "TFL201")
    assert status == 0
    assert out.startswith("# tf-model-save (TFL201)")
    positions = [out.index(f"## {section}") for section in
                 ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety")]
    assert positions == sorted(positions)
    assert tf_lint("rule", "tfl201")[1] == out


def test_rule_unknown_code_is_exit_2(tf_lint):
    status, _, err = tf_lint("rule", "TFL998")
    assert status == 2 and "TFL998" in err


def test_python_dash_m_tf_lint(cli, tmp_path):
    (tmp_path / "bad.py").write_text(BAD_SAVE)
    env = dict(os.environ, PYTHONPATH=ROOT)
    result = cli("bad.py", "--format", "concise", "--target-transformers-version", TF_TARGET, cwd=tmp_path, env=env)
    assert result.returncode == 1 and "bad.py:4:1: TFL201" in result.stdout
    result = cli("--version", cwd=tmp_path, env=env)
    assert result.returncode == 0 and result.stdout.startswith("tf-lint ")


class _BreakingFix(Rule):
    """## What it does
    Offers a fix that does not parse (test only).

    ## Why is this bad?
    -

    ## Example
    -

    ## Use instead
    -

    ## Fix safety
    -
    """

    code = "TFL998"
    name = "test-breaking-fix"
    summary = "fix breaks the code"
    fix_availability = "always"
    node_types = (ast.Call,)

    def visit(self, node):
        from tf_lint.diagnostics import Applicability, Edit, Fix

        if getattr(node.func, "id", None) == "breakme":
            doc = self.ctx.document
            start, end = doc.start_of(node), doc.end_of(node)
            yield self.diagnostic(node, "breaks", Fix(Applicability.SAFE, "break it", [Edit(start, end, "breakme(")]))


class _NeverConverges(Rule):
    """## What it does
    Offers a fix whose result it reports again (test only).

    ## Why is this bad?
    -

    ## Example
    -

    ## Use instead
    -

    ## Fix safety
    -
    """

    code = "TFL997"
    name = "test-endless-fix"
    summary = "fix never converges"
    fix_availability = "always"
    node_types = (ast.Constant,)

    def visit(self, node):
        from tf_lint.diagnostics import Applicability, Edit, Fix

        if isinstance(node.value, int) and not isinstance(node.value, bool):
            doc = self.ctx.document
            fix = Fix(Applicability.SAFE, "add one", [Edit(doc.start_of(node), doc.end_of(node), str(node.value + 1))])
            yield self.diagnostic(node, "an int", fix)


RULES.pop("TFL998")
RULES.pop("TFL997")


@pytest.fixture
def test_rule(request):
    rule = request.param
    assert rule.code not in RULES
    RULES[rule.code] = rule
    try:
        yield rule
    finally:
        del RULES[rule.code]


@pytest.mark.parametrize("test_rule", [_BreakingFix], indirect=True)
def test_a_fix_that_does_not_parse_is_refused_and_the_file_left_alone(files, tf_lint, test_rule):
    path = files("a.py", BAD_SAVE + "breakme()\n")
    status, out, err = tf_lint("a.py", "--fix")
    assert path.read_text() == BAD_SAVE + "breakme()\n"  # not even the good TFL201 fix: all or nothing
    assert "does not parse" in err and "left unchanged" in err
    assert status == 1 and "TFL998" in out and "TFL201" in out


@pytest.mark.parametrize("test_rule", [_NeverConverges], indirect=True)
def test_fixing_stops_after_a_bounded_number_of_passes(files, tf_lint, test_rule):
    from tf_lint.engine import MAX_FIX_PASSES

    path = files("a.py", "n = 0\n")
    status, out, _ = tf_lint("a.py", "--fix", "--select", "TFL997")
    assert status == 1
    assert path.read_text() == f"n = {MAX_FIX_PASSES}\n"
    assert f"({MAX_FIX_PASSES} fixed, 1 remaining)" in out
