"""The project's launch commands (tf_lint/launches.py): which script each runs and with which options,
and how they make a command-line default the value (issue 21: a default is a placeholder unless the
project's own launch command leaves it in force; issue 22: a value written on the command line wins)."""

import json
import subprocess
import sys

import pytest

from tf_lint import launches


@pytest.fixture(autouse=True)
def _fresh_index():
    launches.clear_cache()
    yield
    launches.clear_cache()


def _project(tmp_path, files):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\n')
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def _notebook(*cells):
    return json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": c} for c in cells],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.mark.parametrize("line, words", [
    ("python train.py --lr 1e-4", ["--lr", "1e-4"]),
    ("python3 -u train.py --bf16", ["--bf16"]),
    ("CUDA_VISIBLE_DEVICES=0 nohup python train.py --x 1 > log.txt &", ["--x", "1", ">", "log.txt"]),
    ("accelerate launch --config_file cfg.yaml --num_processes 8 train.py --y 2", ["--y", "2"]),
    ("torchrun --nproc_per_node 4 train.py --z", ["--z"]),
    ("deepspeed --num_gpus 2 train.py --deepspeed ds.json", ["--deepspeed", "ds.json"]),
    ("python -m torch.distributed.run --nproc_per_node 2 train.py --w 3", ["--w", "3"]),
    ("cd src && python ../train.py --v 4", ["--v", "4"]),
])
def test_launch_commands_of_a_shell_script(tmp_path, line, words):
    root = _project(tmp_path, {"train.py": "", "src/.keep": "", "run.sh": f"#!/bin/bash\n# train\n{line}\n"})
    found = launches.launches_of(str(root / "train.py"))
    assert [list(f.words) for f in found] == [words]
    assert found[0].where.endswith("run.sh:3")


def test_continued_lines_module_runs_and_other_files(tmp_path):
    root = _project(tmp_path, {
        "pkg/train.py": "",
        "scripts/run.sh": "python -m pkg.train \\\n   --a 1 \\\n   --b 2\n",
        "README.md": "Run:\n\n```bash\n$ python pkg/train.py --c 3\n```\n\n```python\nprint('python pkg/train.py')\n```\n",
        "nb.ipynb": _notebook("!python pkg/train.py --d 4\n", "%%bash\npython pkg/train.py --e 5\n"),
    })
    found = sorted((f.where.rsplit("/", 1)[-1], f.words) for f in launches.launches_of(str(root / "pkg/train.py")))
    assert found == [("README.md:4", ("--c", "3")), ("nb.ipynb:cell 1", ("--d", "4")),
                     ("nb.ipynb:cell 2", ("--e", "5")), ("run.sh:1", ("--a", "1", "--b", "2"))]


def test_only_the_script_itself_is_launched(tmp_path):
    root = _project(tmp_path, {"train.py": "", "other/train.py": "", "run.sh": "python other/train.py --x 1\n"
                               "python missing.py\necho python train.py\n"})
    assert launches.launches_of(str(root / "train.py")) == ()
    assert len(launches.launches_of(str(root / "other/train.py"))) == 1


@pytest.mark.parametrize("commands, expected", [
    (["python t.py --out o"], ("default", None)),
    (["python t.py --model_name_or_path t5-small"], ("value", "t5-small")),
    (["python t.py --model-name-or-path=t5-small"], ("value", "t5-small")),  # dashes, inline value
    (["python t.py --out o", "python t.py"], ("default", None)),
    (["python t.py --out o", "python t.py --model_name_or_path gpt2"], None),  # launches disagree
    (["python t.py --model gpt2"], None),  # argparse's abbreviation may be this option
    (['python t.py "$@"'], None),  # a shell variable may expand to it
    (["python t.py --model_name_or_path $MODEL"], None),
    (["python t.py --config recipe.yaml"], None),  # TrlParser reads the options from the file
    (["python t.py args.json"], None),  # HfArgumentParser reads the options from the file
    (["python t.py -m gpt2"], None),  # the option's short spelling
])
def test_what_the_launches_give_an_option(tmp_path, commands, expected):
    root = _project(tmp_path, {"t.py": "", "run.sh": "\n".join(commands) + "\n"})
    given = launches.option_given(str(root / "t.py"), ["--model_name_or_path"], ["-m"])
    assert (None if given is None else ("default" if given.default else "value", given.value)) == expected


def test_no_launch_no_answer(tmp_path):
    root = _project(tmp_path, {"t.py": ""})
    assert launches.option_given(str(root / "t.py"), ["--model"]) is None


CODE = """import argparse
from transformers import AutoModelForSeq2SeqLM
parser = argparse.ArgumentParser()
parser.add_argument("--model_name_or_path", default="gpt2")
args = parser.parse_args()
model = AutoModelForSeq2SeqLM.from_pretrained(args.model_name_or_path)
"""


def _lint(cwd, *args):
    done = subprocess.run([sys.executable, "-m", "tf_lint", *args], cwd=cwd, capture_output=True, text=True)
    return done.returncode, done.stdout


def test_the_default_is_the_value_only_where_a_launch_leaves_it(tmp_path):
    root = _project(tmp_path, {"train.py": CODE})
    assert _lint(root, "--no-cache", "train.py")[0] == 0  # no launch: the default is a placeholder
    (root / "train.sh").write_text("python train.py --output_dir out\n")
    code, out = _lint(root, "--no-cache", "train.py")
    assert code == 1 and "TFL301" in out and "run by `train.sh:1` without `--model_name_or_path`" in out


def test_a_changed_launch_script_invalidates_the_cached_result(tmp_path):
    root = _project(tmp_path, {"train.py": CODE, "train.sh": "python train.py --output_dir out\n"})
    assert _lint(root, "train.py")[0] == 1
    (root / "train.sh").write_text("python train.py --model_name_or_path t5-small\n")
    assert _lint(root, "train.py") == (0, "All checks passed!\n")
