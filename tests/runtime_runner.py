"""Run fixture programs in this (child) process and report what they computed, as JSON on stdout.

Usage: ``python runtime_runner.py FIXTURE.py ...`` with the tiny hub's environment (``tinyhub``).
Each fixture runs as ``__main__`` through ``runpy`` with ``sys.argv = [path]``, in a fresh temporary
working directory, after ``torch.manual_seed(0)``. For each one the report holds:

- ``error``: ``"ValueError: ..."`` if the program raised, else null;
- ``observed`` / ``reference``: the module globals of those names, when the fixture sets them, as
  nested lists (tensors converted). The convention for fixtures: ``observed`` is what the code under
  test computed for the short row (logits, generated token ids, a loss), ``reference`` the same
  computed for that text alone. The bad fixture shows the symptom (they differ), the fixed one not.
"""

import json
import os
import runpy
import sys
import tempfile
import traceback
import warnings


def _plain(value):
    if hasattr(value, "detach"):
        return value.detach().cpu().float().tolist() if value.is_floating_point() else value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return repr(value)


def run(path):
    import torch

    torch.manual_seed(0)
    saved_argv, saved_cwd = sys.argv, os.getcwd()
    sys.argv = [path]
    report = {"error": None}
    with tempfile.TemporaryDirectory() as work:
        os.chdir(work)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                namespace = runpy.run_path(path, run_name="__main__")
            for name in ("observed", "reference"):
                if name in namespace:
                    report[name] = _plain(namespace[name])
        except Exception as exc:  # the symptom of TFL104, or a broken fixture
            report["error"] = f"{type(exc).__name__}: {exc}"
            report["traceback"] = traceback.format_exc(limit=-3)
        finally:
            os.chdir(saved_cwd)
            sys.argv = saved_argv
    return report


def run_in_child(paths, env) -> dict:
    """Run ``paths`` with this script in one child process (Transformers and torch imported once) with
    the environment ``env``; their reports by path."""
    import subprocess

    here = os.path.dirname(os.path.abspath(__file__))
    proc = subprocess.run([sys.executable, os.path.join(here, "runtime_runner.py"), *paths],
                          capture_output=True, text=True, env=dict(os.environ, **env, PYTHONPATH=here),
                          timeout=900)
    assert "@@RESULTS@@" in proc.stdout, proc.stderr[-3000:]
    return json.loads(proc.stdout.split("@@RESULTS@@", 1)[1])


if __name__ == "__main__":
    import transformers  # noqa: F401  (imported once, before the timed runs)

    transformers.logging.set_verbosity_error()
    results = {path: run(path) for path in sys.argv[1:]}
    sys.stdout.write("\n@@RESULTS@@" + json.dumps(results))
