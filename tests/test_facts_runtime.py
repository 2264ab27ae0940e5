"""Values given at run time (issue 21, part 2): command-line options and environment variables are
unknown at lint time. The facts layer answers each with a RunTimeValue that names the option, where it
is declared and its default, never with the default as a Constant; look-alikes (a value the code
itself sets, a constant that merely shares the name, a function the file calls) keep their values."""

import ast
import json
import os
import subprocess
import sys
import textwrap

from tf_lint.analysis import Facts
from tf_lint.analysis.values import Constant, RunTimeValue

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def values(source):
    """What each ``v_<name> = expr`` assignment's right-hand side holds, by name."""
    tree = ast.parse(textwrap.dedent(source))
    facts = Facts(tree)
    found = {}
    for node in ast.walk(tree):
        target = node.targets[0] if isinstance(node, ast.Assign) else None
        if isinstance(target, ast.Name) and target.id.startswith("v_"):
            found[target.id] = facts.value(node.value)
    return found, facts


def assert_option(value, source, option, default, line=None):
    assert isinstance(value, RunTimeValue), value
    assert (value.source, value.option) == (source, option)
    assert value.default == (Constant(default) if default is not None else None)
    if line is not None:
        assert value.declared.lineno == line


# --- argparse -------------------------------------------------------------------------------------------

ARGPARSE = """
import argparse
parser = argparse.ArgumentParser()
parser.add_argument("--model-name-or-path", default="distilgpt2")
parser.add_argument("--batch_size", type=int, default=64)
parser.add_argument("--other", dest="target")
parser.add_argument("path")
args = parser.parse_args()
v_model = args.model_name_or_path
v_batch = args.batch_size
v_dest = args.target
v_positional = args.path
"""


def test_argparse_options_are_run_time_values_with_their_defaults():
    found, facts = values(ARGPARSE)
    assert_option(found["v_model"], "argparse", "--model-name-or-path", "distilgpt2", line=4)
    assert_option(found["v_batch"], "argparse", "--batch_size", 64)
    assert_option(found["v_dest"], "argparse", "--other", None)
    assert_option(found["v_positional"], "argparse", "path", None)
    assert found["v_model"].describe() == "`--model-name-or-path` (argparse, line 4) defaults to 'distilgpt2'"


def test_no_question_that_wants_a_value_sees_a_default():
    tree = ast.parse(textwrap.dedent(ARGPARSE))
    facts = Facts(tree)
    read = next(n.value for n in ast.walk(tree) if isinstance(n, ast.Assign) and n.targets[0].id == "v_model")
    assert facts.string(read) is None and facts.checkpoint(read) is None
    assert not isinstance(facts.constant(read), Constant)
    assert facts.run_time(read).default == Constant("distilgpt2")  # for a message's enrichment only


def test_parse_known_args_and_the_same_option_read_twice():
    found, _ = values("""
        import argparse
        parser = argparse.ArgumentParser()
        parser.add_argument("--model", default="gpt2")
        args, rest = parser.parse_known_args()
        v_a = args.model
        v_b = args.model
    """)
    assert_option(found["v_a"], "argparse", "--model", "gpt2")
    assert found["v_a"] == found["v_b"]  # one option: joins of two reads keep it


def test_a_value_the_code_sets_after_parsing_is_the_value():
    found, _ = values("""
        import argparse
        parser = argparse.ArgumentParser()
        parser.add_argument("--model", default="distilgpt2")
        parser.add_argument("--tokenizer", default="distilgpt2")
        args = parser.parse_args()
        v_before = args.model
        args.model = "openai-community/gpt2"
        v_after = args.model
        if args.tokenizer is None:
            args.tokenizer = "bert-base-uncased"
        v_maybe = args.tokenizer
    """)
    assert_option(found["v_before"], "argparse", "--model", "distilgpt2")
    assert found["v_after"] == Constant("openai-community/gpt2")
    assert found["v_maybe"] is None  # the option, or the literal: unknown


