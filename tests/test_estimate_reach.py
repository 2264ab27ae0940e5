"""What `tf-lint estimate` and the memory rules can size: the model through the calls that hand it back
unchanged, and where it is placed."""

import ast

import pytest

from tf_lint.analysis import Facts
from tf_lint.estimate import find_cases

HEAD = """import torch
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import SFTConfig, SFTTrainer, setup_chat_format

name = "HuggingFaceTB/SmolLM2-135M"
tokenizer = AutoTokenizer.from_pretrained(name)
device = "cuda" if torch.cuda.is_available() else "cpu"
"""
TAIL = """
trainer = SFTTrainer(model=model, args=SFTConfig("out", per_device_train_batch_size=4), train_dataset=train)
trainer.train()
"""


def _cases(body, placeholders=False):
    text = HEAD + body + TAIL
    tree = ast.parse(text)
    return find_cases(tree, Facts(tree, "train.py"), "", 5, placeholders=placeholders)


@pytest.mark.parametrize("body", [
    'model = AutoModelForCausalLM.from_pretrained(pretrained_model_name_or_path=name).to(device)',
    'model = AutoModelForCausalLM.from_pretrained(name).to("cuda").train()',
    'model = AutoModelForCausalLM.from_pretrained(name)\nmodel = model.cuda()',
    'model = AutoModelForCausalLM.from_pretrained(name).to(device)\n'
    'model, tokenizer = setup_chat_format(model=model, tokenizer=tokenizer)',
    'model = AutoModelForCausalLM.from_pretrained(name, device_map={"": 0})',
    'model = AutoModelForCausalLM.from_pretrained(name, device_map="cuda:0")',
])
def test_sized(body):
    cases = _cases(body)
    assert [(c.checkpoint, c.setup.batch, c.setup.weights_dtype) for c in cases] == \
        [("HuggingFaceTB/SmolLM2-135M", 4, "bfloat16")]


@pytest.mark.parametrize("body", [
    'model = AutoModelForCausalLM.from_pretrained(name).half()',  # another dtype
    'model = AutoModelForCausalLM.from_pretrained(name).to(torch.float16)',
    'model = AutoModelForCausalLM.from_pretrained(name).to(dtype)',  # may be a dtype
    # A helper of the program's own with TRL's name: not TRL's.
    'def setup_chat_format(model, tokenizer):\n    return model.half(), tokenizer\n'
    'model = AutoModelForCausalLM.from_pretrained(name)\n'
    'model, tokenizer = setup_chat_format(model=model, tokenizer=tokenizer)',
    'model = AutoModelForCausalLM.from_pretrained(name, device_map="balanced")',
])
def test_not_sized(body):
    assert _cases(body) == [] and _cases(body, placeholders=True) == []


def test_device_map_auto_is_sized_only_by_the_estimate_command():
    body = 'model = AutoModelForCausalLM.from_pretrained(name, device_map="auto")'
    assert _cases(body) == []  # the rules: the placement is accelerate's choice at run time
    cases = _cases(body, placeholders=True)
    assert len(cases) == 1
    assert cases[0].notes == ('`device_map="auto"`: assumed one GPU holding the whole model',)


# --- why a setup is not sized (``tf-lint estimate --unsized``, bench/estimate_reach.py) -------------------
def _explain(text):
    from tf_lint.estimate import explain

    tree = ast.parse(text)
    cases, unsized = explain(tree, Facts(tree, "train.py"), "", 5)
    return cases, [(call.lineno, why) for call, why in unsized]


@pytest.mark.parametrize("body, reason", [
    ('model = AutoModelForCausalLM.from_pretrained("org/unknown-model")',
     "no config for checkpoint `org/unknown-model`"),
    ('from transformers import BitsAndBytesConfig\n'
     'model = AutoModelForCausalLM.from_pretrained(name, quantization_config=BitsAndBytesConfig(load_in_4bit=True))',
     "quantized weights"),
    ('model = AutoModelForCausalLM.from_pretrained(name, device_map="balanced")', "a `device_map` other than one"),
    ('model = build_model()', "the model is not traced to a load in the document"),
])
def test_unsized_says_why(body, reason):
    cases, unsized = _explain(HEAD + body + TAIL)
    assert cases == []
    ((line, why),) = unsized
    assert line == len((HEAD + body).splitlines()) + 1 and why.startswith(reason)


def test_unsized_names_a_trainer_that_is_not_sized_and_a_config_no_trainer_takes():
    text = HEAD + """from trl import GRPOConfig, GRPOTrainer
model = AutoModelForCausalLM.from_pretrained(name)
args = GRPOConfig(output_dir="out", per_device_train_batch_size=4)
GRPOTrainer(model=model, args=args, reward_funcs=[]).train()
spare = SFTConfig(output_dir="other")
"""
    cases, unsized = _explain(text)
    assert cases == []
    assert unsized == [(len(HEAD.splitlines()) + 3, "its trainer `GRPOTrainer` is not sized"),
                       (len(HEAD.splitlines()) + 5, "no trainer call of the document receives it "
                        "(an SFTConfig without its trainer)")]


def test_sized_cases_are_not_listed_unsized():
    cases, unsized = _explain(HEAD + 'model = AutoModelForCausalLM.from_pretrained(name)' + TAIL)
    assert len(cases) == 1 and unsized == []


def test_estimate_unsized_option(tmp_path):
    import contextlib
    import io
    import json

    from tf_lint.cli import main

    (tmp_path / "train.py").write_text(HEAD + 'model = AutoModelForCausalLM.from_pretrained("org/unknown")' + TAIL)
    (tmp_path / "pyproject.toml").write_text("")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["estimate", "--format", "json", str(tmp_path / "train.py")]) == 0
    assert json.loads(out.getvalue()) == {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["estimate", "--format", "json", "--unsized", str(tmp_path / "train.py")]) == 0
    (reports,) = json.loads(out.getvalue()).values()
    assert reports == [{"line": "line 9", "unsized": "no config for checkpoint `org/unknown`"}]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["estimate", "--unsized", str(tmp_path / "train.py")]) == 0
    assert out.getvalue().strip().endswith("train.py, line 9: not sized: no config for checkpoint `org/unknown`")
