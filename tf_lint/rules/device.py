"""Device (TFL4xx): what the GPU the project records cannot run at all."""

from __future__ import annotations

import ast
from typing import Iterable, Optional

from tf_lint.analysis import Constant
from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix
from tf_lint.registry import Rule

_LOADERS = ("from_pretrained", "from_config")
# transformers 4.36 added ``attn_implementation`` (``PreTrainedModel._autoset_attn_implementation``);
# before it the keyword reached the config as an unknown attribute and changed nothing.
_ATTN_IMPLEMENTATION_SINCE = (4, 36)


class FlashAttentionBeforeAmpere(Rule):
    """## What it does
    Finds a Transformers model loaded with `attn_implementation="flash_attention_2"` (`from_pretrained`
    or `from_config` of a model class, the keyword written there or in a `dict(...)` it unpacks with
    `**`) in a file whose GPU is known from the project and is older than
    Ampere: a Colab notebook saved with a T4 or V100 runtime (its metadata's `gpuType`), or a script
    that a SageMaker estimator of the project runs on a `ml.g4dn.*` (T4) or `ml.p3.*` (V100) instance
    (see `docs/memory.md`, "The device"). Nothing is reported when `--device-memory` or
    `device-memory` in `[tool.tf-lint]` names the device (the configuration then says nothing about
    which GPU it is), when the GPU is unknown, or when the value comes from the command line.

    ## Why is this bad?
    FlashAttention-2's CUDA kernels are built for compute capability 8.0 and newer only: `mha_fwd` and
    `mha_varlen_fwd` in flash-attn's `csrc/flash_attn/flash_api.cpp` stop with `RuntimeError:
    FlashAttention only supports Ampere GPUs or newer.` on a T4 (7.5) or a V100 (7.0). transformers
    checks that the `flash_attn` package is installed when the model loads (`_flash_attn_import_error`
    in `modeling_utils.py`) but not the GPU's generation for FlashAttention-2, so the model loads and
    the run stops at the first forward pass: after the download and the data preparation, inside
    `trainer.train()` or `generate()`. Without the package installed, `from_pretrained` itself raises
    `ImportError`. Either way the program does not run on that GPU.

    ## Example
    ```python
    # a Colab notebook saved with "gpuType": "T4"
    model = AutoModelForCausalLM.from_pretrained(
        "Qwen/Qwen2.5-0.5B", dtype=torch.float16, attn_implementation="flash_attention_2")
    ```

    ## Use instead
    ```python
    model = AutoModelForCausalLM.from_pretrained(
        "Qwen/Qwen2.5-0.5B", dtype=torch.float16, attn_implementation="sdpa")
    ```
    PyTorch's scaled-dot-product attention picks its memory-efficient kernel on these GPUs.

    ## Fix safety
    The fix writes `"sdpa"` in place of the literal `"flash_attention_2"`. It is unsafe: the two compute
    the same attention, but code that relies on FlashAttention-2's variable-length path (TRL's
    `padding_free=True`, packed sequences without padding) keeps separate sequences apart only with it,
    and that choice needs a person. No fix when the value is not written at the keyword.
    """

    code = "TFL403"
    name = "flash-attention-before-ampere"
    summary = "FlashAttention-2 requested on a GPU older than Ampere (T4, V100) that the project records"
    node_types = (ast.Call,)
    triggers = ("attn_implementation",)  # the value may be a constant of another module
    fix_availability = "sometimes"

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        if not (isinstance(node.func, ast.Attribute) and node.func.attr in _LOADERS):
            return
        keyword = next((k for k in node.keywords if k.arg == "attn_implementation"), None)
        value = keyword.value if keyword is not None else self._unpacked(node)
        if value is None or self._value(value) != "flash_attention_2":
            return
        if not self._transformers_class(node.func.value):
            return
        from tf_lint.knowledge.store import version_tuple

        if version_tuple(self.knowledge.version) < _ATTN_IMPLEMENTATION_SINCE:
            return
        from tf_lint.device import device_for

        device = device_for(self.ctx.document.path, self.ctx.settings)
        if device is None or device.gpu.ampere_or_newer:
            return
        major, minor = device.gpu.capability
        message = (f"`attn_implementation=\"flash_attention_2\"` on a {device.gpu.model} (compute capability "
                   f"{major}.{minor}; {device.describe()}): FlashAttention-2 runs on Ampere (8.0) or newer "
                   f"only, and its kernels stop the first forward pass with \"FlashAttention only supports "
                   f"Ampere GPUs or newer\"; use `attn_implementation=\"sdpa\"`")
        fix = None
        if keyword is not None and isinstance(keyword.value, ast.Constant):
            document = self.ctx.document
            quote = document.segment(document.start_of(keyword.value), document.end_of(keyword.value))[:1]
            quote = quote if quote in ("'", '"') else '"'
            fix = Fix(Applicability.UNSAFE, "Use attn_implementation=\"sdpa\"",
                      [Edit(document.start_of(keyword.value), document.end_of(keyword.value),
                            f"{quote}sdpa{quote}")])
        yield self.diagnostic(keyword if keyword is not None else value, message, fix)

    def _unpacked(self, node: ast.Call) -> Optional[ast.expr]:
        """The ``attn_implementation`` value of a ``**kwargs`` the call unpacks, when ``kwargs`` is a
        ``dict(...)`` call or a dict display assigned once (``model_kwargs = dict(attn_implementation=...)``)."""
        for keyword in node.keywords:
            if keyword.arg is not None:
                continue
            source = keyword.value
            if isinstance(source, ast.Name):
                source = self.ctx.facts.assigned_expression(source)
            if isinstance(source, ast.Call) and isinstance(source.func, ast.Name) and source.func.id == "dict" \
                    and self.ctx.facts.qualified_name(source.func) is None and not source.args:
                found = next((k.value for k in source.keywords if k.arg == "attn_implementation"), None)
            elif isinstance(source, ast.Dict):
                found = next((v for k, v in zip(source.keys, source.values)
                              if isinstance(k, ast.Constant) and k.value == "attn_implementation"), None)
            else:
                continue
            if found is not None:
                return found
        return None

    def _value(self, expr: ast.expr) -> Optional[str]:
        value = self.ctx.facts.constant(expr)
        if isinstance(value, Constant) and isinstance(value.value, str):
            return value.value
        return None

    def _transformers_class(self, expr: ast.expr) -> bool:
        """Whether ``expr`` names a Transformers model class (imported, or a local subclass of one)."""
        facts = self.ctx.facts
        return facts.class_framework(facts.value(expr)) == "pt"