def test_an_assignment_that_may_not_reach_the_read_leaves_it_unknown():
    found, _ = values("""
        import argparse
        parser = argparse.ArgumentParser()
        parser.add_argument("--model", default="distilgpt2")
        args = parser.parse_args()
        def load():
            v_in_function = args.model
        for name in names:
            v_in_loop = args.model
            args.model = name
        setattr(other, key, 1)
    """)
    assert found["v_in_function"] is None
    assert found["v_in_loop"] is None


def test_a_constant_that_merely_shares_the_name_keeps_its_value():
    found, _ = values("""
        import argparse
        model_name_or_path = "t5-small"
        parser = argparse.ArgumentParser()
        parser.add_argument("--model_name_or_path", default="gpt2")
        args = parser.parse_args()
        v_constant = model_name_or_path
        class Config:
            model_name_or_path = "google/flan-t5-base"
        v_class = Config.model_name_or_path
        def main(model_name_or_path="facebook/bart-base"):
            v_called = model_name_or_path
        main()
    """)
    assert found["v_constant"] == Constant("t5-small")
    assert found["v_called"] == Constant("facebook/bart-base")  # the file calls it: its default is used


# --- HfArgumentParser / TrlParser dataclasses -----------------------------------------------------------

def test_hf_argument_parser_fields_are_options():
    found, _ = values("""
        from dataclasses import dataclass, field
        from typing import Optional
        import transformers

        @dataclass
        class ModelArguments:
            model_name_or_path: Optional[str] = field(default="facebook/opt-125m")
            revision: str = "main"
            PLAIN = "gpt2"  # no annotation: a class attribute, not a field
            def __post_init__(self):
                v_self = self.model_name_or_path

        parser = transformers.HfArgumentParser((ModelArguments, transformers.TrainingArguments))
        model_args, training_args = parser.parse_args_into_dataclasses()
        v_model = model_args.model_name_or_path
        v_revision = model_args.revision
        v_plain = model_args.PLAIN
    """)
    assert_option(found["v_model"], "HfArgumentParser", "--model_name_or_path", "facebook/opt-125m", line=8)
    assert_option(found["v_revision"], "HfArgumentParser", "--revision", "main")
    assert_option(found["v_self"], "HfArgumentParser", "--model_name_or_path", "facebook/opt-125m")
    assert found["v_plain"] == Constant("gpt2")


def test_trl_parser_fields_are_options():
    found, _ = values("""
        from dataclasses import dataclass, field
        from trl import SFTConfig, TrlParser

        @dataclass
        class ScriptArguments:
            model_name: str = field(default="Qwen/Qwen2.5-0.5B")

        script_args, training_args = TrlParser((ScriptArguments, SFTConfig)).parse_args_and_config()
        v_model = script_args.model_name
    """)
    assert_option(found["v_model"], "TrlParser", "--model_name", "Qwen/Qwen2.5-0.5B")


def test_a_dataclass_no_parser_reads_keeps_its_defaults():
    found, _ = values("""
        from dataclasses import dataclass, field

        @dataclass
        class Settings:
            model_name: str = field(default="gpt2")

        settings = Settings()
        v_model = settings.model_name
        v_given = Settings(model_name="t5-small").model_name
    """)
    assert found["v_model"] == Constant("gpt2")
    assert found["v_given"] == Constant("t5-small")


# --- click, typer, fire ---------------------------------------------------------------------------------

def test_click_options_and_arguments():
    found, _ = values("""
        import click

        @click.command()
        @click.option("--model-name", "-m", default="gpt2")
        @click.option("--tok", "tokenizer_name", default="bert-base-uncased")
        @click.argument("path")
        def main(model_name, tokenizer_name, path, ctx=None):
            v_model = model_name
            v_tokenizer = tokenizer_name
            v_path = path
            v_other = ctx
    """)
    assert_option(found["v_model"], "click", "--model-name", "gpt2")
    assert_option(found["v_tokenizer"], "click", "--tok", "bert-base-uncased")
    assert_option(found["v_path"], "click", "path", None)
    assert found["v_other"] is None  # no option declares it: unknown, not an option


