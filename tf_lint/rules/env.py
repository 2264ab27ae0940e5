"""CUDA env (TFL6xx): environment variables set after the library that reads them already did."""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Set, Tuple

from tf_lint.analysis import Constant
from tf_lint.analysis.order import run_order, run_order_of_body, walk_no_scopes
from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Position
from tf_lint.knowledge.hf_env import HF_IMPORT_TIME_ENV
from tf_lint.registry import Rule

# Read by the CUDA runtime / PyTorch's allocator when CUDA starts in the process.
CUDA_ENV = frozenset({"CUDA_VISIBLE_DEVICES", "CUDA_DEVICE_ORDER", "CUDA_LAUNCH_BLOCKING",
                      "PYTORCH_CUDA_ALLOC_CONF", "PYTORCH_ALLOC_CONF"})
# Libraries that import huggingface_hub (and so read its environment) when they are imported.
HF_LIBRARIES = frozenset({"transformers", "huggingface_hub", "datasets", "diffusers", "peft",
                          "sentence_transformers", "trl"})
# torch.cuda functions that initialise CUDA (each calls torch.cuda._lazy_init).
CUDA_INIT_CALLS = frozenset({
    "torch.cuda.init", "torch.cuda.set_device", "torch.cuda.current_device", "torch.cuda.synchronize",
    "torch.cuda.get_device_name", "torch.cuda.get_device_properties", "torch.cuda.get_device_capability",
    "torch.cuda.mem_get_info", "torch.cuda.Stream", "torch.cuda.Event", "torch.cuda.device",
})
# torch.cuda.is_available() (torch 2.13, torch/cuda/__init__.py, is_available) returns
# ``torch._C._cuda_getDeviceCount() > 0``: the CUDA runtime's cudaGetDeviceCount, which initialises the
# driver with cuInit, and the driver enumerates the devices it will ever see then. It does not start
# torch's CUDA state (no _lazy_init, no allocator), so only the variables the driver reads at cuInit are
# fixed by it. With PYTORCH_NVML_BASED_CUDA_CHECK=1 it returns ``device_count() > 0``, which counts
# through NVML and leaves the driver alone (unless NVML itself fails). device_count() never
# initialises on its own: it counts through NVML and falls back to cudaGetDeviceCount only when NVML fails.
DRIVER_INIT_CALLS = frozenset({"torch.cuda.is_available"})
# Constructors that call torch.cuda.is_available() when built for CUDA and enabled (torch 2.13,
# torch/amp/grad_scaler.py: ``if enabled and torch.cuda.amp.common.amp_definitely_not_available()``, which
# is ``not (torch.cuda.is_available() or ...)``). torch.cuda.amp.GradScaler passes device "cuda";
# torch.amp.GradScaler's device (first argument) defaults to "cuda". The values are the index of the
# ``enabled`` argument when given by position, and whether the first argument is the device.
GRAD_SCALERS = {
    "torch.cuda.amp.GradScaler": (4, False),
    "torch.cuda.amp.grad_scaler.GradScaler": (4, False),
    "torch.amp.GradScaler": (5, True),
    "torch.amp.grad_scaler.GradScaler": (5, True),
}
# Packages whose import initialises CUDA on a machine with a GPU. unsloth/__init__.py (unslothai/unsloth,
# every version from 2024.3 to 2026.1 read) calls ``torch.cuda.get_device_capability()`` at module level
# when its device type is "cuda", which starts torch's CUDA state (_lazy_init).
CUDA_INIT_IMPORTS = frozenset({"unsloth"})
DRIVER_ENV = frozenset({"CUDA_VISIBLE_DEVICES", "CUDA_DEVICE_ORDER"})
NVML_CHECK_ENV = "PYTORCH_NVML_BASED_CUDA_CHECK"
_NOT_A_GPU_MAP = ("cpu", "meta", "disk")
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ("os", "sys", "argparse", "json", "logging", "re",
                                                          "time", "pathlib", "typing", "subprocess")))


# The words every environment write holds: ``env_writes`` reads ``os.environ`` (an attribute or a name
# imported from ``os``, and what a notebook's ``%env`` is masked into) and ``os.putenv``.
ENV_WRITE_WORDS = ("environ", "putenv")


