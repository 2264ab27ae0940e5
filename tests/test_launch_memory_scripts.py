"""TFL401/TFL402 for a launched script whose own code builds TrainingArguments from its options (argparse):
each launch judged on its own and reported at its flag when a value it writes is in the setup; the script's
line reports only a setup whose values its code (or the defaults every launch leaves) gives. A setup is
reported in exactly one place."""

import pytest

from tf_lint import device, launches
from tf_lint.analysis import parsers
from tf_lint.config import ConfigResolver
from tf_lint.engine import Linter
from tf_lint.sources import read_source

SCRIPT = """\
import argparse

from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments

parser = argparse.ArgumentParser()
parser.add_argument("--model", default="Qwen/Qwen2.5-1.5B")
parser.add_argument("--batch-size", type=int, default={batch})
parser.add_argument("--grad-accum", type=int, default=1)
parser.add_argument("--max-length", type=int, default=2048)
args = parser.parse_args()

tokenizer = AutoTokenizer.from_pretrained(args.model)
model = AutoModelForCausalLM.from_pretrained(args.model)
encodings = tokenizer(texts, truncation=True, max_length=args.max_length)
training_args = TrainingArguments(
    output_dir="out",
    per_device_train_batch_size={batch_expr},
    gradient_accumulation_steps={accum_expr},
    per_device_eval_batch_size=4,
    bf16=True,
)
Trainer(model=model, args=training_args, train_dataset=train_data).train()
"""
BATCH_ROW = 17  # the ``per_device_train_batch_size=`` row of SCRIPT


@pytest.fixture(autouse=True)
def _fresh():
    for module in (launches, parsers, device):
        module.clear_cache()
    yield
    for module in (launches, parsers, device):
        module.clear_cache()


def _project(tmp_path, launch_lines, batch=8, batch_expr="args.batch_size", accum_expr="args.grad_accum"):
    (tmp_path / "requirements.txt").write_text("transformers==4.57.1\n")
    (tmp_path / "train.py").write_text(SCRIPT.format(batch=batch, batch_expr=batch_expr, accum_expr=accum_expr))
    (tmp_path / "run.sh").write_text("".join(line + "\n" for line in launch_lines))
    return tmp_path


def _memory(path):
    settings = ConfigResolver(None, {}).for_path(str(path))
    with open(path, "rb") as f:
        result = Linter(settings, fix=False, unsafe_fixes=True).process_source(read_source(str(path), f.read()))
    return [(d.code, d.start.row, d.start.column, d.message, d.fix) for d in result.diagnostics
            if d.code in ("TFL401", "TFL402")]


def _everywhere(tmp_path):
    """Every memory finding of the project: (file, row, column, message, fix)."""
    return [(name,) + found[1:] for name in ("run.sh", "train.py") for found in _memory(tmp_path / name)]


def test_launches_that_disagree_each_get_their_own_verdict_at_the_batch_flag(tmp_path):
    big = "python train.py --batch-size 64 --model Qwen/Qwen2.5-1.5B"
    _project(tmp_path, [big, "python train.py --batch-size 2 --model Qwen/Qwen2.5-1.5B"])
    (found,) = _everywhere(tmp_path)
    name, row, column, message, fix = found
    assert (name, row, column) == ("run.sh", 1, big.index("--batch-size") + 1)
    assert "for Qwen/Qwen2.5-1.5B at batch 64 × 2048 tokens" in message
    assert "the setup `train.py` builds, as this command runs it" in message
    assert fix is not None and fix.applicability.name == "UNSAFE"
    # The batch divided, the script's own accumulation option added after it: the effective batch stays 64.
    new, accumulation = [e.content for e in fix.edits]
    assert accumulation == f" --grad-accum {64 // int(new)}" and 64 % int(new) == 0 and int(new) < 64


def test_launches_that_agree_are_each_reported_and_the_script_is_silent(tmp_path):
    line = "python train.py --batch-size 64"
    _project(tmp_path, [line, line])
    found = _everywhere(tmp_path)
    assert [(f[0], f[1]) for f in found] == [("run.sh", 1), ("run.sh", 2)]


def test_a_default_every_launch_leaves_in_force_is_reported_at_the_script_only(tmp_path):
    _project(tmp_path, ["python train.py --model Qwen/Qwen2.5-1.5B"], batch=64)
    # The model is written by the launch: the launch owns the setup (its flag, no batch to change there).
    (found,) = _everywhere(tmp_path)
    assert found[:3] == ("run.sh", 1, len("python train.py ") + 1) and found[4] is None
    _project(tmp_path, ["python train.py"], batch=64)
    launches.clear_cache()
    (found,) = _everywhere(tmp_path)
    assert found[:2] == ("train.py", BATCH_ROW) and "run.sh:1` without `--batch-size`" in found[3]


def test_a_launch_that_leaves_a_too_big_default_while_another_writes_a_value_is_reported_at_its_command(tmp_path):
    # The launches disagree on the batch: the script's line cannot say which runs, so the one that runs
    # with the default (64: too big) is reported at its command; the one that writes 2 fits.
    _project(tmp_path, ["python train.py --batch-size 2", "python train.py"], batch=64)
    (found,) = _everywhere(tmp_path)
    name, row, column, message, fix = found
    assert (name, row, column) == ("run.sh", 2, 1) and fix is None
    assert "it leaves `--batch-size` at its default 64" in message and "at batch 64" in message
    # A default that fits is silent; so is the default when every launch leaves it (the script reports it).
    _project(tmp_path, ["python train.py --batch-size 64", "python train.py"], batch=2)
    launches.clear_cache()
    assert [f[:2] for f in _everywhere(tmp_path)] == [("run.sh", 1)]