def test_typer_commands():
    found, _ = values("""
        import typer
        app = typer.Typer()

        @app.command()
        def train(model: str = "gpt2", batch_size: int = typer.Option(64, help="per device")):
            v_model = model
            v_batch = batch_size

        def score(checkpoint: str = typer.Option(..., "--checkpoint"), n=3):
            v_required = checkpoint
            v_n = n

        typer.run(score)
    """)
    assert_option(found["v_model"], "typer", "--model", "gpt2")
    assert_option(found["v_batch"], "typer", "--batch-size", 64)
    assert_option(found["v_required"], "typer", "--checkpoint", None)
    assert_option(found["v_n"], "typer", "--n", 3)


def test_fire_commands_and_a_plain_function_look_alike():
    found, _ = values("""
        import fire

        def main(model="openai-community/gpt2", top_k=5):
            v_model = model

        class Commands:
            def embed(self, model="BAAI/bge-small-en"):
                v_method = model

        def helper(model="t5-small"):
            v_helper = model

        helper()
        if __name__ == "__main__":
            fire.Fire({"main": main, "tools": Commands})
    """)
    assert_option(found["v_model"], "fire", "--model", "openai-community/gpt2")
    assert_option(found["v_method"], "fire", "--model", "BAAI/bge-small-en")
    assert found["v_helper"] == Constant("t5-small")


def test_a_decorated_function_of_no_cli_framework_is_unknown_not_an_option():
    found, _ = values("""
        import functools

        @functools.lru_cache()
        def load(model="gpt2"):
            v_model = model
    """)
    assert found["v_model"] is None


# --- sys.argv and the environment -----------------------------------------------------------------------

def test_sys_argv_and_environment_reads():
    found, _ = values("""
        import os
        import sys
        from sys import argv

        v_argv = sys.argv[1]
        v_from = argv[2]
        v_item = os.environ["MODEL_ID"]
        v_get = os.environ.get("MODEL_ID", "gpt2")
        v_getenv = os.getenv("MODEL_ID")
        v_getenv_default = os.getenv("BATCH", 8)
        v_slice = sys.argv[1:]
    """)
    assert_option(found["v_argv"], "sys.argv", "sys.argv[1]", None)
    assert_option(found["v_from"], "sys.argv", "sys.argv[2]", None)
    assert_option(found["v_item"], "environment", "MODEL_ID", None)
    assert_option(found["v_get"], "environment", "MODEL_ID", "gpt2")
    assert_option(found["v_getenv"], "environment", "MODEL_ID", None)
    assert_option(found["v_getenv_default"], "environment", "BATCH", 8)
    assert not isinstance(found["v_slice"], (Constant, RunTimeValue))


def test_a_dict_named_like_the_environment_is_not_it():
    found, _ = values("""
        environ = {"MODEL_ID": "gpt2"}
        v_local = environ["MODEL_ID"]
        config = {"model": "t5-small"}
        v_get = config.get("model")
    """)
    assert not isinstance(found["v_local"], RunTimeValue)
    assert not isinstance(found["v_get"], RunTimeValue)


# --- tf-lint estimate: the defaults are placeholders ----------------------------------------------------

def test_estimate_uses_the_defaults_and_says_they_are_placeholders():
    result = subprocess.run([sys.executable, "-m", "tf_lint", "estimate", "--format", "json",
                             "fixtures/TFL401/good_batch_from_command_line.py"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    (reports,) = json.loads(result.stdout).values()
    assert reports[0]["model"] == "Qwen/Qwen2.5-1.5B" and reports[0]["train"]["batch"] == 64
    placeholders = reports[0]["placeholders"]
    assert any("`--batch-size` (argparse, line 12) defaults to 64" in p for p in placeholders), placeholders
    assert any("`--model`" in p for p in placeholders), placeholders
    text = subprocess.run([sys.executable, "-m", "tf_lint", "estimate",
                           "fixtures/TFL401/good_batch_from_command_line.py"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120).stdout
    assert "placeholder: `--batch-size` (argparse, line 12) defaults to 64" in text
    # A literal configuration has no placeholder.
    literal = subprocess.run([sys.executable, "-m", "tf_lint", "estimate", "--format", "json",
                              "fixtures/TFL401/bad_argparse_literal_batch.py"], cwd=ROOT, capture_output=True,
                             text=True, timeout=120)
    (reports,) = json.loads(literal.stdout).values()
    assert reports[0]["placeholders"] == []