@dataclass
class EnvWrite:
    stmt: ast.stmt
    name: str
    value: Optional[ast.expr]  # the value expression, when one key is written
    how: str  # "item" | "update" | "setdefault" | "putenv"
    key: Optional[ast.expr] = None  # the key expression


def env_writes(stmt: ast.stmt, facts) -> List[EnvWrite]:
    """The environment variables a statement writes, with constant names."""
    writes: List[EnvWrite] = []

    def key(expr) -> Optional[str]:
        value = facts.value(expr)
        return value.value if isinstance(value, Constant) and isinstance(value.value, str) else None

    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            if isinstance(target, ast.Subscript) and facts.qualified_name(target.value) == "os.environ":
                name = key(target.slice)
                if name:
                    writes.append(EnvWrite(stmt, name, stmt.value, "item", target.slice))
    elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        call = stmt.value
        func = facts.qualified_name(call.func)
        if func in ("os.environ.setdefault", "os.putenv", "os.environ.__setitem__") and call.args:
            name = key(call.args[0])
            how = {"os.environ.setdefault": "setdefault", "os.putenv": "putenv"}.get(func, "item")
            if name:
                writes.append(EnvWrite(stmt, name, call.args[1] if len(call.args) > 1 else None, how, call.args[0]))
        elif func == "os.environ.update":
            pairs: List[Tuple[Optional[str], ast.expr, Optional[ast.expr]]] = []
            if call.args and isinstance(call.args[0], ast.Dict):
                pairs += [(key(k), v, k) for k, v in zip(call.args[0].keys, call.args[0].values) if k is not None]
            pairs += [(kw.arg, kw.value, None) for kw in call.keywords if kw.arg]
            single = len(pairs) == 1
            writes += [EnvWrite(stmt, name, value if single else None, "update", k)
                       for name, value, k in pairs if name]
    return writes


