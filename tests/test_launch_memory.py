"""TFL401/TFL402 on launch commands and recipes (issue 22): the SFT setup a command line and its recipe
give (tf_lint/launch_cases.py), sized by the same memory model as Python code, reported where the batch
is written, and `tf-lint estimate` on launch files."""

import io
import json
import os

import pytest

from tf_lint import device, launches
from tf_lint.analysis import parsers
from tf_lint.cli import main
from tf_lint.config import ConfigResolver
from tf_lint.engine import Linter
from tf_lint.launch_cases import command_options, launch_case
from tf_lint.sources import read_source

SFT = """\
from trl import ModelConfig, ScriptArguments, SFTConfig, SFTTrainer, TrlParser

parser = TrlParser((ScriptArguments, SFTConfig, ModelConfig))
script_args, training_args, model_args = parser.parse_args_and_config()
SFTTrainer(model=model_args.model_name_or_path, args=training_args).train()
"""
OWN_FIELD = """\
from dataclasses import dataclass
from trl import ModelConfig, SFTConfig, SFTTrainer, TrlParser

@dataclass
class Options:
    per_device_train_batch_size: int = 1

parser = TrlParser((Options, SFTConfig, ModelConfig))
options, training_args, model_args = parser.parse_args_and_config()
"""
BIG = "--model_name_or_path meta-llama/Llama-3.1-8B --max_length 2048"


@pytest.fixture(autouse=True)
def _fresh():
    for module in (launches, parsers, device):
        module.clear_cache()
    yield
    for module in (launches, parsers, device):
        module.clear_cache()


def _project(tmp_path, files, trl="1.16.0"):
    (tmp_path / "requirements.txt").write_text(f"trl=={trl}\n")
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def _lint(path, **overrides):
    settings = ConfigResolver(None, overrides).for_path(str(path))
    with open(path, "rb") as f:
        return Linter(settings, fix=False, unsafe_fixes=True).process_source(read_source(str(path), f.read()))


def _memory(result):
    return [(d.code, d.start.row, d.start.column, d.message, d.fix) for d in result.diagnostics
            if d.code in ("TFL401", "TFL402")]


def test_command_options_reads_flags_and_refuses_a_word_that_may_expand_to_options():
    assert command_options(["--a", "1", "--b=2", "--flag", "--c", "x"]) == {"a": "1", "b": "2", "flag": "", "c": "x"}
    assert command_options(["--per-device-train-batch-size", "$B"]) == {"per_device_train_batch_size": "$B"}
    assert command_options(["--a", "1", "$EXTRA"]) is None


def test_batch_flag_of_a_shell_script_is_reported_with_the_accumulation_fix(tmp_path):
    line = f"python sft.py {BIG} --per_device_train_batch_size 16"
    _project(tmp_path, {"sft.py": SFT, "run.sh": line + "\n"})
    (found,) = _memory(_lint(tmp_path / "run.sh"))
    code, row, column, message, fix = found
    assert (code, row, column) == ("TFL401", 1, line.index("--per_device") + 1)
    assert "meta-llama/Llama-3.1-8B at batch 16 × 2048 tokens (`--max_length 2048` on the command line)" in message
    assert fix is not None and fix.applicability.name == "UNSAFE"
    assert [e.content for e in fix.edits] == ["1", " --gradient_accumulation_steps 16"]


def test_accumulation_flag_already_written_is_raised_in_place(tmp_path):
    _project(tmp_path, {"sft.py": SFT,
                        "run.sh": f"python sft.py {BIG} --gradient_accumulation_steps 2 --per_device_train_batch_size 16\n"})
    (found,) = _memory(_lint(tmp_path / "run.sh"))
    assert [e.content for e in found[4].edits] == ["1", "32"]


def test_default_batch_in_force_is_reported_at_the_command_without_a_fix(tmp_path):
    _project(tmp_path, {"sft.py": SFT, "run.sh": f"  python sft.py {BIG} --output_dir out\n"})
    (found,) = _memory(_lint(tmp_path / "run.sh"))
    assert found[1:3] == (1, 3) and "at batch 8 ×" in found[3] and found[4] is None


