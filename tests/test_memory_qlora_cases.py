"""QLoRA setups in Python code and launch commands: what `tf-lint estimate` and TFL401 read of a model
loaded with ``BitsAndBytesConfig(load_in_4bit=True)`` and trained through LoRA adapters (the memory model
itself is checked against bitsandbytes in ``tests/test_memory_qlora.py``)."""

import ast

import pytest

from tf_lint import device, launches
from tf_lint.analysis import Facts, parsers
from tf_lint.config import ConfigResolver
from tf_lint.estimate import find_cases
from tf_lint.knowledge import memory
from tf_lint.knowledge.configs import BUNDLED
from tf_lint.launch_cases import launch_case

PROGRAM = """\
import torch
from transformers import AutoModelForCausalLM, BitsAndBytesConfig, Trainer, TrainingArguments
from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

quantization = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                                  bnb_4bit_compute_dtype=torch.bfloat16)
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf", quantization_config=quantization,
                                             device_map={"": 0})
{prepare}
model = get_peft_model(model, LoraConfig(r=16, target_modules=["q_proj", "v_proj"], lora_dropout=0.05))
args = TrainingArguments("out", per_device_train_batch_size=8, bf16=True)
Trainer(model=model, args=args, train_dataset=train).train()
"""


def _cases(text, placeholders=False):
    tree = ast.parse(text)
    return find_cases(tree, Facts(tree, "train.py"), "", 5, placeholders=placeholders)


def _program(prepare="model = prepare_model_for_kbit_training(model)", **replace):
    text = PROGRAM.replace("{prepare}", prepare)
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def test_prepared_model_is_sized_in_float32_with_checkpointing():
    (case,) = _cases(_program())
    setup = case.setup
    assert setup.quantization == memory.Quantization(4, True, compute_dtype="bfloat16", source_dtype="float16")
    # prepare_model_for_kbit_training: the unpacked parameters in float32, checkpointing on by default.
    assert setup.weights_dtype == "float32" and setup.checkpointing
    assert setup.lora == memory.Lora(16, ("q_proj", "v_proj"), 0.05)
    found = memory.estimate(case.config, setup)
    packed, other = memory.quantized_model_weights(BUNDLED["meta-llama/Llama-2-7b-hf"], "lm", setup.quantization,
                                                   "float32")
    assert found.terms["weights"] == packed + other + 4 * found.trainable
    # Under autocast only the LM head stays unpacked and gets a 16-bit copy.
    assert found.terms["weight_copies"] == 2 * 32000 * 4096
    # The largest packed weight dequantized (float16 as loaded) and cast to the compute dtype.
    assert found.terms["dequantized_weight"] == 11008 * 4096 * (2 + 2)


def test_the_finding_says_the_model_is_quantized():
    from tf_lint.rules.memory import judge

    (case,) = _cases(_program())
    message, _ = judge(case.config, case.setup, 2 ** 30, None, case.checkpoint, "512 tokens")
    assert f"for {case.checkpoint} loaded in 4-bit with LoRA adapters at batch" in message


def test_a_bare_preparation_call_counts_and_its_checkpointing_option_is_read():
    (case,) = _cases(_program("prepare_model_for_kbit_training(model, use_gradient_checkpointing=False)"))
    assert case.setup.weights_dtype == "float32" and not case.setup.checkpointing


def test_without_preparation_the_loading_dtype_stays():
    (case,) = _cases(_program(""))
    assert case.setup.weights_dtype == "float16" and not case.setup.checkpointing
    assert memory.estimate(case.config, case.setup) is not None


@pytest.mark.parametrize("replace", [
    {"load_in_4bit=True": "load_in_8bit=True"},  # 8-bit: CUDA and CPU run different autograd functions
    {"bnb_4bit_compute_dtype=torch.bfloat16": "bnb_4bit_compute_dtype=compute"},  # unknown
    {"load_in_4bit=True": "load_in_4bit=flag"},
    {"lora_dropout=0.05": "lora_dropout=rate"},  # the adapters' dropout decides what they save
    {"model = get_peft_model(model, LoraConfig(r=16, target_modules=[\"q_proj\", \"v_proj\"], lora_dropout=0.05))":
     ""},  # packed weights do not train
    {"quantization_config=quantization": "quantization_config={'load_in_4bit': True}"},
])
def test_unknown_or_unmodelled_quantization_is_not_sized(replace):
    assert _cases(_program(**replace)) == []


def test_prepared_with_unknown_checkpointing_is_not_sized():
    assert _cases(_program("model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=gc)")) == []


