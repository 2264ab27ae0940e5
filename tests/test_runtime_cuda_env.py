"""Runtime check of TFL601 on a GPU (skipped without one): which calls start CUDA, and that a
CUDA variable set after them has no effect while the same assignment moved first does.

Each probe runs in a fresh process: do the call, then set CUDA_VISIBLE_DEVICES="" and count the
devices torch can still use. A call that started CUDA leaves the devices visible.
"""

import json
import subprocess
import sys

import pytest

from tf_lint.rules.env import CUDA_INIT_CALLS

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.gpu

if not torch.cuda.is_available():  # pragma: no cover - depends on the machine
    pytest.skip("needs a CUDA device", allow_module_level=True)

PROBES = {
    "bare import torch": "pass",
    "torch.cuda.is_available()": "torch.cuda.is_available()",
    "torch.cuda.device_count()": "torch.cuda.device_count()",
    "is_available() with the NVML check": (
        "os.environ['PYTORCH_NVML_BASED_CUDA_CHECK'] = '1'; torch.cuda.is_available()"),
    "tensor device='cuda'": "torch.zeros(1, device='cuda')",
    ".cuda()": "torch.nn.Linear(2, 2).cuda()",
    ".to('cuda')": "torch.ones(1).to('cuda')",
    "torch.cuda.set_device(0)": "torch.cuda.set_device(0)",
    "torch.cuda.current_device()": "torch.cuda.current_device()",
    "torch.cuda.synchronize()": "torch.cuda.synchronize()",
    "torch.cuda.get_device_name()": "torch.cuda.get_device_name(0)",
    "torch.cuda.mem_get_info()": "torch.cuda.mem_get_info()",
}
# Calls the rule treats as starting CUDA must start it (is_available(): the driver, which fixes the
# visible devices); those it treats as harmless must not.
MUST_NOT_INIT = {"bare import torch", "torch.cuda.device_count()", "is_available() with the NVML check"}
MUST_INIT = {"torch.cuda.is_available()", "tensor device='cuda'", ".cuda()", ".to('cuda')", "torch.cuda.set_device(0)",
             "torch.cuda.current_device()", "torch.cuda.synchronize()", "torch.cuda.get_device_name()",
             "torch.cuda.mem_get_info()"}

PROGRAM = """
import os, torch
{call}
os.environ["CUDA_VISIBLE_DEVICES"] = ""
try:
    torch.zeros(1, device="cuda")
    usable = True
except Exception:
    usable = False
print(usable)
"""


def _still_usable(call: str) -> bool:
    proc = subprocess.run([sys.executable, "-c", PROGRAM.format(call=call)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()[-1] == "True"


def test_which_calls_start_cuda():
    results = {label: _still_usable(call) for label, call in PROBES.items()}
    print("CUDA-INIT-PROBE " + json.dumps(results))
    for label in MUST_NOT_INIT:
        assert not results[label], f"{label} started CUDA, yet TFL601 treats it as harmless"
    for label in MUST_INIT:
        assert results[label], f"{label} did not start CUDA, yet TFL601 treats it as doing so"
    assert {"torch.cuda.set_device", "torch.cuda.current_device"} <= CUDA_INIT_CALLS
