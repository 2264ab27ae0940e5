"""A real editor nobody here wrote: headless Neovim's built-in LSP client attaches ``tf-lint server`` to a
file and records the diagnostics it received and shows. ``nox -s tests`` installs Debian's neovim where it
can (root with apt-get); elsewhere this test is skipped and says why."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from lint_samples import BAD_SAVE, ROOT, TF_TARGET, run_cli

pytest.importorskip("pygls", reason="the server extra (pygls) is not installed")

NVIM = shutil.which("nvim")
SCRIPT = os.path.join(ROOT, "tests", "data", "nvim_attach.lua")


@pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (Debian: apt-get install neovim; "
                                         "`nox -s tests` does it when run as root)")
def test_neovim_receives_and_shows_the_diagnostics(tmp_path):
    path = tmp_path / "train.py"
    path.write_text(BAD_SAVE)
    out = tmp_path / "received.json"
    env = dict(os.environ, PYTHONPATH=ROOT, TF_LINT_NVIM_OUT=str(out),
               TF_LINT_NVIM_CMD=json.dumps([sys.executable, "-m", "tf_lint", "server"]))
    proc = subprocess.run([NVIM, "--headless", "--clean", "-n", str(path), "-c", f"luafile {SCRIPT}"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, (proc.returncode, proc.stdout, proc.stderr)
    received = json.loads(out.read_text())
    cli = json.loads(run_cli("--no-cache", "--format", "json", "--target-transformers-version", TF_TARGET,
                             str(path)).stdout)
    assert [d["code"] for d in received["published"]["diagnostics"]] == [f["code"] for f in cli] == ["TFL201"]
    shown = received["shown"]
    assert [(d["code"], d["lnum"] + 1, d["col"] + 1, d["source"]) for d in shown] == \
        [(f["code"], f["location"]["row"], f["location"]["column"], "tf-lint") for f in cli]
    assert shown[0]["message"] == cli[0]["message"]
