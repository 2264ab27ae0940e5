"""Test sessions. `nox -s tests`: the whole suite (TensorFlow runtime checks skip there);
`nox -s runtime-tf`: the TF rules' fixtures run under transformers 4.x and TensorFlow;
`nox -s runtime-trl`: the TRL/PEFT fixtures run under an old and a new TRL, PEFT and transformers (and,
on the new stack, the QLoRA memory model against bitsandbytes)."""

import os
import shutil

import nox


@nox.session
def tests(session):
    session.install("-e", ".[test]")
    _install_neovim(session)
    # Two workers, as many as CI's cores: the metamorphic tests lint every fixture many times over.
    session.run("pytest", "-n", "2", *session.posargs)


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


# TRL and PEFT findings at run time (tests/runtime_trl), on a stack from before TRL's renames and moves and
# on a current one: each fixture is linted against the installed releases and run.
TRL_STACKS = {
    # TRL 0.9 needs numpy<2, and a pyarrow built for it; its SFTTrainer imports rich, which it does not declare.
    "old": ["transformers==4.44.2", "trl==0.9.6", "peft==0.10.0", "accelerate", "datasets", "pyarrow==21.0.0",
            "rich"],
    # bitsandbytes: the memory model of 4-bit QLoRA training against real quantized layers, on the CPU.
    "new": ["transformers==5.25.0", "trl==1.16.0", "peft==0.21.2", "accelerate", "datasets", "bitsandbytes==0.50.2"],
}


@nox.session(name="runtime-trl")
@nox.parametrize("stack", list(TRL_STACKS))
def runtime_trl(session, stack):
    session.install("-e", ".[runtime-trl]", *TRL_STACKS[stack])
    session.run("pytest", "-m", "runtime_trl", "tests/runtime_trl", *session.posargs)
    if stack == "new":
        # The padding fixtures that run a Trainer need datasets and accelerate, which this stack installs
        # (they skip in the tests session).
        session.run("pytest", "tests/test_runtime_padding.py", "-k", "trainer", *session.posargs)
        # Needs PEFT and bitsandbytes, which only this stack installs (it skips in the tests session).
        session.run("pytest", "tests/test_memory_qlora.py", *session.posargs)
