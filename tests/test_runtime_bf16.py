"""Runtime check of why tf-lint has no "bf16 on a T4/V100" rule (docs/memory.md, "The device"): on the
installed transformers and torch, ``TrainingArguments(bf16=True)`` on a CUDA device of compute
capability 7.5 raises only when torch cannot make a bfloat16 tensor there; where torch emulates
bfloat16 (torch >= 2.3 on a T4), the check passes and the run goes on, slower.

No GPU is needed: ``torch.cuda`` is patched to describe the device, and each case runs in a fresh
process (transformers caches its availability answers).
"""

import json
import subprocess
import sys

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

PROBE = r"""
import json, sys
from unittest import mock
import torch
from transformers import TrainingArguments

major, tensor_ok = int(sys.argv[1]), sys.argv[2] == "1"
props = mock.Mock(major=major, minor=5, name="device")
with mock.patch("torch.cuda.is_available", return_value=True), \
        mock.patch("torch.cuda.current_device", return_value=0), \
        mock.patch("torch.cuda.get_device_properties", return_value=props), \
        mock.patch("torch.cuda._check_bf16_tensor_supported", return_value=tensor_ok):
    supported = torch.cuda.is_bf16_supported()
    try:
        TrainingArguments("out", bf16=True, report_to="none")
        error = None
    except Exception as exc:  # the arguments go on to set up the device: other errors may follow
        error = f"{type(exc).__name__}: {exc}"
print(json.dumps({"supported": supported, "error": error}))
"""


def _probe(major, tensor_ok, tmp_path):
    proc = subprocess.run([sys.executable, "-c", PROBE, str(major), "1" if tensor_ok else "0"], capture_output=True,
                          text=True, cwd=str(tmp_path), timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _bf16_refused(result):
    return result["error"] is not None and "support bf16" in result["error"]


def test_t4_with_emulated_bfloat16_is_accepted(tmp_path):
    result = _probe(7, True, tmp_path)
    assert result["supported"] is True  # torch's last resort: a bfloat16 tensor can be made
    assert not _bf16_refused(result), result["error"]


def test_t4_without_bfloat16_tensors_is_refused(tmp_path):
    result = _probe(7, False, tmp_path)
    assert result["supported"] is False
    assert _bf16_refused(result)


def test_ampere_is_accepted(tmp_path):
    result = _probe(8, False, tmp_path)
    assert result["supported"] is True and not _bf16_refused(result)
