"""Test sessions. `nox -s tests`: the whole suite (TensorFlow runtime checks skip there);
`nox -s runtime-tf`: the TF rules' fixtures run under transformers 4.x and TensorFlow."""

import os
import shutil

import nox


@nox.session
def tests(session):
    session.install("-e", ".[test]")
    _install_neovim(session)
    session.run("pytest", *session.posargs)


def _install_neovim(session):
    """The editor test (tests/test_server_neovim.py) drives a real Neovim: install Debian's package where
    this machine allows it (root with apt-get); elsewhere that one test is skipped and says why."""
    if shutil.which("nvim") or not shutil.which("apt-get") or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    session.run("apt-get", "update", "-qq", external=True, env=env, success_codes=range(256))
    session.run("apt-get", "install", "-y", "-qq", "neovim", external=True, env=env, success_codes=range(256))


# A separate environment: TF classes exist only in transformers 4.x, while `tests` installs transformers 5.
@nox.session(name="runtime-tf")
def runtime_tf(session):
    session.install("-e", ".[runtime-tf]")
    # Each fixture runs in its own TensorFlow process (mostly import time): two at a time.
    session.run("pytest", "-n", "2", "-m", "runtime_tf", "tests/runtime_tf", *session.posargs)
