"""The GPU a file runs on, when the configuration does not say: what the project records.

``--device-memory`` / ``device-memory`` in ``[tool.tf-lint]`` name the target device's memory and win.
When both are silent, the device is taken from what the file or its project writes down, read, never run:

- **Colab notebook metadata**: ``"accelerator": "GPU"`` with ``"colab": {"gpuType": "T4"}`` (the runtime
  type the notebook was saved with). ``machine_shape: "hm"`` is Colab's High-RAM runtime: more *system*
  memory, nothing about the GPU's. Colab's A100 runtime is documented as the 40 GB card; the metadata has
  no field for a size, so 40 GB is taken, and every message names the size it used. A ``gpuType`` not in
  ``COLAB_GPUS`` (runtimes added later, TPUs) gives no device.
- **A SageMaker estimator** in a notebook or script of the project (``HuggingFace(entry_point="train.py",
  instance_type="ml.g5.2xlarge", ...)``, ``PyTorch(...)``, any call of a ``sagemaker`` class with both
  keywords as literals): the entry-point script (under ``source_dir`` when given) runs on that instance:
  ``INSTANCES`` maps the instance type to its GPU model and count. Estimators that disagree about one
  script give no device.

The memory rules estimate per GPU: a device with several GPUs runs one process per GPU (``torchrun``,
``accelerate launch``) and each holds its own copy of the model unless the program shards it, which the
estimate declines (``estimate._UNSUPPORTED_ARGS``).
"""

from __future__ import annotations

import ast
import json
import os
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from tf_lint import deps
from tf_lint.launches import shown_path

GIB = 1024 ** 3


@dataclass(frozen=True)
class Gpu:
    """A GPU model: its memory (GiB, as sold: 16 GB of GDDR6 on a T4 is 16 GiB of memory chips) and its
    CUDA compute capability (NVIDIA's "CUDA GPUs" table; ``torch.cuda.get_device_capability``)."""

    model: str
    memory_gib: int
    capability: Tuple[int, int]

    @property
    def ampere_or_newer(self) -> bool:
        return self.capability >= (8, 0)


GPUS: Dict[str, Gpu] = {
    "T4": Gpu("T4", 16, (7, 5)),
    "V100": Gpu("V100", 16, (7, 0)),
    "V100-32GB": Gpu("V100", 32, (7, 0)),
    "A10G": Gpu("A10G", 24, (8, 6)),
    "L4": Gpu("L4", 24, (8, 9)),
    "A100": Gpu("A100", 40, (8, 0)),
    "A100-80GB": Gpu("A100", 80, (8, 0)),
    "H100": Gpu("H100", 80, (9, 0)),
}

# Colab's ``gpuType`` -> GPU. T4 and V100 16 GB, L4 24 GB, A100 40 GB (Colab's GPU table as published on
# its runtime pages and restated by third-party guides, e.g. lillytechsystems' "GPU & TPU Acceleration"
# and McCormick's "Colab GPUs Features & Pricing"; the notebooks of ../shared/corpus use T4 44 times,
# A100 30, L4 14, V100 4).
COLAB_GPUS: Dict[str, str] = {"T4": "T4", "V100": "V100", "L4": "L4", "A100": "A100"}