def test_a_batch_written_in_the_script_is_reported_at_the_model_flag_that_makes_it_too_big(tmp_path):
    line = "python train.py --max-length 512 --model meta-llama/Llama-3.1-8B"
    _project(tmp_path, [line], batch_expr="32")
    (found,) = _everywhere(tmp_path)
    # The length flag comes first in the command, but both values are this launch's: the first written is cited.
    assert found[0] == "run.sh" and found[1] == 1 and found[2] in (line.index("--max-length") + 1,
                                                                    line.index("--model") + 1)
    assert found[4] is None  # the batch is the script's: no edit of the launch line changes it


def test_accumulation_flag_already_written_is_raised_in_place(tmp_path):
    _project(tmp_path, ["python train.py --batch-size 32 --grad-accum 2"])
    ((name, row, column, message, fix),) = _everywhere(tmp_path)
    new, accumulation = [e.content for e in fix.edits]
    assert int(accumulation) == 2 * 32 // int(new)


def test_accumulation_written_in_the_script_gives_no_fix(tmp_path):
    _project(tmp_path, ["python train.py --batch-size 64"], accum_expr="1")
    ((name, row, column, message, fix),) = _everywhere(tmp_path)
    assert name == "run.sh" and fix is None


@pytest.mark.parametrize("line", [
    "python train.py --batch-size $BATCH",  # a shell expansion
    "python train.py --batch-size 64 $EXTRA",  # options that may come from a variable
    "python train.py --batch-size 64 --model my-org/private-1.5b",  # no config for the model
    "python train.py --batch-size 2",  # fits
])
def test_look_alikes_are_silent_everywhere(tmp_path, line):
    _project(tmp_path, [line])
    assert _everywhere(tmp_path) == []


def test_the_projects_own_dataclass_read_by_hfargumentparser_is_judged_per_launch(tmp_path):
    (tmp_path / "requirements.txt").write_text("transformers==4.57.1\n")
    (tmp_path / "train.py").write_text(DATACLASS_SCRIPT)
    (tmp_path / "run.sh").write_text("python train.py --batch_size 2\npython train.py --batch_size 64\n")
    found = _everywhere(tmp_path)
    # No accumulation option in the script's dataclass: HfArgumentParser would reject an added flag, no fix.
    assert [(f[0], f[1], f[2], f[4]) for f in found] == [("run.sh", 2, len("python train.py ") + 1, None)]


DATACLASS_SCRIPT = """\
from dataclasses import dataclass, field

from transformers import AutoModelForCausalLM, AutoTokenizer, HfArgumentParser, Trainer, TrainingArguments


@dataclass
class Options:
    model: str = field(default="Qwen/Qwen2.5-1.5B")
    batch_size: int = field(default=8)
    max_length: int = field(default=2048)


(options,) = HfArgumentParser(Options).parse_args_into_dataclasses()
tokenizer = AutoTokenizer.from_pretrained(options.model)
model = AutoModelForCausalLM.from_pretrained(options.model)
encodings = tokenizer(texts, truncation=True, max_length=options.max_length)
args = TrainingArguments(output_dir="out", per_device_train_batch_size=options.batch_size, bf16=True)
Trainer(model=model, args=args, train_dataset=train_data).train()
"""


def test_a_page_that_is_not_read_leaves_the_finding_at_the_script(tmp_path):
    (tmp_path / "requirements.txt").write_text("transformers==4.57.1\n")
    (tmp_path / "train.py").write_text(DATACLASS_SCRIPT)
    (tmp_path / "README.md").write_text("# Train\n\n```bash\npython train.py --batch_size 64\n```\n")
    (found,) = _memory(tmp_path / "train.py")  # Markdown is opt-in: the page is not linted by default
    assert found[1] == 17 and "README.md:4` with `--batch_size 64`" in found[3]
    settings = ConfigResolver(None, {"extend_include": ("*.md",)}).for_path(str(tmp_path / "train.py"))
    for name, expected in (("train.py", []), ("README.md", [4])):
        with open(tmp_path / name, "rb") as f:
            result = Linter(settings, fix=False).process_source(read_source(str(tmp_path / name), f.read()))
        assert [d.start.row for d in result.diagnostics if d.code == "TFL401"] == expected


def test_estimate_lists_each_launch_of_a_script_that_builds_its_own_arguments(tmp_path, capsys):
    import json

    from tf_lint.cli import main

    _project(tmp_path, ["python train.py --batch-size 2", "python train.py"], batch=64)
    assert main(["estimate", "--format", "json", str(tmp_path / "run.sh")]) == 0
    (reports,) = json.loads(capsys.readouterr().out).values()
    assert [(r["line"].rsplit("/", 1)[-1], r["train"]["batch"], r["train"]["fits"]) for r in reports] == [
        ("run.sh:1", 2, True), ("run.sh:2", 64, False)]
    assert all(r["notes"][0].endswith(f"train.py:{BATCH_ROW - 2}`, as this command runs it") for r in reports)