class _LateEnvRule(Rule):
    """Shared walk: events in run order, and the unsafe fix that moves a write to the top."""

    node_types = (ast.Module,)
    fix_availability = "sometimes"
    watched: frozenset = frozenset()

    def node_types_here(self):
        # Every finding is a statement writing a watched variable (``env_writes`` knows writes only in
        # assignments and call statements): without one anywhere in the document, no run order is walked.
        facts = self.ctx.facts
        for stmt in facts.nodes((ast.Assign, ast.Expr)):
            if isinstance(stmt, ast.Assign):
                if not any(isinstance(t, ast.Subscript) for t in stmt.targets):
                    continue
            elif not isinstance(stmt.value, ast.Call):
                continue
            if any(write.name in self.watched for write in env_writes(stmt, facts)):
                return self.node_types
        return ()

    def visit(self, node: ast.Module) -> Iterable[Diagnostic]:
        facts = self.ctx.facts
        reported: Set[int] = set()
        walked: Set[int] = set()
        self.start(node)
        yield from self._walk(node, run_order(node, facts), reported, walked)
        # A function the file never calls runs when some other code calls it: its own body still runs
        # in order, so a write after the function's own import (or CUDA call) comes too late whatever
        # ran before the call. Each such function is walked on its own, knowing only its own events.
        for function in facts.nodes((ast.FunctionDef, ast.AsyncFunctionDef)):
            if function.body and id(function.body[0]) not in walked:
                yield from self._walk(node, run_order_of_body(function, facts), reported, walked, fix=False)

    def _walk(self, module: ast.Module, order, reported: Set[int], walked: Set[int],
              fix: bool = True) -> Iterable[Diagnostic]:
        """Findings along one run order. ``fix=False`` for a function the file never calls: moving its
        write to the top of the module would run it whenever the module is imported, for every caller."""
        facts = self.ctx.facts
        # The first event of each kind, in run order (dicts keep insertion order: the earliest first).
        events: Dict[str, Tuple[ast.AST, str]] = {}
        for stmt, _chain in order:
            walked.add(id(stmt))
            for write in env_writes(stmt, facts):
                if write.name not in self.watched or id(stmt) in reported:
                    continue
                message = self.message_for(write, events)
                if message:
                    reported.add(id(stmt))
                    yield self.diagnostic(stmt, message, self._fix(module, write) if fix else None)
            for kind, found in self.events(stmt):
                events.setdefault(kind, found)

    def start(self, module: ast.Module) -> None:
        """Reset per-document state before the walk."""

    def events(self, stmt: ast.stmt) -> Iterable[Tuple[str, Tuple[ast.AST, str]]]:  # pragma: no cover
        """(kind, (node, description)) of what the statement does that the watched variables depend on."""
        raise NotImplementedError

    def message_for(self, write: EnvWrite, events: Dict[str, Tuple[ast.AST, str]]) -> Optional[str]:  # pragma: no cover
        raise NotImplementedError

    # --- the fix: move a constant write above everything that reads it --------------------------
    def _fix(self, module: ast.Module, write: EnvWrite) -> Optional[Fix]:
        doc = self.ctx.document
        stmt = write.stmt
        value = write.value
        if value is None or not isinstance(self.ctx.facts.value(value), Constant):
            return None
        constant = self.ctx.facts.value(value).value
        if not isinstance(constant, str):
            return None
        first, last = stmt.lineno, stmt.end_lineno
        before = doc.line(first).encode("utf-8")[: stmt.col_offset].decode("utf-8", "replace")
        after = doc.line(last).encode("utf-8")[stmt.end_col_offset:].decode("utf-8", "replace").strip()
        if before.strip() or (after and not after.startswith("#")):
            return None  # shares its line with other code
        newline = _newline(doc.text)
        value_text = self._literal(value, constant)
        key_text = self._literal(write.key, write.name)
        if write.key is None and value_text[:1] == '"':  # keyword form: follow the value's quotes
            key_text = f'"{write.name}"'

        moved = (f"os.environ.setdefault({key_text}, {value_text})" if write.how == "setdefault"
                 else f"os.environ[{key_text}] = {value_text}")
        after = re.sub(r"\s*#tf-lint-masked:\d+\s*$", "", after)  # a notebook magic's mask marker
        if after:  # the line's own comment travels with it
            moved += "  " + after
        row, has_os = self._insertion_row(module)
        insert = ("" if has_os else "import os" + newline) + moved + newline
        edits = [Edit(Position(row, 1), Position(row, 1), insert)]
        if self._alone_in_block(module, stmt):
            end = Position(last + 1, 1) if last < len(doc.lines) else Position(last, len(doc.lines[last - 1]) + 1)
            edits.append(Edit(Position(first, 1), end, before + "pass" + newline))
        elif last < len(doc.lines):
            edits.append(Edit(Position(first, 1), Position(last + 1, 1), ""))
        else:
            edits.append(Edit(Position(first, 1), Position(last, len(doc.lines[last - 1]) + 1), ""))
        return Fix(Applicability.UNSAFE, f"Move the assignment of `{write.name}` to the top of the file", edits)

    def _literal(self, expr: Optional[ast.expr], value: str) -> str:
        """The expression's own source when it is a one-line literal (keeps its quotes), else repr."""
        doc = self.ctx.document
        if isinstance(expr, ast.Constant) and expr.lineno == expr.end_lineno:
            return doc.segment(doc.start_of(expr), doc.end_of(expr))
        return repr(value)

    def _insertion_row(self, module: ast.Module) -> Tuple[int, bool]:
        """After the docstring, ``from __future__`` and standard-library imports (they import no
        Hugging Face library and start no CUDA) and earlier moved writes."""
        facts = self.ctx.facts
        row, has_os = None, False
        for index, stmt in enumerate(module.body):
            is_doc = (index == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
                      and isinstance(stmt.value.value, str))
            is_future = isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"
            is_stdlib = (isinstance(stmt, ast.Import)
                         and all(a.name.split(".")[0] in _STDLIB for a in stmt.names))
            is_os = isinstance(stmt, ast.Import) and any(a.name == "os" and not a.asname for a in stmt.names)
            if not (is_doc or is_future or is_stdlib or (has_os and env_writes(stmt, facts))):
                if row is None:
                    return stmt.lineno, has_os
                break
            has_os = has_os or is_os
            row = stmt.end_lineno + 1
        return (row or 1), has_os

    @staticmethod
    def _alone_in_block(module: ast.Module, stmt: ast.stmt) -> bool:
        for node in ast.walk(module):
            for field in ("body", "orelse", "finalbody"):
                block = getattr(node, field, None)
                if isinstance(block, list) and stmt in block:
                    return len(block) == 1 and node is not module
        return False


