"""Launch commands and recipes as documents (issue 22): which files a walk reads, what a flag or key is
checked against (tf_lint/analysis/parsers.py), where findings point and what their fixes write."""

import ast
import os

import pytest

from tf_lint import launches
from tf_lint.analysis import Facts, parsers
from tf_lint.config import ConfigResolver
from tf_lint.discovery import discover
from tf_lint.engine import Linter
from tf_lint.sources import read_source
from tf_lint.sources.launch import RecipeError, recipe_keys

TRAIN = """\
import sys
from dataclasses import dataclass, field
from transformers import HfArgumentParser, TrainingArguments

@dataclass
class ModelArguments:
    model_name_or_path: str = field(default="gpt2")

parser = HfArgumentParser((ModelArguments, TrainingArguments))
if len(sys.argv) == 2 and sys.argv[1].endswith(".yaml"):
    model_args, training_args = parser.parse_yaml_file(sys.argv[1])
else:
    model_args, training_args = parser.parse_args_into_dataclasses()
"""


@pytest.fixture(autouse=True)
def _fresh():
    launches.clear_cache()
    parsers.clear_cache()
    yield
    launches.clear_cache()
    parsers.clear_cache()


def _project(tmp_path, files, pins="transformers==5.24.0\n"):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "requirements.txt").write_text(pins)
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def _walked(root):
    return sorted(os.path.relpath(p, root) for p in discover([str(root)], ConfigResolver().for_path))


def _lint(path, fix=False):
    with open(path, "rb") as f:
        source = read_source(str(path), f.read())
    return Linter(ConfigResolver().for_path(str(path)), fix=fix).process_source(source)


def _found(path):
    return [(d.start.row, d.start.column, d.code) for d in _lint(path).diagnostics]


def test_a_walk_reads_shell_scripts_and_recipes_but_no_other_yaml(tmp_path):
    root = _project(tmp_path, {
        "train.py": TRAIN,
        "run.sh": "accelerate launch --config_file configs/ddp.yaml train.py recipes/sft.yaml\n",
        "recipes/sft.yaml": "output_dir: out\n",
        "recipes/unused.yaml": "output_dir: out\n",
        "configs/ddp.yaml": "num_processes: 2\n",
        ".github/workflows/ci.yml": "on: [push]\n",
        "docker-compose.yml": "services: {}\n",
        "notes.sh": "echo hello\n",
    })
    assert _walked(root) == ["notes.sh", "recipes/sft.yaml", "run.sh", "train.py"]
    (root / "pyproject.toml").write_text('[tool.tf-lint]\nextend-include = ["configs/*.yaml"]\n')
    assert "configs/ddp.yaml" in _walked(root)


def test_unrelated_and_malformed_yaml_stays_silent_in_a_walk(tmp_path):
    root = _project(tmp_path, {
        "train.py": TRAIN,
        "run.sh": "python train.py recipe.yaml\n",
        "recipe.yaml": "output_dir: out\nevaluation_strategy: [steps\n",
        "ci.yml": "jobs: [unclosed\nevaluation_strategy: steps\n",
    })
    assert "ci.yml" not in _walked(root)
    assert _found(root / "ci.yml") == []  # named explicitly (an editor, a hook): not a recipe, nothing said
    assert [d.code for d in _lint(root / "recipe.yaml").diagnostics] == ["TFL001"]
    assert _lint(root / "recipe.yaml").diagnostics[0].start.row == 3


def test_recipe_keys_keep_their_lines_and_quoting():
    keys = recipe_keys("# c\nout: 1\n'quoted': 2\nnested:\n  evaluation_strategy: steps\n")
    assert [(k.name, k.row, k.column, k.plain) for k in keys] == [
        ("out", 2, 1, True), ("quoted", 3, 1, False), ("nested", 4, 1, True)]
    with pytest.raises(RecipeError):
        recipe_keys("a: [1\n")
    assert recipe_keys("- a\n- b\n") == []
    assert recipe_keys("!!python/object:os.system x: 1\n") is not None  # composed, never constructed


def test_a_shell_flag_is_found_at_its_line_and_renamed_in_its_spelling(tmp_path):
    root = _project(tmp_path, {
        "train.py": TRAIN,
        "run.sh": ("#!/bin/bash\n# train\npython train.py --output_dir out \\\n"
                   "    --evaluation-strategy steps --per_gpu_train_batch_size 8 --my_own 1\n"),
    })
    assert _found(root / "run.sh") == [(4, 5, "TFL502"), (4, 33, "TFL502")]
    result = _lint(root / "run.sh", fix=True)
    assert result.new_content.decode() == (
        "#!/bin/bash\n# train\npython train.py --output_dir out \\\n"
        "    --eval-strategy steps --per_device_train_batch_size 8 --my_own 1\n")


