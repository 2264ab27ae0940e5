"""The runtime-tf environment: a tiny offline hub, and a way to run a fixture against it."""

import json
import os
import subprocess
import sys

import pytest

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "record_saves.py")


@pytest.fixture(scope="session")
def tf_hub_env(tmp_path_factory):
    """Environment of a tiny offline hub holding every checkpoint the TF fixtures load; built once."""
    import tiny_tf_hub  # imports TensorFlow: only where the tests were not skipped

    root = tiny_tf_hub.build_hub(str(tmp_path_factory.mktemp("tf_hub")))
    return tiny_tf_hub.hub_environment(root)


@pytest.fixture
def run_fixture(tf_hub_env, tmp_path):
    """Run a fixture file unchanged, in a fresh directory, and return record_saves.py's report."""

    def run(path, prepare=None):
        """``prepare``: Python code run first in the fixture's directory (what an earlier job left there)."""
        env = {k: v for k, v in os.environ.items() if k != "TRANSFORMERS_CACHE"}  # would override HF_HOME
        env.update(tf_hub_env,
                   # tf.keras must be tf-keras (Keras 2) even where a fixture touches it before transformers
                   # does; transformers 4.x sets this itself, but only on importing its TF modeling code.
                   TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="2")
        workdir = tmp_path / "cwd"
        workdir.mkdir()
        report = tmp_path / "report.json"
        if prepare is not None:
            proc = subprocess.run([sys.executable, "-c", prepare], cwd=workdir, env=env, capture_output=True,
                                  text=True, timeout=600)
            assert proc.returncode == 0, f"preparation failed:\n{proc.stderr[-5000:]}"
        proc = subprocess.run([sys.executable, RUNNER, str(path), str(report)], cwd=workdir, env=env,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0 and report.exists(), f"runner failed:\n{proc.stdout}\n{proc.stderr[-5000:]}"
        return json.loads(report.read_text())

    return run
