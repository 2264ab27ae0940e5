"""The device from context (tf_lint.device): Colab metadata, SageMaker estimators, and who wins."""

import json
import os
import subprocess
import sys

import pytest

from tf_lint import device
from tf_lint.config import ConfigResolver, Settings
from tf_lint.engine import Linter
from tf_lint.sources import read_source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SFT = """from transformers import AutoModelForCausalLM
from trl import SFTConfig, SFTTrainer

model = AutoModelForCausalLM.from_pretrained("openai-community/gpt2")
args = SFTConfig("out", per_device_train_batch_size=16, max_length=1024)
SFTTrainer(model=model, args=args, train_dataset=train).train()
"""
FLASH = """import torch
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B", dtype=torch.float16,
                                             attn_implementation="flash_attention_2")
"""


def _notebook(cells, gpu_type=None, accelerator="GPU", shape=None):
    metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3"}}
    if gpu_type is not None:
        metadata["accelerator"] = accelerator
        metadata["colab"] = {"gpuType": gpu_type, "provenance": []}
        if shape:
            metadata["colab"]["machine_shape"] = shape
    return json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                                  "source": cell} for cell in cells],
                       "metadata": metadata, "nbformat": 4, "nbformat_minor": 0}).encode()


@pytest.fixture(autouse=True)
def _fresh():
    device.clear_cache()
    yield
    device.clear_cache()


@pytest.mark.parametrize("gpu_type, model, memory, capability", [
    ("T4", "T4", 16, (7, 5)), ("V100", "V100", 16, (7, 0)), ("L4", "L4", 24, (8, 9)), ("A100", "A100", 40, (8, 0))])
def test_colab_gpu_types(gpu_type, model, memory, capability):
    found = device.colab_device_of(_notebook(["x = 1"], gpu_type))
    assert (found.gpu.model, found.gpu.memory_gib, found.gpu.capability) == (model, memory, capability)
    assert found.describe() == f"Colab {model} ({memory} GB) from the notebook's metadata"


def test_colab_high_ram_shape_is_system_memory():
    # "hm" is Colab's High-RAM runtime: the A100 stays the 40 GB card.
    assert device.colab_device_of(_notebook(["x = 1"], "A100", shape="hm")).gpu.memory_gib == 40


@pytest.mark.parametrize("data", [
    _notebook(["x = 1"]),  # no Colab metadata
    _notebook(["x = 1"], "T4", accelerator="TPU"),  # a gpuType left over from another runtime
    _notebook(["x = 1"], "H200"),  # a GPU type the table does not hold
    b"{not json gpuType",
])
def test_colab_without_a_known_gpu(data):
    assert device.colab_device_of(data) is None


def _project(tmp_path, files):
    (tmp_path / ".git").mkdir()
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return tmp_path


LAUNCH = """from sagemaker.huggingface import HuggingFace

estimator = HuggingFace(
    entry_point="train.py",
    source_dir="scripts",
    instance_type="{itype}",
    instance_count=1,
    role=role,
)
estimator.fit()
"""


def test_sagemaker_estimator_gives_its_entry_point_the_instance(tmp_path):
    root = _project(tmp_path, {"launch.py": LAUNCH.format(itype="ml.g5.2xlarge"), "scripts/train.py": SFT})
    found = device.sagemaker_device(str(root / "scripts" / "train.py"))
    assert (found.gpu.model, found.count, found.gpu.memory_gib) == ("A10G", 1, 24)
    assert found.describe().startswith("ml.g5.2xlarge (1x A10G, 24 GB) at `")
    assert found.describe().endswith("launch.py:3`")
    assert device.sagemaker_device(str(root / "launch.py")) is None  # the launcher itself runs elsewhere


def test_sagemaker_estimator_in_a_notebook(tmp_path):
    notebook = _notebook(["import sagemaker\nfrom sagemaker.pytorch import PyTorch",
                          LAUNCH.replace("from sagemaker.huggingface import HuggingFace\n", "")
                          .replace("HuggingFace(", "PyTorch(").format(itype="ml.g4dn.xlarge")])
    root = _project(tmp_path, {"launch.ipynb": notebook, "scripts/train.py": FLASH})
    found = device.sagemaker_device(str(root / "scripts" / "train.py"))
    assert (found.gpu.model, found.gpu.capability) == ("T4", (7, 5))
    assert "launch.ipynb:cell 2, line 2" in found.describe()


