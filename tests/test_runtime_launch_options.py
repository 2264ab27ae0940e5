"""Runtime verification of TFL502 on launch commands and recipes, under the installed transformers (5.x).

Each launch command of the TFL502 fixture projects (a ``.sh`` script, a page's shell block, a README's
recipe command) runs its real script, with its real arguments, in a child Python, up to the moment its
``HfArgumentParser`` has parsed them: ``parse_args_into_dataclasses`` and ``parse_yaml_file`` are wrapped to
stop the program right after they return (no model is loaded; without accelerate installed, the CPU stands
in for the device ``TrainingArguments`` would set up with it). The check:

- a command that tf-lint flags is rejected by the installed transformers (``ValueError: Some specified
  arguments are not used by the HfArgumentParser`` / ``Some keys are not used``), naming the flagged option;
- the same command of the ``.fixed`` file (and every command tf-lint leaves alone) parses.

Commands of ``trl`` and of scripts whose imports are not installed here (``my_project``) are not run.
"""

import json
import os
import subprocess
import sys

import pytest

from fixture_files import FIXTURES
from tf_lint.config import ConfigResolver
from tf_lint.diagnostics import Position
from tf_lint.engine import Linter
from tf_lint.launches import commands_in
from tf_lint.sources import read_source

transformers = pytest.importorskip("transformers")
if int(transformers.__version__.split(".")[0]) < 5:  # pragma: no cover - the 5.x runtime check
    pytest.skip("the runtime check of TFL502 on launch commands targets transformers 5", allow_module_level=True)

FOLDER = os.path.join(FIXTURES, "TFL502")

# Runs each (script, arguments) and reports how its parser answered.
_CHILD = r"""
import json, runpy, sys
import transformers

class Parsed(Exception):
    pass

def stopping(method):
    def wrapper(self, *args, **kwargs):
        method(self, *args, **kwargs)
        raise Parsed()
    return wrapper

Parser = transformers.HfArgumentParser
Parser.parse_args_into_dataclasses = stopping(Parser.parse_args_into_dataclasses)
Parser.parse_yaml_file = stopping(Parser.parse_yaml_file)
try:
    import accelerate  # noqa: F401
except ImportError:  # TrainingArguments sets up its device with accelerate: stand in for the CPU it would pick
    import torch
    transformers.TrainingArguments._setup_devices = property(lambda self: torch.device("cpu"))
answers = []
for script, arguments in json.loads(sys.argv[1]):
    sys.argv = [script] + arguments
    try:
        runpy.run_path(script, run_name="__main__")
        answers.append(["ran", ""])
    except Parsed:
        answers.append(["parsed", ""])
    except SystemExit as exc:  # argparse's own error exit
        answers.append(["exit", str(exc)])
    except ValueError as exc:
        answers.append(["rejected", str(exc)])
print(json.dumps(answers))
"""


def _run(commands):
    out = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(commands)], capture_output=True, text=True,
                         cwd=FOLDER, timeout=600, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def _commands(path):
    """(row, script, arguments, flagged names) for each runnable launch command of a launch file."""
    with open(path, "rb") as f:
        source = read_source(path, f.read())
    result = Linter(ConfigResolver().for_path(path)).process_source(source)
    found = []
    for document in source.documents:
        if document.language != "shell":
            continue
        lines = [document.line(row) for row in range(1, len(document.lines) + 1)]
        for command in commands_in(lines, path):
            script = command.launch.script
            if script.startswith("trl ") or "imported_dataclass" in script:
                continue
            at = {d.start for d in result.diagnostics if d.code == "TFL502"}
            flagged = sorted(f.name for f in command.flags if document.to_file(Position(f.row, f.column)) in at)
            found.append((command.row, script, list(command.launch.words), flagged))
    return found


@pytest.mark.parametrize("name", ["bad_launch_classifier.sh", "bad_launch_page.md", "good_launch_classifier.sh"])
def test_flagged_launch_options_are_rejected_and_fixed_ones_parse(name):
    path = os.path.join(FOLDER, name)
    commands = _commands(path)
    assert commands
    answers = _run([[script, words] for _, script, words, _ in commands])
    for (row, _script, words, flagged), (answer, error) in zip(commands, answers):
        if flagged:
            assert answer == "rejected", (row, words, answer, error)
            assert "not used by the HfArgumentParser" in error
            for option in flagged:
                assert f"--{option}" in error, (option, error)
        else:
            assert answer in ("parsed", "ran"), (row, words, answer, error)
    if name.startswith("bad_"):
        stem, ext = os.path.splitext(path)
        fixed = _commands(f"{stem}.fixed{ext}")
        answers = _run([[script, words] for _, script, words, _ in fixed])
        unfixed = sum(bool(f) for *_, f in fixed)
        assert unfixed == 0 or name.endswith(".md"), fixed
        for (row, _script, words, flagged), (answer, error) in zip(fixed, answers):
            if not flagged:
                assert answer in ("parsed", "ran"), (row, words, answer, error)


def test_flagged_recipe_keys_are_rejected_and_the_fixed_recipe_parses():
    path = os.path.join(FOLDER, "bad_recipe_summariser.yaml")
    with open(path, "rb") as f:
        result = Linter(ConfigResolver().for_path(path)).process_source(read_source(path, f.read()))
    flagged = {d.message.split("`")[1] for d in result.diagnostics if d.code == "TFL502"}
    assert flagged == {"evaluation_strategy", "no_cuda"}
    script = os.path.join(FOLDER, "launched_recipe_trainer.py")
    (bad, error), (fixed, fixed_error), (good, good_error) = _run(
        [[script, [path]], [script, [os.path.join(FOLDER, "bad_recipe_summariser.fixed.yaml")]],
         [script, [os.path.join(FOLDER, "good_recipe_summariser.yaml")]]])
    assert bad == "rejected" and "Some keys are not used by the HfArgumentParser" in error, error
    assert all(key in error for key in flagged), error
    assert fixed == "parsed", fixed_error
    assert good == "parsed", good_error