# SageMaker instance type (``ml.`` + the EC2 type) -> (GPU, GPUs per instance). Sources: AWS's EC2 User
# Guide, "Accelerated computing instances" (GPU model per family: G4dn T4, G5 A10G, G6 L4, P3 V100, P4d
# A100, P5 H100) and the per-size GPU counts of AWS's instance-type pages as restated in RAPIDS'
# deployment docs ("Amazon Web Services": p5.48xlarge 8×H100 80 GB, p4d.24xlarge 8×A100 40 GB,
# p3dn.24xlarge 8×V100 32 GB, p3.2x/8x/16xlarge 1/4/8×V100 16 GB, g6 and g5 and g4dn sizes) and in
# shashankprasanna's "Choosing the right GPU for deep learning on AWS" table (g5.xlarge to g5.16xlarge 1×A10G,
# g5.12xlarge and g5.24xlarge 4, g5.48xlarge 8). Only the sizes those sources list are here.
INSTANCES: Dict[str, Tuple[str, int]] = {
    "g4dn.xlarge": ("T4", 1), "g4dn.2xlarge": ("T4", 1), "g4dn.4xlarge": ("T4", 1), "g4dn.8xlarge": ("T4", 1),
    "g4dn.16xlarge": ("T4", 1), "g4dn.12xlarge": ("T4", 4), "g4dn.metal": ("T4", 8),
    "g5.xlarge": ("A10G", 1), "g5.2xlarge": ("A10G", 1), "g5.4xlarge": ("A10G", 1), "g5.8xlarge": ("A10G", 1),
    "g5.16xlarge": ("A10G", 1), "g5.12xlarge": ("A10G", 4), "g5.24xlarge": ("A10G", 4), "g5.48xlarge": ("A10G", 8),
    "g6.24xlarge": ("L4", 4), "g6.48xlarge": ("L4", 8),
    "p3.2xlarge": ("V100", 1), "p3.8xlarge": ("V100", 4), "p3.16xlarge": ("V100", 8),
    "p3dn.24xlarge": ("V100-32GB", 8),
    "p4d.24xlarge": ("A100", 8),
    "p5.48xlarge": ("H100", 8),
}


@dataclass(frozen=True)
class Device:
    """The device a file runs on, and where that was read (``where``: "the notebook's metadata",
    "`launch.ipynb:cell 3`")."""

    gpu: Gpu
    count: int
    where: str
    platform: str = ""  # "Colab", or the SageMaker instance type

    @property
    def memory_bytes(self) -> int:
        return self.gpu.memory_gib * GIB

    def describe(self) -> str:
        if self.platform == "Colab":
            return f"Colab {self.gpu.model} ({self.gpu.memory_gib} GB) from {self.where}"
        return f"{self.platform} ({self.count}x {self.gpu.model}, {self.gpu.memory_gib} GB) at {self.where}"


def device_for(path: str, settings) -> Optional[Device]:
    """The device ``path`` runs on as its project records it, or None; None as well when the
    configuration or the command line names the device memory (``settings.device_source``)."""
    if getattr(settings, "device_source", None) or not path:
        return None
    if path.lower().endswith(".ipynb"):
        found = colab_device(path)
        if found is not None:
            return found
    if path.lower().endswith(".py"):
        return sagemaker_device(path)
    return None


def describe_device(settings) -> str:
    """The configured device memory and where it was set."""
    memory = f"{settings.device_memory_gib:g} GiB"
    if getattr(settings, "device_source", None):
        return f"{memory} (from {settings.device_source})"
    return f"{memory} (the default: no device in the configuration or the project)"


def memory_of(path: str, settings) -> Tuple[int, Optional[Device]]:
    """The target device's memory in bytes for ``path``, and the device from context it came from."""
    device = device_for(path, settings)
    if device is not None:
        return device.memory_bytes, device
    return int(settings.device_memory_gib * GIB), None


# --- Colab ----------------------------------------------------------------------------------------------
_COLAB: Dict[str, Optional[Device]] = {}


def colab_device(path: str) -> Optional[Device]:
    key = os.path.abspath(path)
    if key not in _COLAB:
        try:
            with open(key, "rb") as f:
                data = f.read()
        except OSError:
            data = b""
        _COLAB[key] = colab_device_of(data)
    return _COLAB[key]


def colab_device_of(data: bytes) -> Optional[Device]:
    """The GPU of a notebook's Colab metadata (the notebook file's bytes), or None."""
    if b"gpuType" not in data:
        return None
    try:
        notebook = json.loads(data)
    except ValueError:
        return None
    metadata = notebook.get("metadata") if isinstance(notebook, dict) else None
    if not isinstance(metadata, dict) or metadata.get("accelerator") != "GPU":
        return None
    colab = metadata.get("colab")
    gpu_type = colab.get("gpuType") if isinstance(colab, dict) else None
    name = COLAB_GPUS.get(gpu_type) if isinstance(gpu_type, str) else None
    if name is None:
        return None
    return Device(GPUS[name], 1, "the notebook's metadata", "Colab")


