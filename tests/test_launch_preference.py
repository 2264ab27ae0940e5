"""Launches of scripts whose parser reads one of TRL's preference configs (DPOConfig, ORPOConfig, ...)
beside ModelConfig (issue 22): not sized, the reason naming what the launch's own values or the script's
code leave unmodelled (tf_lint/launch_cases.py, ``preference_config``); TFL401/TFL402 stay silent."""

import pytest

from tf_lint import device, launches
from tf_lint.analysis import parsers
from tf_lint.config import ConfigResolver
from tf_lint.engine import Linter
from tf_lint.launch_cases import launch_case, preference_config
from tf_lint.sources import read_source

DPO = """\
from trl import DPOConfig, DPOTrainer, ModelConfig, ScriptArguments, TrlParser, get_peft_config
from transformers import AutoModelForCausalLM

parser = TrlParser((ScriptArguments, DPOConfig, ModelConfig))
script_args, training_args, model_args = parser.parse_args_and_config()
model = AutoModelForCausalLM.from_pretrained(model_args.model_name_or_path)
ref_model = AutoModelForCausalLM.from_pretrained(model_args.model_name_or_path)
DPOTrainer(model, ref_model, args=training_args, peft_config=get_peft_config(model_args)).train()
"""
ORPO = DPO.replace("DPOConfig", "ORPOConfig").replace("DPOTrainer", "ORPOTrainer").replace(" ref_model,", "")
BOTH = DPO.replace("(ScriptArguments, DPOConfig, ModelConfig)", "(ScriptArguments, DPOConfig, ModelConfig, SFTConfig)")
BOTH = BOTH.replace("from trl import ", "from trl import SFTConfig, ")
BIG = "--model_name_or_path meta-llama/Llama-3.1-8B --max_length 4096 --per_device_train_batch_size 64"
ZERO3 = ("distributed_type: DEEPSPEED\ndeepspeed_config:\n  zero_stage: 3\nnum_processes: 8\n")


@pytest.fixture(autouse=True)
def _fresh():
    for module in (launches, parsers, device):
        module.clear_cache()
    yield
    for module in (launches, parsers, device):
        module.clear_cache()


def _project(tmp_path, files):
    (tmp_path / "requirements.txt").write_text("trl==1.16.0\n")
    for name, text in files.items():
        (tmp_path / name).write_text(text)


def _why(tmp_path, script="dpo.py"):
    settings = ConfigResolver(None, {}).for_path(str(tmp_path / "run.sh"))
    (launch,) = launches.launches_of(str(tmp_path / script))
    why = []
    assert launch_case(launch, settings, 5, placeholders=True, why=why) is None
    return why


def _memory(path):
    settings = ConfigResolver(None, {}).for_path(str(path))
    with open(path, "rb") as f:
        result = Linter(settings, fix=False, unsafe_fixes=True).process_source(read_source(str(path), f.read()))
    return [d for d in result.diagnostics if d.code in ("TFL401", "TFL402")]


def test_the_preference_config_of_a_parser():
    def options(*classes):
        return parsers.ScriptOptions(("TrlParser",), frozenset(), tuple(("trl", c) for c in classes), False, "TrlParser")

    assert preference_config(options("ScriptArguments", "DPOConfig", "ModelConfig")) == "DPOConfig"
    assert preference_config(options("ORPOConfig", "ModelConfig")) == "ORPOConfig"
    assert preference_config(options("DPOConfig")) is None  # no ModelConfig: the model is not an option
    assert preference_config(options("SFTConfig", "DPOConfig", "ModelConfig")) is None


def test_a_dpo_launch_is_not_sized_and_says_the_script_decides_the_reference(tmp_path):
    _project(tmp_path, {"dpo.py": DPO, "run.sh": f"python dpo.py {BIG}\n"})
    assert _why(tmp_path) == ["the script's parser reads TRL's DPOConfig: its own code builds the trainer (the "
                              "policy, the reference model and PEFT), not followed for a launch"]
    assert _memory(tmp_path / "run.sh") == []  # a batch of 64 × 4096 on 8B: silent all the same


def test_an_orpo_launch_has_no_reference_in_its_reason(tmp_path):
    _project(tmp_path, {"orpo.py": ORPO, "run.sh": f"python orpo.py {BIG}\n"})
    assert _why(tmp_path, "orpo.py") == ["the script's parser reads TRL's ORPOConfig: its own code builds the "
                                         "trainer (the policy, PEFT), not followed for a launch"]


def test_a_dpo_launch_under_zero3_names_the_sharding(tmp_path):
    _project(tmp_path, {"dpo.py": DPO, "zero3.yaml": ZERO3, "recipe.yaml": "model_name_or_path: meta-llama/Llama-3.1-8B\n",
                        "run.sh": "accelerate launch --config_file zero3.yaml dpo.py --config recipe.yaml\n"})
    assert _why(tmp_path) == ["a DPOConfig run under 8 processes, DeepSpeed ZeRO-3: the reference model's "
                              "placement under sharding is not modelled"]


@pytest.mark.parametrize("extra, reason", [
    ("--load_in_4bit true", "quantized weights (activations not modelled)"),
    ("--use_liger_kernel", "`use_liger_kernel` is set (not modelled)"),
    ("--load_in_4bit false", "the script's parser reads TRL's DPOConfig"),  # written off: not in the way
])
def test_the_launch_values_that_block_come_first(tmp_path, extra, reason):
    _project(tmp_path, {"dpo.py": DPO, "run.sh": f"python dpo.py {BIG} {extra}\n"})
    (why,) = _why(tmp_path)
    assert why.startswith(reason)


def test_an_unknown_checkpoint_and_a_missing_model_are_named(tmp_path):
    _project(tmp_path, {"dpo.py": DPO, "run.sh": "python dpo.py --model_name_or_path my-org/private-sft\n"})
    assert _why(tmp_path) == ["no config for checkpoint `my-org/private-sft`"]
    launches.clear_cache()
    (tmp_path / "run.sh").write_text("python dpo.py --per_device_train_batch_size 4\n")
    assert _why(tmp_path) == ["no `model_name_or_path`"]


def test_a_parser_reading_sft_and_dpo_configs_keeps_the_old_reason(tmp_path):
    _project(tmp_path, {"both.py": BOTH, "run.sh": f"python both.py {BIG}\n"})
    # SFTConfig and ModelConfig are read, so the SFT path decides (DPOConfig's options may clash): not a
    # preference launch.
    settings = ConfigResolver(None, {}).for_path(str(tmp_path / "run.sh"))
    (launch,) = launches.launches_of(str(tmp_path / "both.py"))
    why = []
    launch_case(launch, settings, 5, placeholders=True, why=why)
    assert not any("DPOConfig" in reason for reason in why)