SFT = """\
import torch
from transformers import AutoModelForCausalLM, BitsAndBytesConfig
from peft import LoraConfig
from trl import SFTConfig, SFTTrainer

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf", device_map={"": 0},
    quantization_config=BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_compute_dtype=torch.bfloat16))
SFTTrainer(model=model, args=SFTConfig("out", per_device_train_batch_size=4, max_length=512, bf16=True),
           peft_config=LoraConfig(r=8), train_dataset=train).train()
"""


def test_a_quantized_model_that_trl_wraps_is_sized_by_the_estimate_only():
    """TRL releases differ in what SFTTrainer does to a quantized model it wraps with adapters: the
    rules stay silent, the estimate takes float32 (the larger) and says so."""
    assert _cases(SFT) == []
    (case,) = _cases(SFT, placeholders=True)
    assert case.setup.weights_dtype == "float32" and case.setup.quantization.bits == 4
    assert any("TRL releases differ" in note for note in case.notes)


def test_evaluation_of_a_quantized_model_is_not_sized():
    (case,) = _cases(_program())
    assert memory.estimate(case.config, case.eval_setup) is None


# --- launch commands ---------------------------------------------------------------------------------------
TRL_SCRIPT = """\
from trl import ModelConfig, ScriptArguments, SFTConfig, SFTTrainer, TrlParser

parser = TrlParser((ScriptArguments, SFTConfig, ModelConfig))
script_args, training_args, model_args = parser.parse_args_and_config()
SFTTrainer(model=model_args.model_name_or_path, args=training_args).train()
"""


@pytest.fixture()
def project(tmp_path):
    for module in (launches, parsers, device):
        module.clear_cache()
    (tmp_path / "requirements.txt").write_text("trl==1.16.0\n")
    (tmp_path / "sft.py").write_text(TRL_SCRIPT)
    yield tmp_path
    for module in (launches, parsers, device):
        module.clear_cache()


def _launch_case(project, command, placeholders):
    (project / "run.sh").write_text(command + "\n")
    (launch,) = launches.launches_of(str(project / "sft.py"))
    return launch_case(launch, ConfigResolver().for_path(str(project / "run.sh")), 5, placeholders=placeholders)


def test_load_in_4bit_on_the_command_line_is_sized_by_the_estimate_only(project):
    command = ("python sft.py --model_name_or_path meta-llama/Llama-2-7b-hf --max_length 1024 --dtype bfloat16 "
               "--load_in_4bit --use_peft --use_bnb_nested_quant true --per_device_train_batch_size 4")
    assert _launch_case(project, command, False) is None
    case = _launch_case(project, command, True)
    assert case.setup.quantization == memory.Quantization(4, True, compute_dtype="bfloat16", source_dtype="bfloat16")
    assert case.setup.lora == memory.Lora(16, None, 0.05)  # TRL's ModelConfig defaults
    assert case.setup.weights_dtype == "float32" and any("TRL releases differ" in n for n in case.notes)


def test_load_in_4bit_without_adapters_is_not_sized(project):
    command = "python sft.py --model_name_or_path meta-llama/Llama-2-7b-hf --max_length 1024 --load_in_4bit"
    assert _launch_case(project, command, True) is None


MODEL_ID = """\
import torch
from transformers import BitsAndBytesConfig, TrainingArguments
from peft import LoraConfig
from trl import SFTTrainer

quantization_config = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_compute_dtype=torch.bfloat16)
model_kwargs = dict(torch_dtype="auto", use_cache=False, device_map={DEVICE_MAP},
                    quantization_config=quantization_config)
args = TrainingArguments("out", per_device_train_batch_size=4, bf16=True)
SFTTrainer(model="meta-llama/Llama-2-7b-hf", model_init_kwargs=model_kwargs, args=args, train_dataset=train,
           peft_config=LoraConfig(r=8)).train()
"""


def test_model_init_kwargs_of_a_model_id_are_read():
    """A model id that SFTTrainer loads with ``model_init_kwargs``: the quantization they carry is read
    (TRL wraps the model: the estimate only), and a ``device_map`` that may split the model, or keywords
    not read here, leave the setup unsized rather than sized as if unquantized."""
    program = MODEL_ID.replace("{DEVICE_MAP}", '{"": 0}')
    assert _cases(program) == []
    (case,) = _cases(program, placeholders=True)
    assert case.setup.quantization is not None and case.setup.weights_dtype == "float32"
    conditional = MODEL_ID.replace("{DEVICE_MAP}", '{"": 0} if torch.cuda.is_available() else None')
    assert _cases(conditional, placeholders=True) == []
    unknown = program.replace("use_cache=False", "low_cpu_mem_usage=True, use_cache=False")
    assert _cases(unknown, placeholders=True) == []