@pytest.mark.parametrize("extra", [
    "--load_in_4bit true",  # quantized and wrapped by TRL (releases differ): tf-lint estimate only
    "--use_liger_kernel true",  # the logits are never materialised
    "--deepspeed ds.json",  # sharded by a file not read
    "--dtype $DTYPE",  # a shell expansion
    "--attn_implementation my_kernel",  # unknown attention
])
def test_unsized_setups_are_silent(tmp_path, extra):
    _project(tmp_path, {"sft.py": SFT, "run.sh": f"python sft.py {BIG} {extra} --per_device_train_batch_size 16\n"})
    assert _memory(_lint(tmp_path / "run.sh")) == []


def test_unknown_model_and_project_field_are_silent(tmp_path):
    _project(tmp_path, {"sft.py": SFT, "own.py": OWN_FIELD,
                        "run.sh": "python sft.py --model_name_or_path my-org/private --per_device_train_batch_size 64\n"
                                  f"python own.py {BIG} --per_device_train_batch_size 16\n"})
    assert _memory(_lint(tmp_path / "run.sh")) == []


def test_trl_before_max_length_leaves_the_length_unknown(tmp_path):
    _project(tmp_path, {"sft.py": SFT, "run.sh": "python sft.py --model_name_or_path meta-llama/Llama-3.1-8B "
                                                 "--per_device_train_batch_size 64\n"}, trl="0.15.2")
    assert _memory(_lint(tmp_path / "run.sh")) == []
    launches.clear_cache()
    (tmp_path / "requirements.txt").write_text("trl==1.16.0\n")
    assert len(_memory(_lint(tmp_path / "run.sh"))) == 1


def test_a_trl_range_needs_agreement_only_on_the_defaults_the_setup_leaves(tmp_path):
    # trl>=0.19.1: SFTConfig turns gradient checkpointing on by default in some of those releases and not
    # in others; a command that writes it is sized, one that leaves it is not (either could run).
    line = f"python sft.py {BIG} --per_device_train_batch_size 16"
    _project(tmp_path, {"sft.py": SFT, "run.sh": line + " --gradient_checkpointing false\n"})
    (tmp_path / "requirements.txt").write_text("trl>=0.19.1\n")
    assert [f[0] for f in _memory(_lint(tmp_path / "run.sh"))] == ["TFL401"]
    launches.clear_cache()
    (tmp_path / "run.sh").write_text(line + "\n")
    assert _memory(_lint(tmp_path / "run.sh")) == []
    why = []
    (command,) = launches.commands_in([line], str(tmp_path / "run.sh"))
    assert launch_case(command.launch, ConfigResolver(None, {}).for_path(str(tmp_path / "run.sh")), 5,
                       why=why) is None
    assert why == ["the target TRL releases disagree on SFTConfig's default `gradient_checkpointing`"]


def test_recipe_key_reported_in_the_recipe_not_at_the_command(tmp_path):
    recipe = ("model_name_or_path: meta-llama/Llama-3.1-8B\nmax_length: 2048\nper_device_train_batch_size: 16\n"
              "per_device_eval_batch_size: 64\neval_strategy: steps\n")
    _project(tmp_path, {"sft.py": SFT, "recipe.yaml": recipe, "run.sh": "python sft.py --config recipe.yaml\n"})
    assert _memory(_lint(tmp_path / "run.sh")) == []
    found = _memory(_lint(tmp_path / "recipe.yaml"))
    assert [(c, r) for c, r, *_ in found] == [("TFL401", 3), ("TFL402", 4)]
    train_fix, eval_fix = found[0][4], found[1][4]
    assert [e.content for e in train_fix.edits] == ["gradient_accumulation_steps: 16\n", "1"]
    assert "the recipe is run by `" in found[0][3]
    assert eval_fix is not None and eval_fix.message.startswith("Use per-device eval batch")


