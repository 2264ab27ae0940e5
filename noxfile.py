"""Test sessions. `nox -s tests`: the whole suite (TensorFlow runtime checks skip there);
`nox -s runtime-tf`: the TF rules' fixtures run under transformers 4.x and TensorFlow."""

import nox


@nox.session
def tests(session):
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


# A separate environment: TF classes exist only in transformers 4.x, while `tests` installs transformers 5.
@nox.session(name="runtime-tf")
def runtime_tf(session):
    session.install("-e", ".[runtime-tf]")
    # Each fixture runs in its own TensorFlow process (mostly import time): two at a time.
    session.run("pytest", "-n", "2", "-m", "runtime_tf", "tests/runtime_tf", *session.posargs)
