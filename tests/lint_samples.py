"""Small programs and paths shared by the unit tests (imported by name: `conftest` is ambiguous once
several test folders have one)."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures")

# The samples are TensorFlow code, which exists only in transformers 4.x: tests lint them for that target
# (against the installed 5.x, the version rules would rightly report every TF import as well).
TF_TARGET = "4.57"

# A TensorFlow Transformers model saved with Keras's `.save()`: one TFL201 finding at 4:1 with a safe fix.
BAD_SAVE = (
    "from transformers import TFAutoModel\n"
    "\n"
    'model = TFAutoModel.from_pretrained("bert-base-uncased")\n'
    'model.save("out")\n'
)
GOOD_SAVE = BAD_SAVE.replace(".save(", ".save_pretrained(")


def run_cli(*args, cwd=None, input=None, env=None):
    """Run tf-lint as a user would, in a separate process."""
    return subprocess.run([sys.executable, "-m", "tf_lint", *args], cwd=cwd, input=input,
                          capture_output=True, text=True, env=env)