def _notebook(cells):
    import json

    return json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                                  "source": source.splitlines(keepends=True)} for source in cells],
                       "metadata": {"kernelspec": {"name": "python3", "language": "python"},
                                    "language_info": {"name": "python"}},
                       "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def test_a_notebook_shell_line_is_fixed_inside_its_cell_beside_python_fixes(tmp_path):
    import json

    cells = [
        # a Python fix adds no row here, but the same cell also holds the launch line
        "from transformers import TrainingArguments\n"
        "args = TrainingArguments('out', evaluation_strategy='steps')\n"
        "!python train.py --output_dir out \\\n    --evaluation_strategy steps\n",
        "%%bash\npython train.py --output_dir out --no_cuda\n",
    ]
    root = _project(tmp_path, {"train.py": TRAIN, "nb.ipynb": _notebook(cells)})
    found = sorted((d.cell, d.start.row, d.start.column, d.code) for d in _lint(root / "nb.ipynb").diagnostics)
    assert found == [(0, 2, 33, "TFL502"), (0, 4, 5, "TFL502"), (1, 2, 34, "TFL502")]
    result = _lint(root / "nb.ipynb", fix=True)
    written = ["".join(cell["source"]) for cell in json.loads(result.new_content)["cells"]]
    assert written == [cells[0].replace("evaluation_strategy", "eval_strategy"),
                       cells[1].replace("--no_cuda", "--use_cpu")]
    (root / "nb.ipynb").write_bytes(result.new_content)
    assert _found(root / "nb.ipynb") == []


def test_no_rename_when_the_new_name_is_already_given(tmp_path):
    root = _project(tmp_path, {"train.py": TRAIN,
                               "run.sh": "python train.py --evaluation_strategy steps --eval_strategy no\n"})
    (diag,) = _lint(root / "run.sh").diagnostics
    assert diag.fix is None


def test_an_older_target_that_accepts_the_flag_is_silent(tmp_path):
    root = _project(tmp_path, {"train.py": TRAIN, "run.sh": "python train.py --evaluation_strategy steps\n"},
                    pins="transformers==4.40.2\n")
    assert _found(root / "run.sh") == []


@pytest.mark.parametrize("script", [
    TRAIN.replace("parse_args_into_dataclasses()", "parse_args_into_dataclasses(return_remaining_strings=True)"),
    TRAIN.replace("parse_args_into_dataclasses()", "parse_known_args()"),
    TRAIN.replace("class ModelArguments:", "class ModelArguments(Base):").replace(
        "import sys", "import sys\nfrom lib import Base"),
    TRAIN.replace("(ModelArguments, TrainingArguments)", "(ModelArguments, TrainingArguments, OtherArguments)").replace(
        "import sys", "import sys\nfrom lib import OtherArguments"),
    TRAIN.replace("HfArgumentParser((", "MyParser((").replace("import sys", "import sys\nfrom lib import MyParser"),
    TRAIN.replace("import sys", "import sys\nimport click"),
    TRAIN + "sys.argv = sys.argv[:1]\n",
])
def test_a_parser_not_fully_known_is_silent(tmp_path, script):
    root = _project(tmp_path, {"train.py": script, "run.sh": "python train.py --evaluation_strategy steps\n"})
    assert _found(root / "run.sh") == []


def test_the_script_s_own_option_is_accepted(tmp_path):
    script = TRAIN.replace('model_name_or_path: str = field(default="gpt2")',
                           'model_name_or_path: str = field(default="gpt2")\n    logging_dir: str = "runs"')
    root = _project(tmp_path, {"train.py": script, "run.sh": "python train.py --logging_dir x --no_cuda\n"})
    assert _found(root / "run.sh") == [(1, 33, "TFL502")]


def test_a_subclass_of_training_arguments_is_known(tmp_path):
    source = ("from dataclasses import dataclass\nfrom transformers import HfArgumentParser, TrainingArguments\n"
              "@dataclass\nclass Args(TrainingArguments):\n    lora_r: int = 8\n"
              "(args,) = HfArgumentParser(Args).parse_args_into_dataclasses()\n")
    tree = ast.parse(source)
    options = parsers.options_of(Facts(tree, "t.py"), tree, "t.py")
    assert options.declared == {"lora_r"} and options.classes == (("transformers", "TrainingArguments"),)


def test_a_recipe_is_judged_by_every_launch_and_trl_config_needs_trl_0_19(tmp_path):
    files = {"README.md": "```bash\ntrl sft --config sft.yaml\n```\n",
             "sft.yaml": "model_name_or_path: gpt2\nmax_seq_length: 512\n"}
    root = _project(tmp_path, files, pins="transformers==4.57.6\ntrl==0.20.0\n")
    assert _found(root / "sft.yaml") == [(2, 1, "TFL502")]
    launches.clear_cache()
    old = _project(tmp_path / "old", files, pins="transformers==4.57.6\ntrl==0.18.2\n")
    assert _found(old / "sft.yaml") == []  # TRL 0.18 ignores an unused recipe key: no failure