def test_recipe_whose_accumulation_is_on_the_command_line_gets_no_fix(tmp_path):
    recipe = "model_name_or_path: meta-llama/Llama-3.1-8B\nmax_length: 2048\nper_device_train_batch_size: 16\n"
    _project(tmp_path, {"sft.py": SFT, "recipe.yaml": recipe,
                        "run.sh": "python sft.py --config recipe.yaml --gradient_accumulation_steps 2\n"})
    (found,) = _memory(_lint(tmp_path / "recipe.yaml"))
    assert found[4] is None


def test_zero3_config_divides_the_model_across_processes(tmp_path):
    zero3 = ("distributed_type: DEEPSPEED\ndeepspeed_config:\n  zero_stage: 3\n  offload_optimizer_device: none\n"
             "  offload_param_device: none\nnum_processes: 8\n")
    _project(tmp_path, {"sft.py": SFT, "zero3.yaml": zero3,
                        "run.sh": f"accelerate launch --config_file zero3.yaml sft.py {BIG} --per_device_train_batch_size 8\n"
                                  f"python sft.py {BIG} --per_device_train_batch_size 8\n"})
    assert [r for _, r, *_ in _memory(_lint(tmp_path / "run.sh"))] == [2]


def test_device_memory_option_decides(tmp_path):
    _project(tmp_path, {"sft.py": SFT, "run.sh": "python sft.py --model_name_or_path Qwen/Qwen2.5-0.5B "
                                                 "--use_peft --per_device_train_batch_size 4\n"})
    assert _memory(_lint(tmp_path / "run.sh")) == []
    (found,) = _memory(_lint(tmp_path / "run.sh", device_memory_gib="4GiB"))
    assert "exceeds the 4.0 GiB device" in found[3]


def test_case_reads_lora_from_the_command_line(tmp_path):
    _project(tmp_path, {"sft.py": SFT, "run.sh": f"python sft.py {BIG} --use_peft --lora_r 64\n"})
    (launch,) = launches.launches_of(str(tmp_path / "sft.py"))
    case = launch_case(launch, ConfigResolver().for_path(str(tmp_path / "run.sh")), 5)
    assert case.setup.lora is not None and case.setup.lora.rank == 64 and case.setup.checkpointing


def test_estimate_sizes_launch_files(tmp_path):
    _project(tmp_path, {"sft.py": SFT, "run.sh": f"python sft.py {BIG} --per_device_train_batch_size 16\n"})
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        assert main(["estimate", "--format", "json", str(tmp_path / "run.sh")]) == 0
    found = json.loads(out.getvalue())
    (reports,) = found.values()
    assert reports[0]["model"] == "meta-llama/Llama-3.1-8B" and reports[0]["line"].endswith("run.sh:1")
    assert reports[0]["train"]["batch"] == 16 and not reports[0]["train"]["fits"]


def test_estimate_names_a_notebook_launch_by_its_cell_counted_from_one(tmp_path):
    """As `tf_lint.launches` names it (``nb.ipynb:cell 2`` for the second cell)."""
    cells = [{"cell_type": "code", "source": source, "metadata": {}, "outputs": [], "execution_count": None}
             for source in ("!pip install trl\n", f"!python sft.py {BIG} --per_device_train_batch_size 16\n")]
    notebook = json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "python3", "language": "python"}},
                           "nbformat": 4, "nbformat_minor": 5})
    _project(tmp_path, {"sft.py": SFT, "nb.ipynb": notebook})
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        assert main(["estimate", "--format", "json", str(tmp_path / "nb.ipynb")]) == 0
    (reports,) = json.loads(out.getvalue()).values()
    assert [r["line"].rsplit("/", 1)[-1] for r in reports] == ["nb.ipynb:cell 2"]
    (launch,) = launches.launches_of(str(tmp_path / "sft.py"))
    assert launch.where.rsplit("/", 1)[-1] == "nb.ipynb:cell 2"
