"""TFL601/TFL602: what counts as reading the environment first (issue 15's env misses).

- A function the file never calls is read on its own: a write after its own import (or CUDA call).
- A GradScaler built for CUDA and enabled calls torch.cuda.is_available() (torch 2.13 grad_scaler.py).
- ``import unsloth`` starts CUDA (unsloth/__init__.py calls torch.cuda.get_device_capability()).
- Code that assigns huggingface_hub.constants itself is not reported.
"""

import textwrap

import pytest

from tf_lint.config import Settings
from tf_lint.engine import Linter
from tf_lint.sources import read_source


def _found(text, codes=("TFL601", "TFL602")):
    source = read_source("sample.py", textwrap.dedent(text).encode())
    result = Linter(Settings(select=codes)).process_source(source)
    return [(d.start.row, d.code, d.fix is not None) for d in result.diagnostics]


def test_uncalled_function_write_after_its_own_import_has_no_fix():
    assert _found("""
        import os

        def helper():
            from transformers import AutoTokenizer
            os.environ["HF_HUB_OFFLINE"] = "1"
        """) == [(6, "TFL602", False)]


def test_uncalled_method_counts_too():
    assert _found("""
        import os

        class Loader:
            def load(self):
                import huggingface_hub
                os.environ["HF_HOME"] = "/cache"
        """) == [(7, "TFL602", False)]


def test_uncalled_function_that_sets_first_is_clean():
    assert _found("""
        import os

        def helper():
            os.environ["HF_HUB_OFFLINE"] = "1"
            from transformers import AutoTokenizer
        """) == []


def test_uncalled_function_does_not_inherit_module_imports():
    # The module's import ran before any call, but the function's own body proves nothing: silence, as
    # before this change (the narrow evidence the labelled set asks for).
    assert _found("""
        import os
        import transformers

        def helper():
            os.environ["HF_HUB_OFFLINE"] = "1"
        """) == []


def test_called_function_keeps_its_fix():
    found = _found("""
        import os
        import transformers

        def main():
            os.environ["HF_HUB_OFFLINE"] = "1"

        main()
        """)
    assert found == [(6, "TFL602", True)]


def test_uncalled_function_cuda_call_then_visible_devices():
    assert _found("""
        import os
        import torch

        def pick():
            if torch.cuda.is_available():
                os.environ["CUDA_VISIBLE_DEVICES"] = "1"
        """) == [(7, "TFL601", False)]


def test_patching_hub_constants_in_the_same_function_is_clean():
    assert _found("""
        import os

        def offline():
            from huggingface_hub import constants
            constants.HF_HUB_OFFLINE = True
            os.environ["HF_HUB_OFFLINE"] = "1"
        """) == []


def test_patching_constants_elsewhere_does_not_excuse_a_module_write():
    assert _found("""
        import os
        import transformers

        os.environ["HF_HOME"] = "/cache"

        def offline():
            from huggingface_hub import constants
            constants.HF_HUB_OFFLINE = True
        """) == [(5, "TFL602", True)]


@pytest.mark.parametrize("construct", [
    "torch.cuda.amp.GradScaler()",
    "GradScaler(init_scale=1024.0)",
    "torch.amp.GradScaler()",
    "torch.amp.GradScaler('cuda')",
    "torch.amp.GradScaler(device='cuda', enabled=True)",
])
def test_cuda_grad_scaler_reaches_the_driver(construct):
    assert _found(f"""
        import os
        import torch
        from torch.cuda.amp import GradScaler

        scaler = {construct}
        os.environ["CUDA_VISIBLE_DEVICES"] = "1"
        """) == [(7, "TFL601", True)]


@pytest.mark.parametrize("construct", [
    "torch.cuda.amp.GradScaler(enabled=False)",
    "torch.cuda.amp.GradScaler(enabled=use_amp)",
    "torch.cuda.amp.GradScaler(2.0 ** 16, 2.0, 0.5, 2000, False)",
    "torch.amp.GradScaler('cpu')",
    "torch.amp.GradScaler(device=device)",
    "torch.amp.GradScaler(**options)",
])
def test_grad_scaler_that_may_not_ask_is_silent(construct):
    assert _found(f"""
        import os
        import torch

        scaler = {construct}
        os.environ["CUDA_VISIBLE_DEVICES"] = "1"
        """) == []


def test_grad_scaler_respects_the_nvml_check():
    assert _found("""
        import os
        os.environ["PYTORCH_NVML_BASED_CUDA_CHECK"] = "1"
        import torch

        scaler = torch.amp.GradScaler()
        os.environ["CUDA_VISIBLE_DEVICES"] = "1"
        """) == []


def test_grad_scaler_only_fixes_the_driver_variables():
    # is_available() starts the driver, not torch's allocator: the allocator's variable is still read.
    assert _found("""
        import os
        import torch

        scaler = torch.amp.GradScaler()
        os.environ["PYTORCH_CUDA_ALLOC_CONF"] = "expandable_segments:True"
        """) == []


@pytest.mark.parametrize("statement", ["import unsloth", "from unsloth import FastLanguageModel",
                                       "import os, unsloth"])
def test_unsloth_import_starts_cuda(statement):
    found = _found(f"""
        import os
        {statement}

        os.environ["PYTORCH_CUDA_ALLOC_CONF"] = "expandable_segments:True"
        """)
    assert found == [(5, "TFL601", True)]


def test_other_imports_do_not_start_cuda():
    assert _found("""
        import os
        import torch
        import unsloth_zoo_docs
        from trl import SFTTrainer

        os.environ["CUDA_VISIBLE_DEVICES"] = "0"
        """) == []
