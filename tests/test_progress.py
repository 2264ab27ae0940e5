"""Progress on stderr for long runs: a single updating line on a terminal, cleared at the end; nothing
when stderr is piped, in the machine formats, with --quiet, in CI, or for a few files."""

import io
import os
import subprocess
import sys

import pytest

from lint_samples import BAD_SAVE, ROOT, TF_TARGET
from tf_lint.output import progress
from tf_lint.output.progress import MIN_FILES, Progress

LINE = "tf-lint: {} of {} files"


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "tree"
    root.mkdir()
    for i in range(MIN_FILES + 10):
        (root / f"m{i:03d}.py").write_text(BAD_SAVE)
    return root


def _environment(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = ROOT
    env.update(extra)
    return env


def _run_with_terminal_stderr(args, cwd, env):
    """Run tf-lint with stderr on a pseudo-terminal and stdout in a file; both as text."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    with open(os.path.join(cwd, "..", "stdout.txt"), "w+b") as out:
        proc = subprocess.Popen([sys.executable, "-m", "tf_lint", *args], cwd=cwd, stdout=out, stderr=slave,
                                env=env)
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
        proc.wait(timeout=120)
        out.seek(0)
        return proc.returncode, out.read().decode(), b"".join(chunks).decode()


def _args(jobs="1"):
    return ["--no-cache", "-j", jobs, "--target-transformers-version", TF_TARGET, "."]


ARGS = _args()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
@pytest.mark.parametrize("jobs", ["1", "2"])  # in this process, and with the worker pool
def test_a_terminal_sees_one_updating_line_cleared_at_the_end(tree, jobs):
    status, out, err = _run_with_terminal_stderr(_args(jobs), str(tree), _environment())
    total = MIN_FILES + 10
    assert status == 1 and out.count("TFL201") == total  # the findings, on stdout, untouched
    assert "files," not in out
    assert LINE.format(0, total) in err and LINE.format(total, total) in err
    assert "\n" not in err.replace("\r\n", "")  # one line, redrawn in place
    last = err.rindex(LINE.format(total, total))
    assert err[last:].endswith("\r\x1b[K")  # and erased at the end


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
@pytest.mark.parametrize("extra, env", [
    (["--format", "json"], {}), (["--format", "sarif"], {}), (["--format", "github"], {}), (["--quiet"], {}),
    ([], {"CI": "true"}),
])
def test_no_progress_for_machines_quiet_runs_or_ci(tree, extra, env):
    status, out, err = _run_with_terminal_stderr(extra + ARGS, str(tree), _environment(**env))
    assert status == 1
    assert "files," not in err and "\x1b[K" not in err, err


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_no_progress_for_a_few_files(tree):
    for path in sorted(tree.iterdir())[MIN_FILES - 1:]:
        path.unlink()
    status, out, err = _run_with_terminal_stderr(ARGS, str(tree), _environment())
    assert status == 1 and out.count("TFL201") == MIN_FILES - 1
    assert err == ""


def test_no_progress_when_stderr_is_piped(tree):
    done = subprocess.run([sys.executable, "-m", "tf_lint", *ARGS], cwd=str(tree), capture_output=True, text=True,
                          env=_environment(), timeout=120)
    assert done.returncode == 1
    assert done.stderr == ""


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_when_progress_is_wanted():
    terminal, pipe = _Terminal(), io.StringIO()
    assert progress.wanted(terminal, "text", False, MIN_FILES, {})
    assert progress.wanted(terminal, "concise", False, MIN_FILES, {"CI": "false"})
    assert not progress.wanted(pipe, "text", False, MIN_FILES, {})
    assert not progress.wanted(terminal, "text", True, MIN_FILES, {})
    assert not progress.wanted(terminal, "text", False, MIN_FILES - 1, {})
    assert not progress.wanted(terminal, "text", False, MIN_FILES, {"CI": "1"})
    for fmt in ("json", "sarif", "github"):
        assert not progress.wanted(terminal, fmt, False, MIN_FILES, {})


def test_the_line_is_redrawn_at_most_ten_times_a_second_and_always_at_the_end():
    now = [100.0]
    stream = _Terminal()
    bar = Progress(stream, 3, clock=lambda: now[0])
    bar.update(0)
    now[0] += 0.05
    bar.update(1)  # too soon: skipped
    now[0] += 0.1
    bar.update(2)
    now[0] += 0.01
    bar.update(3)  # the last: always drawn
    bar.clear()
    assert stream.getvalue() == ("\r\x1b[Ktf-lint: 0 of 3 files, 0 s" "\r\x1b[Ktf-lint: 2 of 3 files, 0 s"
                                 "\r\x1b[Ktf-lint: 3 of 3 files, 0 s" "\r\x1b[K")
    bar.clear()  # once only
    assert stream.getvalue().endswith("s\r\x1b[K")