# --- SageMaker ------------------------------------------------------------------------------------------
MAX_FILES = 4000
MAX_BYTES = 2 * 1024 * 1024
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "build", "dist", "venv", "site-packages"})
_INDEX: Dict[str, Tuple[List[str], Dict[str, List[Device]]]] = {}


def clear_cache() -> None:
    _INDEX.clear()
    _COLAB.clear()
    _ACCELERATE.clear()


def sagemaker_device(script: str) -> Optional[Device]:
    """The instance a SageMaker estimator of ``script``'s project runs ``script`` on, or None."""
    from tf_lint.target import project_root

    script = os.path.abspath(script)
    root = project_root(os.path.dirname(script))
    index = _INDEX.get(root)
    if index is None:
        index = _INDEX[root] = _build_index(root)
    files, by_script = index
    deps.note(*files)
    devices = by_script.get(script, [])
    if not devices or len({(d.gpu, d.count) for d in devices}) != 1:
        return None
    return devices[0]


def _build_index(root: str) -> Tuple[List[str], Dict[str, List[Device]]]:
    files: List[str] = []
    by_script: Dict[str, List[Device]] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(names):
            if not name.endswith((".py", ".ipynb")):
                continue
            path = os.path.join(folder, name)
            files.append(path)  # noted for the result cache: an estimator added to it changes the answer
            if len(files) > MAX_FILES:
                return files, by_script
            try:
                if os.path.getsize(path) > MAX_BYTES:
                    continue
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                continue
            if b"instance_type" not in data or b"entry_point" not in data:
                continue
            for script, device in _estimators_in(path, data):
                by_script.setdefault(script, []).append(device)
    return files, by_script