def test_a_rename_is_written_when_the_new_key_works_on_every_release_allowed(tmp_path):
    # trl>=0.19.1: 0.19 still takes the deprecated `max_seq_length` beside `max_length`, later releases
    # refuse it; `max_length` is accepted by every release allowed, so the rename is safe.
    files = {"README.md": "```bash\ntrl sft --config sft.yaml\n```\n",
             "sft.yaml": "model_name_or_path: gpt2\nmax_seq_length: 512\n"}
    root = _project(tmp_path, files, pins="transformers==4.57.6\ntrl>=0.19.1\n")
    assert _found(root / "sft.yaml") == [(2, 1, "TFL502")]
    assert _lint(root / "sft.yaml", fix=True).new_content.decode() == files["sft.yaml"].replace(
        "max_seq_length", "max_length")


def test_brace_alternatives_name_each_recipe_and_other_expansions_none(tmp_path):
    files = {"README.md": "```bash\ntrl sft --config recipes/config_{grok,anthropic}.yaml\n"
                          "trl sft --config recipes/$NAME.yaml\n```\n",
             "recipes/config_grok.yaml": "model_name_or_path: gpt2\nmax_seq_length: 512\n",
             "recipes/config_anthropic.yaml": "model_name_or_path: gpt2\nmax_seq_length: 512\n",
             "recipes/config_other.yaml": "model_name_or_path: gpt2\nmax_seq_length: 512\n"}
    root = _project(tmp_path, files, pins="transformers==4.57.6\ntrl==0.20.0\n")
    for name in ("config_grok", "config_anthropic"):
        assert _found(root / "recipes" / f"{name}.yaml") == [(2, 1, "TFL502")]
    assert not launches.recipe_launches(str(root / "recipes" / "config_other.yaml"))


def test_a_page_shell_block_is_fixed_in_place(tmp_path):
    page = "# Run\n\n```bash\n$ python train.py --output_dir out --no_cuda\n```\n"
    root = _project(tmp_path, {"train.py": TRAIN, "page.md": page})
    assert _found(root / "page.md") == [(4, 36, "TFL502")]
    assert _lint(root / "page.md", fix=True).new_content.decode() == page.replace("--no_cuda", "--use_cpu")


def test_a_shell_file_without_launches_yields_nothing(tmp_path):
    root = _project(tmp_path, {"build.sh": "set -e\nmake 'all\necho --evaluation_strategy\n"})
    assert _found(root / "build.sh") == []


def test_a_dataclass_of_the_project_s_own_package_is_followed(tmp_path):
    root = _project(tmp_path, {
        "src/mylib/__init__.py": "from .configs import MyConfig\n",
        "src/mylib/configs.py": ("from dataclasses import dataclass\nimport trl\n\n@dataclass\n"
                                 "class MyConfig(trl.SFTConfig):\n    chat_template: str = None\n"),
        "scripts/train.py": ("from mylib import MyConfig\nfrom trl import TrlParser\n"
                             "(config,) = TrlParser((MyConfig,)).parse_args_and_config()\n"),
    })
    options = parsers.script_options(str(root / "scripts" / "train.py"))
    assert options.declared == {"chat_template"} and options.classes == (("trl", "SFTConfig"),)
    (root / "src/mylib/__init__.py").write_text("from elsewhere import MyConfig\n")
    parsers.clear_cache()
    assert parsers.script_options(str(root / "scripts" / "train.py")) is None


def test_noqa_goes_after_the_command_s_last_line(tmp_path):
    script = "python train.py --output_dir out \\\n    --no_cuda \\\n    --seed 1\n"
    root = _project(tmp_path, {"train.py": TRAIN, "run.sh": script})
    (diag,) = _lint(root / "run.sh").diagnostics
    assert (diag.start.row, diag.statement_rows, diag.noqa_row) == (2, (1, 3), 3)
    (root / "run.sh").write_text(script.replace("--seed 1", "--seed 1  # noqa: TFL502"))
    assert _found(root / "run.sh") == []


def test_a_parser_that_reads_its_own_list_or_an_alias_is_silent(tmp_path):
    own = TRAIN.replace("parse_args_into_dataclasses()", "parse_args_into_dataclasses(args=['--output_dir', 'x'])")
    alias = TRAIN.replace('field(default="gpt2")', 'field(default="gpt2", metadata={"aliases": ["--no_cuda"]})')
    for script in (own, alias):
        root = _project(tmp_path / str(len(script)), {"train.py": script, "run.sh": "python train.py --no_cuda\n"})
        parsers.clear_cache()
        assert _found(root / "run.sh") == []
