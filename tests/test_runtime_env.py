"""Runtime check of TFL602: run each bad fixture and its fixed version in a fresh process and read
what huggingface_hub actually took from the environment.

Bad: the constant keeps its default although the program set the variable. Fixed: it has the value.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from fixture_files import FIXTURES, fixture_files
from tf_lint.config import Settings
from tf_lint.engine import Linter
from tf_lint.sources import read_source

pytest.importorskip("huggingface_hub")
pytest.importorskip("transformers")

# environment variable -> (huggingface_hub.constants attribute, how the value is stored there)
CONSTANTS = {
    "HF_HUB_OFFLINE": ("HF_HUB_OFFLINE", "bool"),
    "TRANSFORMERS_OFFLINE": ("HF_HUB_OFFLINE", "bool"),
    "HF_HOME": ("HF_HOME", "path"),
    "HF_ENDPOINT": ("ENDPOINT", "str"),
}

# A fixture whose assignment sits in a function the file never calls (a library helper): the runner
# calls it, as the application would, with these arguments.
ENTRY_POINTS = {
    "TFL602/bad_offline_in_library_function.py": ("prepare_then_go_offline", ["bert"]),
}

RUNNER = """
import json, os, runpy, sys
namespace = runpy.run_path(sys.argv[1], run_name="__main__")
entry = json.loads(sys.argv[2])
if entry:
    namespace[entry[0]](*entry[1])
import huggingface_hub.constants as c
result = {name: getattr(c, name) for name in sys.argv[3:]}
result["environ"] = dict(os.environ)
print("TF-LINT-RESULT " + json.dumps(result, default=str))
"""


def _clean_env():
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("HF_", "HUGGINGFACE_", "TRANSFORMERS_"))}


def _constants_after_running(path, names, tmp_path, entry=None):
    proc = subprocess.run([sys.executable, "-c", RUNNER, path, json.dumps(entry), *names], cwd=tmp_path,
                          env=_clean_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("TF-LINT-RESULT ")][-1]
    return json.loads(line.split(" ", 1)[1])


def _written(path):
    """(variable, value) pairs the fixture's TFL602 findings are about, read from the source line."""
    with open(path, "rb") as f:
        result = Linter(Settings(select=("TFL602",))).process_source(read_source(path, f.read()))
    pairs = []
    for diag in result.diagnostics:
        name = re.search(r"`(?:os\.putenv\(')?([A-Z_]+)", diag.message).group(1)
        value = re.findall(r"""["']([^"']*)["']""", diag.source_line)[-1]
        pairs.append((name, value))
    return pairs


def _holds(kind, constant, value):
    if kind == "bool":
        return constant is (value.upper() in ("1", "ON", "YES", "TRUE"))
    return str(constant) == value


@pytest.mark.parametrize("name", [n for n in fixture_files("bad") if n.startswith("TFL602/")])
def test_tfl602_symptom_and_cure(name, tmp_path):
    bad = os.path.join(FIXTURES, name)
    fixed = bad[: -len(".py")] + ".fixed.py"
    pairs = _written(bad)
    assert pairs
    attrs = sorted({CONSTANTS[var][0] for var, _ in pairs})
    entry = ENTRY_POINTS.get(name)
    before = _constants_after_running(bad, attrs, tmp_path, entry)
    for var, value in pairs:
        attr, kind = CONSTANTS[var]
        assert not _holds(kind, before[attr], value), f"{name}: {var} took effect without the fix"
        if entry:  # the called function really ran up to its assignment
            assert before["environ"].get(var) == value, f"{name}: the program never set {var}"
    with open(bad, "rb") as f_bad, open(fixed, "rb") as f_fixed:
        if f_bad.read() == f_fixed.read():
            return  # no fix is offered (a function the file never calls): the symptom is the check
    after = _constants_after_running(fixed, attrs, tmp_path, entry)
    for var, value in pairs:
        attr, kind = CONSTANTS[var]
        assert _holds(kind, after[attr], value), f"{name}: {var} still has no effect after the fix"