@pytest.mark.parametrize("files", [
    # Two estimators that disagree about the script's instance.
    {"a.py": LAUNCH.format(itype="ml.g5.2xlarge"), "b.py": LAUNCH.format(itype="ml.p4d.24xlarge")},
    # Not SageMaker's: nothing imports sagemaker.
    {"a.py": LAUNCH.format(itype="ml.g5.2xlarge").replace("from sagemaker.huggingface import HuggingFace", "")},
    # An instance type the table does not hold, and one given at run time.
    {"a.py": LAUNCH.format(itype="ml.g7.2xlarge")},
    {"a.py": LAUNCH.replace('"{itype}"', "args.instance_type")},
])
def test_sagemaker_unknown(tmp_path, files):
    root = _project(tmp_path, {**files, "scripts/train.py": SFT})
    assert device.sagemaker_device(str(root / "scripts" / "train.py")) is None


def _lint(path, settings=None):
    settings = settings or ConfigResolver().for_path(str(path))
    with open(path, "rb") as f:
        return Linter(settings).process_source(read_source(str(path), f.read())).diagnostics


def test_memory_rule_takes_the_colab_gpu(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(_notebook([SFT], "T4"))
    found = [d for d in _lint(path) if d.code == "TFL401"]
    assert len(found) == 1
    assert "exceeds the 16.0 GiB device (Colab T4 (16 GB) from the notebook's metadata)" in found[0].message
    # The same notebook on an A100 (40 GB) fits: the device decided the finding.
    path.write_bytes(_notebook([SFT], "A100"))
    device.clear_cache()
    assert [d for d in _lint(path) if d.code == "TFL401"] == []


def test_configured_device_memory_wins(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(_notebook([SFT, FLASH], "T4"))
    settings = ConfigResolver(overrides={"device_memory_gib": "80GiB"}).for_path(str(path))
    assert settings.device_source == "command line"
    assert [d.code for d in _lint(path, settings)] == []  # 80 GiB, and no GPU model: no TFL403 either
    (tmp_path / "pyproject.toml").write_text("[tool.tf-lint]\ndevice-memory = \"24GiB\"\n")
    settings = ConfigResolver().for_path(str(path))
    assert settings.device_source.endswith("pyproject.toml:2 [tool.tf-lint]")
    assert device.device_for(str(path), settings) is None
    assert device.device_for(str(path), Settings()) is not None


def test_flash_attention_on_a_sagemaker_t4(tmp_path):
    root = _project(tmp_path, {"launch.py": LAUNCH.format(itype="ml.g4dn.xlarge"), "scripts/train.py": FLASH})
    found = _lint(root / "scripts" / "train.py")
    assert [(d.code, d.start.row) for d in found] == [("TFL403", 5)]
    assert "ml.g4dn.xlarge (1x T4, 16 GB) at `" in found[0].message
    (root / "launch.py").write_text(LAUNCH.format(itype="ml.g5.2xlarge"))
    device.clear_cache()
    assert _lint(root / "scripts" / "train.py") == []  # an A10G is Ampere


def test_flash_attention_version_true(tmp_path):
    """transformers before 4.36 had no ``attn_implementation``: the keyword changed nothing."""
    path = tmp_path / "nb.ipynb"
    path.write_bytes(_notebook([FLASH], "T4"))
    assert [d.code for d in _lint(path, Settings(target_transformers_version="4.35.2"))] == []
    assert [d.code for d in _lint(path, Settings(target_transformers_version="4.36.2"))] == ["TFL403"]


def test_show_settings_and_estimate_name_the_device(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(_notebook([SFT], "L4"))
    env = {**os.environ, "PYTHONPATH": ROOT}
    shown = subprocess.run([sys.executable, "-m", "tf_lint", "--show-settings", str(path)], capture_output=True,
                           text=True, cwd=str(tmp_path), env=env)
    assert "  device = Colab L4 (24 GB) from the notebook's metadata" in shown.stdout
    estimated = subprocess.run([sys.executable, "-m", "tf_lint", "estimate", "--format", "json", str(path)],
                               capture_output=True, text=True, cwd=str(tmp_path), env=env)
    report = json.loads(estimated.stdout)[str(path)][0]
    assert report["device"] == "Colab L4 (24 GB) from the notebook's metadata"
    assert report["device_memory_bytes"] == 24 * 1024 ** 3
    configured = subprocess.run([sys.executable, "-m", "tf_lint", "estimate", "--format", "json",
                                 "--device-memory", "40GiB", str(path)], capture_output=True, text=True,
                                cwd=str(tmp_path), env=env)
    assert json.loads(configured.stdout)[str(path)][0]["device"] == "40 GiB (from command line)"


TRAIN_8B = """import torch
from transformers import AutoModelForCausalLM
from trl import SFTConfig, SFTTrainer

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B", dtype=torch.bfloat16)
args = SFTConfig("out", per_device_train_batch_size=8, max_length=2048, bf16=True, gradient_checkpointing=True)
SFTTrainer(model=model, args=args, train_dataset=train).train()
"""
ZERO3 = """compute_environment: LOCAL_MACHINE
deepspeed_config:
  offload_optimizer_device: none
  offload_param_device: none
  zero3_init_flag: true
  zero_stage: {stage}
distributed_type: DEEPSPEED
mixed_precision: bf16
num_machines: 1
num_processes: 8
"""
FSDP = """distributed_type: FSDP
fsdp_config:
  fsdp_offload_params: false
  fsdp_sharding_strategy: {strategy}
mixed_precision: bf16
num_processes: 4
"""


def _cases_of(path, placeholders=False):
    import ast

    from tf_lint.analysis import Facts
    from tf_lint.estimate import find_cases
    from tf_lint.launches import clear_cache

    clear_cache()
    device.clear_cache()
    tree = ast.parse(open(path).read())
    return find_cases(tree, Facts(tree, str(path)), str(path), 5, placeholders=placeholders)


@pytest.mark.parametrize("config, launch, expected", [
    (ZERO3.format(stage=3), "accelerate launch --config_file configs/ds.yaml train.py", (8, "zero3")),
    (ZERO3.format(stage=2), "accelerate launch --config_file=configs/ds.yaml --num_processes 2 train.py", (2, "zero2")),
    (FSDP.format(strategy="FULL_SHARD"), "accelerate launch --config_file configs/ds.yaml train.py", (4, "full_shard")),
    (FSDP.format(strategy="SHARD_GRAD_OP"), "accelerate launch --config_file configs/ds.yaml train.py",
     (4, "shard_grad_op")),
    ("distributed_type: MULTI_GPU\nnum_processes: 2\n", "accelerate launch --config_file configs/ds.yaml train.py",
     (2, None)),
])
def test_accelerate_config_of_the_launch(tmp_path, config, launch, expected):
    root = _project(tmp_path, {"configs/ds.yaml": config, "train.py": TRAIN_8B, "run.sh": launch + "\n"})
    found = device.distributed_for(str(root / "train.py"))
    assert (found.processes, found.sharding) == expected
    assert found.launch.endswith("run.sh:1")
    shown = subprocess.run([sys.executable, "-m", "tf_lint", "--show-settings", "train.py"], capture_output=True,
                           text=True, cwd=str(root), env={**os.environ, "PYTHONPATH": ROOT})
    assert f"  accelerate = {expected[0]} processes, " in shown.stdout
    assert "(`configs/ds.yaml`, named by `run.sh:1`)" in shown.stdout
    cases = _cases_of(root / "train.py")
    assert [(c.setup.processes, c.setup.sharding) for c in cases] == [expected]


def test_accelerate_config_found_at_the_project_root_is_shown_where_it_is(tmp_path):
    """A launch in ``scripts/`` naming ``configs/ds.yaml``, found at the project root: the message shows
    that file, not the launching folder joined to the name."""
    root = _project(tmp_path, {"configs/ds.yaml": ZERO3.format(stage=3), "train.py": TRAIN_8B,
                               "scripts/run.sh": "accelerate launch --config_file configs/ds.yaml train.py\n"})
    found = device.distributed_for(str(root / "train.py"))
    assert (found.processes, found.sharding) == (8, "zero3")
    assert os.path.normpath(os.path.join(os.getcwd(), found.config)) == str(root / "configs" / "ds.yaml")


@pytest.mark.parametrize("files", [
    {"run.sh": "accelerate launch train.py\n"},  # the user's default config decides
    {"run.sh": "accelerate launch --config_file $CONFIG train.py\n"},
    {"run.sh": "accelerate launch --config_file configs/ds.yaml train.py\n",
     "configs/ds.yaml": ZERO3.format(stage=3).replace("offload_optimizer_device: none",
                                                        "offload_optimizer_device: cpu")},
    {"run.sh": "accelerate launch --config_file configs/ds.yaml train.py\npython train.py\n",
     "configs/ds.yaml": ZERO3.format(stage=3)},  # two launches that disagree
])
def test_accelerate_config_not_known(tmp_path, files):
    root = _project(tmp_path, {**files, "train.py": TRAIN_8B})
    assert device.distributed_for(str(root / "train.py")) is device.UNKNOWN_DISTRIBUTED
    assert _cases_of(root / "train.py") == []  # the rules: it may be sharded, so nothing is sized
    [case] = _cases_of(root / "train.py", placeholders=True)
    assert case.setup.sharding is None and "configuration not read here" in case.notes[0]


def test_no_accelerate_launch(tmp_path):
    root = _project(tmp_path, {"run.sh": "python train.py\n", "train.py": TRAIN_8B})
    assert device.distributed_for(str(root / "train.py")) is None
    assert [c.setup.processes for c in _cases_of(root / "train.py")] == [1]


def test_sharding_divides_the_estimate():
    from dataclasses import replace

    from tf_lint.knowledge import memory
    from tf_lint.knowledge.configs import checkpoint_config

    config, _ = checkpoint_config("meta-llama/Llama-3.1-8B", "")
    one = memory.Setup(batch=1, seq=512, mixed="bf16", weights_dtype="bfloat16", checkpointing=True)
    full = memory.estimate(config, one).terms
    terms = {s: memory.estimate(config, replace(one, processes=8, sharding=s)).terms
             for s in ("zero1", "zero2", "zero3", "full_shard", "shard_grad_op")}
    assert terms["zero1"]["optimizer"] == -(-full["optimizer"] // 8)
    assert terms["zero1"]["gradients"] == full["gradients"] and terms["zero1"]["weights"] == full["weights"]
    assert terms["zero2"]["gradients"] == -(-full["gradients"] // 8) == terms["shard_grad_op"]["gradients"]
    assert terms["zero2"]["weights"] == full["weights"]
    assert terms["zero3"] == terms["full_shard"]
    assert terms["zero3"]["weights"] == -(-full["weights"] // 8)
    assert terms["zero3"]["gathered_layers"] == 2 * -(-full["weights"] // 32)  # Llama-3.1-8B: 32 layers
    assert "gathered_layers" not in terms["zero2"]
    # A single process shards nothing.
    assert memory.estimate(config, replace(one, processes=1, sharding="zero3")).terms == full


def test_memory_rule_under_zero3(tmp_path):
    """Llama-3.1-8B at batch 8 × 2048 does not fit one 80 GiB GPU; under ZeRO-3 over 8 GPUs it does."""
    root = _project(tmp_path, {"train.py": TRAIN_8B})
    assert [d.code for d in _lint(root / "train.py")] == ["TFL401"]
    (root / "configs").mkdir()
    (root / "configs" / "ds.yaml").write_text(ZERO3.format(stage=3))
    (root / "run.sh").write_text("accelerate launch --config_file configs/ds.yaml train.py\n")
    from tf_lint.launches import clear_cache

    clear_cache()
    device.clear_cache()
    assert [d.code for d in _lint(root / "train.py")] == []