def _code_of(path: str, data: bytes) -> List[Tuple[str, str]]:
    """(Python text, where its line 1 is) of a script or of each code cell of a notebook."""
    shown = shown_path(path)
    if not path.endswith(".ipynb"):
        return [(data.decode("utf-8", "replace"), shown)]
    try:
        notebook = json.loads(data)
    except ValueError:
        return []
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    found = []
    for number, cell in enumerate(cells if isinstance(cells, list) else [], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source")
        text = "".join(source) if isinstance(source, list) else source if isinstance(source, str) else ""
        # Magics and shell lines are not Python: blank them, keeping the line numbers.
        text = "\n".join("" if line.lstrip().startswith(("!", "%")) else line for line in text.splitlines())
        found.append((text, f"{shown}:cell {number}"))
    return found


def _estimators_in(path: str, data: bytes) -> List[Tuple[str, Device]]:
    found: List[Tuple[str, Device]] = []
    here = os.path.dirname(path)
    trees = []
    for text, where in _code_of(path, data):
        try:
            trees.append((ast.parse(text), where))
        except (SyntaxError, ValueError):
            continue
    if not any(_imports_sagemaker(tree) for tree, _ in trees):  # the estimator is SageMaker's
        return found
    for tree, where in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            itype = _literal(keywords.get("instance_type"))
            entry = _literal(keywords.get("entry_point"))
            if itype is None or entry is None or not itype.startswith("ml.") or not entry.endswith(".py"):
                continue
            known = INSTANCES.get(itype[3:])
            source_dir = keywords.get("source_dir")
            folder = _literal(source_dir) if source_dir is not None else "."
            if known is None or folder is None or any(k.arg is None for k in node.keywords):
                continue
            gpu, count = known
            script = os.path.normpath(os.path.join(here, folder, entry))
            line = f"{where}:{node.lineno}" if ":cell" not in where else f"{where}, line {node.lineno}"
            found.append((os.path.abspath(script), Device(GPUS[gpu], count, f"`{line}`", itype)))
    return found


def _imports_sagemaker(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "sagemaker" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sagemaker":
            return True
    return False


def _literal(node: Optional[ast.expr]) -> Optional[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None



# --- accelerate ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Distributed:
    """How ``accelerate launch`` runs a script, from the config file the launch names (``--config_file``)
    and the launch's own options: ``processes`` per run, and what each process holds of the model:
    ``sharding`` None (a full copy: one GPU, DDP), "zero1" (optimizer states divided), "zero2" /
    "shard_grad_op" (optimizer states and gradients), "zero3" / "full_shard" (weights too)."""

    processes: int
    sharding: Optional[str]
    mixed_precision: Optional[str]
    config: str  # the config file, as shown
    launch: str  # the launch command's place

    def describe(self) -> str:
        kind = {None: "no sharding", "zero1": "DeepSpeed ZeRO-1", "zero2": "DeepSpeed ZeRO-2",
                "zero3": "DeepSpeed ZeRO-3", "shard_grad_op": "FSDP SHARD_GRAD_OP",
                "full_shard": "FSDP FULL_SHARD"}[self.sharding]
        return f"{self.processes} processes, {kind} (`{self.config}`, named by `{self.launch}`)"


# Returned when a launch runs the script with ``accelerate launch`` but its configuration cannot be read:
# the user's default config (``~/.cache/huggingface/accelerate``), a shell variable, an unknown strategy.
UNKNOWN_DISTRIBUTED = Distributed(0, None, None, "", "")
_FSDP_STRATEGIES = {"FULL_SHARD": "full_shard", "1": "full_shard", "SHARD_GRAD_OP": "shard_grad_op",
                    "2": "shard_grad_op", "NO_SHARD": None, "3": None}
_ACCELERATE: Dict[str, Optional[Distributed]] = {}


def distributed_for(script: str) -> Optional[Distributed]:
    """How the project's ``accelerate launch`` commands run ``script``: None when no launch uses
    accelerate, ``UNKNOWN_DISTRIBUTED`` when one does and its configuration is not known, or when the
    launches of the script disagree (one through accelerate, another not, or two configurations)."""
    script = os.path.abspath(script)
    from tf_lint.launches import judging_one_launch, launches_of

    one = judging_one_launch()
    if script in _ACCELERATE and not one:
        return _ACCELERATE[script]

    launches = launches_of(script)
    found = [_accelerate_of(launch, script) for launch in launches]
    result: Optional[Distributed] = None
    if any(f is not None for f in found):
        configs = {(f.processes, f.sharding) if f is not None else None for f in found}
        known = [f for f in found if f is not None and f is not UNKNOWN_DISTRIBUTED]
        result = known[0] if len(configs) == 1 and known else UNKNOWN_DISTRIBUTED
    if not one:
        _ACCELERATE[script] = result
    return result


def distributed_of_launch(launch, line: Optional[str] = None, here: str = "") -> Optional[Distributed]:
    """How one launch command runs its script: None when it is not an ``accelerate launch``,
    ``UNKNOWN_DISTRIBUTED`` when its configuration is not read here (see :func:`distributed_for`);
    ``line``: the command's text, when the caller has it (a notebook's or page's command, read from its
    document), with ``here`` its folder."""
    if line is None:
        return _accelerate_of(launch, launch.script)
    return _accelerate_of(launch, launch.script, [(line, here)])


def _launch_lines(where: str) -> List[Tuple[str, str]]:
    """(command line, its folder) of a launch: the line of a shell script or a page (``file:row``),
    the shell lines of a notebook's cell (``nb.ipynb:cell 3``)."""
    from tf_lint.installs import joined_lines

    shown, _, place = where.rpartition(":")
    path = os.path.abspath(shown)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return []
    if place.startswith("cell "):
        from tf_lint.sources.notebook import cells_of, shell_lines

        return [(line, os.path.dirname(path)) for line, cell in shell_lines(cells_of(data), "accelerate")
                if cell == place]
    if not place.isdigit():
        return []
    lines = data.decode("utf-8", "replace").splitlines()
    return [(line, os.path.dirname(path)) for index, line in joined_lines(lines) if index == int(place) - 1]


def _accelerate_of(launch, script: str, lines: Optional[List[Tuple[str, str]]] = None) -> Optional[Distributed]:
    """The accelerate configuration of one launch; None when it is not an ``accelerate launch``."""
    import re

    from tf_lint.installs import shell_commands

    commands = [(words, here) for line, here in (_launch_lines(launch.where) if lines is None else lines)
                for words in shell_commands(re.sub(r"^\s*(?:[!%]+|\$\s+)", "", line))]
    for words, here in commands:
        while words and ("=" in words[0] and not words[0].startswith("-") or words[0] in ("sudo", "nohup", "time",
                                                                                          "exec", "env")):
            words = words[1:]
        if len(words) < 2 or os.path.basename(words[0]) != "accelerate" or words[1] != "launch":
            continue
        options: Dict[str, str] = {}
        flags = set()
        rest = words[2:]
        i = 0
        while i < len(rest) and not rest[i].endswith(".py"):
            word = rest[i]
            i += 1
            if "$" in word or "`" in word:
                return UNKNOWN_DISTRIBUTED
            if not word.startswith("--"):
                continue
            name, eq, value = word[2:].partition("=")
            name = name.replace("-", "_")
            if not eq and i < len(rest) and not rest[i].startswith("-") and not rest[i].endswith(".py"):
                value = rest[i]
                i += 1
            if eq or value:
                options[name] = value
            else:
                flags.add(name)
        if i >= len(rest) or os.path.basename(rest[i]) != os.path.basename(script):
            continue
        return _configured(options, flags, here, launch.where)
    return None


def _configured(options: Dict[str, str], flags: set, here: str, where: str) -> Distributed:
    from tf_lint.target import project_root

    name = options.get("config_file")
    if name is None or flags & {"use_deepspeed", "use_fsdp", "multi_gpu"} or "zero_stage" in options:
        return UNKNOWN_DISTRIBUTED  # the default config, or options that change it here: not read
    data = found = None
    for base in (here, project_root(here)):
        path = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(path):
            data, found = _read_config(path), path
            deps.note(path)
            break
    if found is None or not isinstance(data, dict):
        return UNKNOWN_DISTRIBUTED
    try:
        processes = int(options.get("num_processes", data.get("num_processes", 1)))
    except (TypeError, ValueError):
        return UNKNOWN_DISTRIBUTED
    kind = str(data.get("distributed_type", "NO")).upper()
    sharding: Optional[str] = None
    if kind == "DEEPSPEED":
        ds = data.get("deepspeed_config")
        if not isinstance(ds, dict) or ds.get("deepspeed_config_file") or \
                str(ds.get("offload_optimizer_device", "none")).lower() != "none" or \
                str(ds.get("offload_param_device", "none")).lower() != "none":
            return UNKNOWN_DISTRIBUTED  # a DeepSpeed JSON of its own, or states offloaded to the CPU
        stage = ds.get("zero_stage")
        if stage not in (0, 1, 2, 3):
            return UNKNOWN_DISTRIBUTED
        sharding = {0: None, 1: "zero1", 2: "zero2", 3: "zero3"}[stage]
    elif kind == "FSDP":
        fsdp = data.get("fsdp_config")
        if not isinstance(fsdp, dict) or fsdp.get("fsdp_offload_params") in (True, "true"):
            return UNKNOWN_DISTRIBUTED
        strategy = str(fsdp.get("fsdp_sharding_strategy", "FULL_SHARD")).upper()
        if strategy not in _FSDP_STRATEGIES:
            return UNKNOWN_DISTRIBUTED
        sharding = _FSDP_STRATEGIES[strategy]
    elif kind not in ("NO", "MULTI_GPU"):
        return UNKNOWN_DISTRIBUTED  # TPUs, Megatron-LM, other accelerators
    if processes < 1:
        return UNKNOWN_DISTRIBUTED
    mixed = data.get("mixed_precision")
    return Distributed(processes, sharding if processes > 1 else None,
                       str(mixed) if mixed not in (None, "no") else None, shown_path(found), where)


def _read_config(path: str):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    if path.endswith(".json"):
        try:
            return json.loads(text)
        except ValueError:
            return None
    try:
        import yaml  # accelerate writes its configs with PyYAML; without it the config stays unread
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None
