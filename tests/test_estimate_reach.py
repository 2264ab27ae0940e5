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
