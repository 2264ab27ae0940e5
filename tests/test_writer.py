"""Atomic writes: same permission bits, the original untouched on any error, no temporary files left."""

import os
import stat

import pytest

from tf_lint import writer
from tf_lint.writer import write_atomic


def leftovers(directory):
    return [n for n in os.listdir(directory) if n.startswith(".tf-lint-")]


def test_write_replaces_the_content(tmp_path):
    path = tmp_path / "a.py"
    path.write_bytes(b"old\n")
    write_atomic(str(path), b"new\r\n")
    assert path.read_bytes() == b"new\r\n"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
@pytest.mark.parametrize("mode", [0o600, 0o644, 0o755, 0o640])
def test_write_keeps_the_mode(tmp_path, mode):
    path = tmp_path / "a.py"
    path.write_bytes(b"old\n")
    os.chmod(path, mode)
    write_atomic(str(path), b"new\n")
    assert stat.S_IMODE(os.stat(path).st_mode) == mode


def test_write_creates_a_missing_file(tmp_path):
    path = tmp_path / "new.py"
    write_atomic(str(path), b"x = 1\n")
    assert path.read_bytes() == b"x = 1\n"


def test_the_original_is_left_when_the_rename_fails(tmp_path, monkeypatch):
    path = tmp_path / "a.py"
    path.write_bytes(b"original\n")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(str(path), b"new\n")
    assert path.read_bytes() == b"original\n"
    assert leftovers(tmp_path) == []


def test_the_original_is_left_when_writing_the_temporary_file_fails(tmp_path, monkeypatch):
    path = tmp_path / "a.py"
    path.write_bytes(b"original\n")

    def fail(fd):
        raise OSError(5, "I/O error")

    monkeypatch.setattr(writer.os, "fsync", fail)
    with pytest.raises(OSError):
        write_atomic(str(path), b"new\n")
    assert path.read_bytes() == b"original\n"
    assert leftovers(tmp_path) == []


def test_the_original_is_left_on_interrupt(tmp_path, monkeypatch):
    path = tmp_path / "a.py"
    path.write_bytes(b"original\n")

    def interrupt(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(path), b"new\n")
    assert path.read_bytes() == b"original\n"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_writing_through_a_symlink_updates_the_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.py"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.py"
    link.symlink_to(target)
    write_atomic(str(link), b"new\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"new\n"


def test_cli_reports_a_failed_write_exits_2_and_leaves_the_file(tmp_path, monkeypatch, tf_lint):
    from lint_samples import BAD_SAVE

    path = tmp_path / "a.py"
    path.write_text(BAD_SAVE)

    def fail(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(writer.os, "replace", fail)
    status, _, err = tf_lint(str(path), "--fix")
    assert status == 2 and "cannot write" in err
    assert path.read_text() == BAD_SAVE
