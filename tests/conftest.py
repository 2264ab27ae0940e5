import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures")


def run_cli(*args, cwd=None, input=None, env=None):
    """Run tf-lint as a user would, in a separate process."""
    return subprocess.run([sys.executable, "-m", "tf_lint", *args], cwd=cwd, input=input,
                          capture_output=True, text=True, env=env)


@pytest.fixture
def cli():
    return run_cli