def _newline(text: str) -> str:
    index = text.find("\n")
    return "\r\n" if index > 0 and text[index - 1] == "\r" else "\n"


def _describe(call: ast.Call) -> str:
    text = ast.unparse(call)
    return text if len(text) <= 48 else ast.unparse(call.func) + "(...)"


class HfEnvAfterImport(_LateEnvRule):
    """## What it does
    Finds Hugging Face environment variables — `HF_HUB_OFFLINE`, `TRANSFORMERS_OFFLINE`, `HF_HOME`,
    `HF_HUB_CACHE`, `HF_ENDPOINT` and the others that `huggingface_hub` reads when it is imported —
    assigned (`os.environ[...] = ...`, `os.environ.update`, `setdefault`) after `transformers`,
    `huggingface_hub`, `datasets`, `diffusers`, `peft`, `sentence_transformers` or `trl` was imported
    in the same program, following the order Python runs it (module level, then the functions it
    calls). A function the file never calls (a library helper, a method) is read on its own: an
    assignment after the function's own import of one of those libraries is reported. Also
    `os.putenv` of such a variable anywhere: it never updates `os.environ`.

    Not reported: an assignment in a scope (the module, or one function) that also assigns an
    attribute of `huggingface_hub.constants` itself (`constants.HF_HUB_OFFLINE = True`): that code
    sets the value where huggingface_hub reads it, and the environment write only mirrors it.

    The list of variables is generated from `huggingface_hub/constants.py` (the reads made at module
    level; `HF_TOKEN`, read at call time, is not one of them).

    ## Why is this bad?
    `huggingface_hub` reads these variables once, at import, into module constants. An assignment
    after the import changes `os.environ` and nothing else: offline mode stays off and the job hangs
    or fails trying to reach the hub behind a firewall; the cache stays where it was. Measured with
    transformers 5.24 / huggingface_hub 2.4: `os.environ["HF_HUB_OFFLINE"] = "1"` after
    `import transformers` leaves `huggingface_hub.constants.HF_HUB_OFFLINE` False.

    ## Example
    ```python
    import os
    from transformers import AutoModel

    os.environ["HF_HUB_OFFLINE"] = "1"
    model = AutoModel.from_pretrained("google-bert/bert-base-uncased")
    ```

    ## Use instead
    ```python
    import os
    os.environ["HF_HUB_OFFLINE"] = "1"

    from transformers import AutoModel
    model = AutoModel.from_pretrained("google-bert/bert-base-uncased")
    ```
    Or set the variable in the shell that starts the job: `HF_HUB_OFFLINE=1 python train.py`.

    ## Fix safety
    The fix moves the assignment, when its name and value are constants and it stands on its own
    lines, to the top of the file (after the docstring and `from __future__` imports), adding
    `import os` if needed; `os.putenv` becomes an `os.environ` assignment. It is unsafe: it reorders
    code, and an assignment that was inside a function or a branch now always runs, at import time.
    An assignment in a function the file never calls gets no fix: at the top of the module it would
    run whenever the module is imported, for every caller (set the variable in the application
    before its first Hugging Face import, or assign `huggingface_hub.constants` as well).
    """

    code = "TFL602"
    name = "hf-env-after-import"
    summary = "Hugging Face environment variable set after huggingface_hub already read it"
    triggers = ENV_WRITE_WORDS
    watched = HF_IMPORT_TIME_ENV

    def start(self, module: ast.Module) -> None:
        self._patching_scopes = _scopes_patching_hub_constants(module, self.ctx.facts)

    def events(self, stmt):
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name.split(".")[0] in HF_LIBRARIES:
                    return [("import", (stmt, alias.name))]
        elif isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module:
            if stmt.module.split(".")[0] in HF_LIBRARIES:
                return [("import", (stmt, stmt.module))]
        return []

    def message_for(self, write: EnvWrite, events) -> Optional[str]:
        if write.how == "putenv":
            return (f"`os.putenv({write.name!r}, ...)` does not update `os.environ`, which huggingface_hub "
                    f"reads: it has no effect; assign `os.environ[{write.name!r}]` before the first import "
                    "of transformers or huggingface_hub")
        if "import" not in events or id(write.stmt) in self._patching_scopes:
            return None
        node, module = events["import"]
        return (f"`{write.name}` is set after `{module}` was imported ({self.ctx.document.where(node.lineno)}); "
                "huggingface_hub "
                "read it at import, so this assignment has no effect; set it before the first import")


