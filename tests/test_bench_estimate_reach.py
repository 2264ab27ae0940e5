"""bench/estimate_reach.py: the training setups it counts (its own syntactic definition) and which of them
`tf-lint estimate` sizes, on a small project of every kind of setup."""

import json
import os
import sys

import pytest

from tf_lint import device, launches
from tf_lint.analysis import parsers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))

import estimate_reach  # noqa: E402

TRAIN = """\
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("{checkpoint}")
args = TrainingArguments("out", per_device_train_batch_size=4)  # TrainingArguments( in a comment
Trainer(model=model, args=args).train()
"""
SFT = """\
from trl import ModelConfig, ScriptArguments, SFTConfig, SFTTrainer, TrlParser

parser = TrlParser((ScriptArguments, SFTConfig, ModelConfig))
script_args, training_args, model_args = parser.parse_args_and_config()
SFTTrainer(model=model_args.model_name_or_path, args=training_args).train()
"""


@pytest.fixture(autouse=True)
def _fresh_indexes():
    for module in (launches, parsers, device):
        module.clear_cache()
    yield
    for module in (launches, parsers, device):
        module.clear_cache()


def _notebook(*cells):
    return json.dumps({"cells": [{"cell_type": "code", "source": cell, "metadata": {}, "outputs": [],
                                  "execution_count": None} for cell in cells],
                       "metadata": {"kernelspec": {"name": "python3", "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5})


def test_counts_and_sizes_every_kind(tmp_path):
    files = {
        "requirements.txt": "trl==1.16.0\n",
        "train.py": TRAIN.format(checkpoint="Qwen/Qwen2.5-0.5B"),
        "other.py": TRAIN.format(checkpoint="org/not-in-the-table")
        + 'class MyArgs(TrainingArguments):\n    """TrainingArguments(...) in a docstring."""\n',
        "sft.py": SFT,
        "nb.ipynb": _notebook("!pip install trl\n", TRAIN.format(checkpoint="Qwen/Qwen2.5-0.5B"),
                              "!python sft.py --model_name_or_path Qwen/Qwen2.5-0.5B \\\n"
                              "  --per_device_train_batch_size 2\n"),
        "README.md": "```python\nargs = TrainingArguments(output_dir='x', ...\n```\n\n"
                     "```bash\naccelerate launch sft.py --config recipe.yaml\necho python sft.py\n```\n",
        "recipe.yaml": "model_name_or_path: Qwen/Qwen2.5-0.5B\nper_device_train_batch_size: 4\n",
        "lonely.yaml": "model_name_or_path: Qwen/Qwen2.5-0.5B\nper_device_train_batch_size: 4\n",
        "ci.yml": "on: push\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    setups = estimate_reach.measure([str(tmp_path)], None)
    got = sorted((s.kind, s.place(str(tmp_path)), s.sized, s.model or s.reason) for s in setups)
    assert got == [
        ("launch", "README.md:6", True, "Qwen/Qwen2.5-0.5B"),
        ("launch", "nb.ipynb:cell 3:1", True, "Qwen/Qwen2.5-0.5B"),
        ("python", "README.md:2", False,
         "not in any Python program tf-lint reads (its block or cell does not parse)"),
        ("python", "nb.ipynb:cell 2:4", True, "Qwen/Qwen2.5-0.5B"),
        ("python", "other.py:4", False, "no config for checkpoint `org/not-in-the-table`"),
        ("python", "train.py:4", True, "Qwen/Qwen2.5-0.5B"),
        ("recipe", "lonely.yaml:1", False, "no launch command of the project runs it"),
    ]
    text = estimate_reach.summary(setups, [str(tmp_path)])
    assert text.splitlines()[0] == "training setups: 7; sized: 4 (57%)"
    assert "     1  no config for checkpoint `…`" in text
    assert "checkpoints without a config: org/not-in-the-table (1)" in text


def test_launch_words():
    assert estimate_reach.launch_setup("CUDA_VISIBLE_DEVICES=0 python train.py --per_device_train_batch_size 8"
                                       .split()) == ("python train.py", None)
    assert estimate_reach.launch_setup("trl sft --config sft.yaml".split()) == ("trl sft", "sft.yaml")
    assert estimate_reach.launch_setup("python run.py recipes/a.yaml".split()) == ("python run.py", "recipes/a.yaml")
    assert estimate_reach.launch_setup("echo python train.py --per_device_train_batch_size 8".split()) is None
    assert estimate_reach.launch_setup("python train.py --lr 1e-4".split()) is None
    assert estimate_reach.launch_setup("accelerate launch run.py --config recipes/{model}/sft.yaml".split()) is None
