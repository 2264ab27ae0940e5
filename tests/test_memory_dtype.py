"""The estimator's default dtype follows the target transformers version, and a lone
``TrainingArguments`` is linked to the document's one model.

transformers 4.x loads a model in float32 unless ``torch_dtype``/``dtype`` says otherwise; 5.x loads
the checkpoint config's dtype (``dtype="auto"``). Sources: docs/memory.md ("Which dtype the weights
are loaded in").
"""

import ast

import pytest

from tf_lint.analysis import Facts
from tf_lint.config import Settings
from tf_lint.engine import Linter
from tf_lint.estimate import default_weights_dtype, find_cases
from tf_lint.sources import read_source

LLAMA = """
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf"{dtype})
args = TrainingArguments("out", per_device_train_batch_size=4, bf16=True)
trainer = Trainer(model=model, args=args, train_dataset=train_dataset)
trainer.train()
"""

LONE = """
from transformers import AutoModelForCausalLM, TrainingArguments

from my_project.training import build_trainer

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")
args = TrainingArguments("out", per_device_train_batch_size=4{extra})
build_trainer(model, args).train()
"""


def _cases(text, major):
    tree = ast.parse(text)
    return find_cases(tree, Facts(tree, "train.py"), "", major)


def _findings(text, target, tmp_path):
    path = tmp_path / "train.py"
    path.write_text(text)
    settings = Settings(select=("TFL401", "TFL402"), target_transformers_version=target)
    result = Linter(settings).process_source(read_source(str(path), text.encode()))
    return [d.code for d in result.diagnostics]


@pytest.mark.parametrize("major, expected", [(4, "float32"), (5, "float16")])
def test_default_dtype_follows_the_major_version(major, expected):
    (case,) = _cases(LLAMA.format(dtype=""), major)
    assert case.setup.weights_dtype == expected  # Llama-2-7b-hf's config says torch_dtype float16


@pytest.mark.parametrize("major", [4, 5])
@pytest.mark.parametrize("dtype, expected", [(', torch_dtype="auto"', "float16"),
                                             (', dtype="auto"', "float16"),
                                             (', torch_dtype="bfloat16"', "bfloat16"),
                                             (', torch_dtype="float32"', "float32")])
def test_an_explicit_dtype_wins_in_every_version(major, dtype, expected):
    (case,) = _cases(LLAMA.format(dtype=dtype), major)
    assert case.setup.weights_dtype == expected


def test_a_config_without_dtype_is_float32_everywhere():
    assert default_weights_dtype({"model_type": "bert"}, 4) == "float32"
    assert default_weights_dtype({"model_type": "bert"}, 5) == "float32"
    assert default_weights_dtype({"torch_dtype": "bfloat16"}, 4) == "float32"
    assert default_weights_dtype({"dtype": "bfloat16"}, 5) == "bfloat16"


def test_llama2_7b_batch_4_does_not_fit_80gib_at_4_57(tmp_path):
    # Weights, gradients and Adam's two states in float32: 16 bytes × 6.74e9 parameters ≈ 108 GB.
    assert _findings(LLAMA.format(dtype=""), "4.57", tmp_path) == ["TFL401"]
    assert _findings(LLAMA.format(dtype=""), "5.24", tmp_path) == []
    (case,) = _cases(LLAMA.format(dtype=""), 4)
    from tf_lint.knowledge import memory

    result = memory.estimate(case.config, case.setup)
    terms = dict(result.terms)
    assert terms["weights"] + terms["gradients"] + terms["optimizer"] >= 100 * 10 ** 9


def test_lone_training_arguments_go_with_the_one_model():
    (case,) = _cases(LONE.format(extra=""), 4)
    assert case.checkpoint == "meta-llama/Llama-2-7b-hf" and case.setup.batch == 4
    assert not case.evaluates
    (case,) = _cases(LONE.format(extra=', eval_strategy="steps"'), 4)
    assert case.evaluates


def test_lone_training_arguments_reported(tmp_path):
    assert _findings(LONE.format(extra=""), "4.57", tmp_path) == ["TFL401"]


def test_two_models_or_two_arguments_are_not_linked():
    two_models = LONE.format(extra="").replace(
        "args = ", 'ref = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")\nargs = ')
    assert _cases(two_models, 4) == []
    two_args = LONE.format(extra="") + 'eval_args = TrainingArguments("eval", per_device_eval_batch_size=2)\n'
    assert _cases(two_args, 4) == []


def test_a_trainer_call_that_cannot_be_read_is_not_replaced_by_a_guess():
    # The file has a Trainer call: the configuration is what that call receives, or nothing.
    text = LONE.format(extra="").replace("build_trainer(model, args)",
                                         "Trainer(model=model, args=make_args())")
    text = text.replace("from my_project.training import build_trainer", "from transformers import Trainer")
    assert _cases(text, 4) == []