class CudaEnvAfterInit(_LateEnvRule):
    """## What it does
    Finds `CUDA_VISIBLE_DEVICES`, `CUDA_DEVICE_ORDER`, `CUDA_LAUNCH_BLOCKING` and
    `PYTORCH_CUDA_ALLOC_CONF` assigned after a point where CUDA has certainly started in the same
    program: a `torch.cuda` call that initialises it (`torch.cuda.init`, `set_device`,
    `current_device`, `synchronize`, `get_device_name`/`properties`/`capability`, `mem_get_info`,
    streams and events), `.cuda()`, `.to("cuda")`, a tensor created with `device="cuda"`,
    `from_pretrained(..., device_map=...)` on a GPU map, a `pipeline` on a GPU `device`, or the
    import of a package that starts CUDA when it is imported (`unsloth`: its `__init__` calls
    `torch.cuda.get_device_capability()` on a CUDA machine). A function the file never calls is read
    on its own, from its first statement.

    `CUDA_VISIBLE_DEVICES` and `CUDA_DEVICE_ORDER` are also reported after `torch.cuda.is_available()`,
    the commonest real shape (`if torch.cuda.is_available(): os.environ["CUDA_VISIBLE_DEVICES"] = ...`).
    In torch 2.13 (`torch/cuda/__init__.py`, `is_available`) it returns `torch._C._cuda_getDeviceCount()
    > 0`, the CUDA runtime's `cudaGetDeviceCount`, which initialises the driver with `cuInit` (torch's
    own comment there says so); the driver enumerates the visible GPUs at that moment. A `GradScaler`
    built for CUDA and enabled (`torch.cuda.amp.GradScaler()`, `torch.amp.GradScaler("cuda")`, the
    defaults) calls `is_available()` in its constructor, and counts the same. It does not start
    torch's CUDA state, so the allocator's `PYTORCH_CUDA_ALLOC_CONF` is not reported after it. Not
    reported: an assignment that runs only when `is_available()` returned False (nothing to hide), and
    any `is_available()` after `PYTORCH_NVML_BASED_CUDA_CHECK=1` was set in the program (`os.environ`,
    `%env`): then it counts the devices through NVML (`device_count()`) and leaves the driver alone.
    `torch.cuda.device_count()` alone counts through NVML and does not initialise (it falls back to
    `cudaGetDeviceCount` only when NVML cannot be loaded); a bare `import torch` does nothing either.
    A variable set in the shell is not seen, so `PYTORCH_NVML_BASED_CUDA_CHECK=1 python train.py` still
    gets a finding.

    ## Why is this bad?
    The CUDA runtime reads these variables once, when it initialises. Set later, they do nothing: the
    job runs on the wrong GPU (or all of them), errors stay asynchronous with misleading tracebacks,
    and the allocator ignores its configuration. There is no error or warning.

    ## Example
    ```python
    import os
    import torch

    model = build_model().cuda()
    os.environ["CUDA_VISIBLE_DEVICES"] = "1"
    ```

    ## Use instead
    ```python
    import os
    os.environ["CUDA_VISIBLE_DEVICES"] = "1"

    import torch
    model = build_model().cuda()
    ```
    Or set it in the shell: `CUDA_VISIBLE_DEVICES=1 python train.py`. A GPU chosen only when one
    exists is chosen the same way: set the variable first (it is harmless on a machine without
    GPUs), then ask `torch.cuda.is_available()`.

    ## Fix safety
    The fix moves the assignment, when its name and value are constants and it stands on its own
    lines, to the top of the file, adding `import os` if needed. It is unsafe: it reorders code, and an
    assignment that was inside a function or a branch now always runs, at import time. An assignment in
    a function the file never calls gets no fix.
    """

    code = "TFL601"
    name = "cuda-env-after-init"
    summary = "CUDA environment variable set after CUDA was initialised"
    # Every name of CUDA_ENV holds one, and ``env_writes`` knows a name only as a string constant of the
    # document (a literal, a module constant, a masked ``%env``): the name is in the text.
    triggers = ("CUDA_", "PYTORCH_")
    watched = CUDA_ENV

    def start(self, module: ast.Module) -> None:
        self._nvml_check = False
        self._guarded_by_no_gpu = _no_gpu_branches(module, self.ctx.facts)

    def events(self, stmt):
        from tf_lint.analysis.order import own_expressions, walk_no_scopes

        for write in env_writes(stmt, self.ctx.facts):
            if write.name == NVML_CHECK_ENV and write.how != "putenv":
                value = self.ctx.facts.value(write.value) if write.value is not None else None
                self._nvml_check = isinstance(value, Constant) and value.value == "1"
        found = []
        for imported in _imported_packages(stmt):
            if imported in CUDA_INIT_IMPORTS:
                found.append(("init", (stmt, f"import {imported}")))
        for expr in own_expressions(stmt):
            for node in walk_no_scopes(expr):
                if not isinstance(node, ast.Call):
                    continue
                if self._initialises_cuda(node):
                    found.append(("init", (node, _describe(node))))
                elif self._initialises_driver(node):
                    found.append(("driver", (node, _describe(node))))
        return found

    def message_for(self, write: EnvWrite, events) -> Optional[str]:
        kinds = ("init", "driver") if write.name in DRIVER_ENV else ("init",)
        applicable = [kind for kind in events if kind in kinds]
        if not applicable:
            return None
        kind = applicable[0]
        if kind == "driver" and id(write.stmt) in self._guarded_by_no_gpu:
            return None  # runs only when the driver found no GPU: nothing left to hide or reorder
        node, what = events[kind]
        where = self.ctx.document.where(node.lineno)
        if kind == "driver":
            return (f"`{write.name}` is set after `{what}` ({where}) initialised the CUDA driver, which "
                    "enumerated the GPUs then: this assignment has no effect in this process; set it before "
                    f"the first `torch.cuda.is_available()` (or set {NVML_CHECK_ENV}=1 first)")
        return (f"`{write.name}` is set after CUDA was initialised ({where}: "
                f"`{what}`); CUDA read it "
                "at start-up, so this assignment has no effect; set it before anything touches CUDA")

    def _initialises_driver(self, call: ast.Call) -> bool:
        if self._nvml_check:
            return False
        func = self.ctx.facts.qualified_name(call.func)
        return func in DRIVER_INIT_CALLS or (func in GRAD_SCALERS and self._cuda_grad_scaler(call, func))

    def _cuda_grad_scaler(self, call: ast.Call, func: str) -> bool:
        """A GradScaler built for CUDA and enabled, as far as the call shows: the default device and
        ``enabled`` default are "cuda" and True; anything tf-lint cannot read means no finding."""
        enabled_index, device_first = GRAD_SCALERS[func]
        if any(isinstance(a, ast.Starred) for a in call.args) or any(kw.arg is None for kw in call.keywords):
            return False
        enabled = _keyword(call, "enabled")
        if enabled is None and len(call.args) > enabled_index:
            enabled = call.args[enabled_index]
        if enabled is not None:
            value = self.ctx.facts.value(enabled)
            if not (isinstance(value, Constant) and value.value is True):
                return False
        if device_first:
            device = _keyword(call, "device")
            if device is None and call.args:
                device = call.args[0]
            if device is not None:
                value = self.ctx.facts.value(device)
                if not (isinstance(value, Constant) and value.value == "cuda"):
                    return False
        return True

    def _initialises_cuda(self, call: ast.Call) -> bool:
        facts = self.ctx.facts
        func = facts.qualified_name(call.func)
        if func in CUDA_INIT_CALLS:
            return True
        if isinstance(call.func, ast.Attribute):
            attr = call.func.attr
            if attr == "cuda" and not call.args and self._uses_torch():
                return True
            if attr == "to" and call.args and self._is_gpu_device(call.args[0]):
                return True
            if attr == "from_pretrained":
                device_map = _keyword(call, "device_map")
                if device_map is not None and facts.class_framework(facts.value(call.func.value)) == "pt":
                    return self._is_gpu_map(device_map)
        if func and func.startswith("torch."):
            device = _keyword(call, "device")
            if device is not None and self._is_gpu_device(device):
                return True
        if func == "transformers.pipeline":
            device = _keyword(call, "device")
            if device is not None:
                value = facts.value(device)
                if isinstance(value, Constant) and isinstance(value.value, int) and not isinstance(value.value, bool):
                    return value.value >= 0
                return self._is_gpu_device(device)
            device_map = _keyword(call, "device_map")
            return device_map is not None and self._is_gpu_map(device_map)
        return False

    def _uses_torch(self) -> bool:
        return "torch" in self.ctx.document.text

    def _is_gpu_device(self, expr: ast.expr) -> bool:
        facts = self.ctx.facts
        value = facts.value(expr)
        if isinstance(value, Constant) and isinstance(value.value, str):
            return value.value.startswith("cuda")
        if isinstance(expr, ast.Call) and facts.qualified_name(expr.func) == "torch.device" and expr.args:
            return self._is_gpu_device(expr.args[0])
        if isinstance(expr, ast.Name):
            # device = torch.device("cuda") bound once
            bound = facts.assigned_expression(expr)
            return bound is not None and bound is not expr and self._is_gpu_device(bound)
        return False

    def _is_gpu_map(self, expr: ast.expr) -> bool:
        value = self.ctx.facts.value(expr)
        if isinstance(value, Constant):
            if isinstance(value.value, str):
                return value.value not in _NOT_A_GPU_MAP
            return isinstance(value.value, int) and not isinstance(value.value, bool) and value.value >= 0
        return False


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _scopes_patching_hub_constants(module: ast.Module, facts) -> Set[int]:
    """ids of the statements in a scope (the module, or one function's own body) that also assigns an
    attribute of ``huggingface_hub.constants`` itself (``constants.HF_HUB_OFFLINE = True``): such code
    knows the variable was read at import and sets the value where it is used; its environment write
    only mirrors it (for child processes)."""
    result: Set[int] = set()
    if not any(_patches_hub_constants(stmt, facts)
               for stmt in facts.nodes((ast.Assign, ast.AnnAssign, ast.AugAssign))):
        return result  # the common case: no code patches the constants
    scopes = [module] + facts.nodes((ast.FunctionDef, ast.AsyncFunctionDef))
    for scope in scopes:
        statements = [n for stmt in scope.body if not isinstance(stmt, _SCOPES)
                      for n in walk_no_scopes(stmt) if isinstance(n, ast.stmt)]
        if any(_patches_hub_constants(stmt, facts) for stmt in statements):
            result.update(id(stmt) for stmt in statements)
    return result


