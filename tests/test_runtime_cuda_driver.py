"""TFL601 and `torch.cuda.is_available()`, checked on a CPU machine against torch's own Python code.

On a GPU, `tests/test_runtime_cuda_env.py` measures the effect itself. Here, without one, the CUDA
runtime is replaced by a recorder: `torch._C._cuda_getDeviceCount` (cudaGetDeviceCount, which runs
cuInit: the moment the driver enumerates the GPUs it will ever see) writes down the value of
`CUDA_VISIBLE_DEVICES` it would read, and NVML counts two devices. Everything between the fixture and
those two entry points is the real torch 2.13 code (`torch.cuda.is_available`, `device_count`,
`_device_count_nvml`), so the test shows which call reaches the driver, and in what order with respect
to the fixture's assignment.
"""

import json
import os
import subprocess
import sys

import pytest

from fixture_files import FIXTURES

torch = pytest.importorskip("torch")

RUNNER = r"""
import json, os, runpy, sys
import torch
import torch.cuda

seen = []

def cuda_get_device_count():  # the CUDA runtime: cuInit reads the variable once
    seen.append(os.environ.get("CUDA_VISIBLE_DEVICES"))
    return 2

torch._C._cuda_getDeviceCount = cuda_get_device_count
torch.cuda._device_count_nvml = lambda: 2  # NVML answers without touching the driver
error = None
try:
    runpy.run_path(sys.argv[1], run_name="__main__")
except BaseException as exc:  # what comes after the check (a model on a GPU) cannot run on this machine
    error = type(exc).__name__
print("TF-LINT-RESULT " + json.dumps({"driver_saw": seen[:1], "driver_calls": len(seen),
                                      "visible_at_end": os.environ.get("CUDA_VISIBLE_DEVICES"),
                                      "error": error}))
"""


def _run(path, tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("CUDA_VISIBLE_DEVICES", "CUDA_DEVICE_ORDER", "PYTORCH_NVML_BASED_CUDA_CHECK")}
    env["HF_HUB_OFFLINE"] = "1"
    proc = subprocess.run([sys.executable, "-c", RUNNER, path], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("TF-LINT-RESULT ")]
    assert lines, proc.stderr[-3000:]
    return json.loads(lines[-1].split(" ", 1)[1])


def _fixture(name):
    return os.path.join(FIXTURES, "TFL601", name)


@pytest.mark.parametrize("name", ["bad_is_available_then_visible_devices.py",
                                  "bad_gradscaler_then_visible_devices.py"])
def test_bad_driver_started_before_the_assignment(name, tmp_path):
    bad = _run(_fixture(name), tmp_path)
    # The driver was initialised with the variable unset; the assignment came after it.
    assert bad["driver_saw"] == [None] and bad["visible_at_end"] == "1", bad
    fixed = _run(_fixture(name.replace(".py", ".fixed.py")), tmp_path)
    assert fixed["driver_saw"] == ["1"], fixed


def test_setup_function_reaches_the_driver_first(tmp_path):
    bad = _run(_fixture("bad_is_available_in_setup_function.py"), tmp_path)
    assert bad["driver_saw"] == [None] and bad["visible_at_end"] == "0,1", bad


def test_nvml_check_leaves_the_driver_alone(tmp_path):
    good = _run(_fixture("good_nvml_check_then_is_available.py"), tmp_path)
    assert good["driver_calls"] == 0 and good["visible_at_end"] == "1", good


def test_device_count_leaves_the_driver_alone(tmp_path):
    program = tmp_path / "count.py"
    program.write_text("import os, torch\nn = torch.cuda.device_count()\nos.environ['CUDA_VISIBLE_DEVICES'] = '0'\n")
    result = _run(str(program), tmp_path)
    assert result["driver_calls"] == 0 and result["error"] is None, result


def test_is_available_reaches_the_driver(tmp_path):
    program = tmp_path / "check.py"
    program.write_text("import torch\nassert torch.cuda.is_available()\n")
    result = _run(str(program), tmp_path)
    assert result["driver_calls"] == 1 and result["error"] is None, result


def test_disabled_or_cpu_grad_scalers_leave_the_driver_alone(tmp_path):
    good = _run(_fixture("good_gradscaler_disabled_or_cpu.py"), tmp_path)
    assert good["driver_calls"] == 0 and good["error"] is None and good["visible_at_end"] == "1", good


def test_grad_scaler_after_the_assignment_sees_it(tmp_path):
    good = _run(_fixture("good_gradscaler_after_visible_devices.py"), tmp_path)
    assert good["driver_saw"] == ["1"] and good["error"] is None, good