def _patches_hub_constants(stmt: ast.stmt, facts) -> bool:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else \
        [stmt.target] if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) else []
    return any(isinstance(t, ast.Attribute) and facts.qualified_name(t.value) == "huggingface_hub.constants"
               for t in targets)


def _imported_packages(stmt: ast.stmt) -> List[str]:
    """The top-level packages an ``import`` statement loads."""
    if isinstance(stmt, ast.Import):
        return [alias.name.split(".")[0] for alias in stmt.names]
    if isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module:
        return [stmt.module.split(".")[0]]
    return []


def _no_gpu_branches(module: ast.Module, facts) -> Set[int]:
    """ids of the statements that run only when ``torch.cuda.is_available()`` returned False: the body
    of ``if not torch.cuda.is_available():`` and the ``else`` of ``if torch.cuda.is_available():``."""
    guarded: Set[int] = set()

    def is_available(expr: ast.expr) -> bool:
        return isinstance(expr, ast.Call) and facts.qualified_name(expr.func) in DRIVER_INIT_CALLS

    for node in ast.walk(module):
        if not isinstance(node, ast.If):
            continue
        test = node.test
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and is_available(test.operand):
            branch = node.body
        elif is_available(test):
            branch = node.orelse
        else:
            continue
        for stmt in branch:
            guarded.update(id(n) for n in ast.walk(stmt) if isinstance(n, ast.stmt))
    return guarded


def _keyword(call: ast.Call, name: str) -> Optional[ast.expr]:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None

