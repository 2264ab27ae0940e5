"""TRL and PEFT findings (TFL501, TFL502) checked at run time, under the TRL and PEFT this environment installs.

Runs where ``trl`` and ``peft`` are installed: ``nox -s runtime-trl`` runs it twice, once with an old stack
(TRL 0.9.6, PEFT 0.10.0, transformers 4.44.2) and once with a new one (TRL 1.16.0, PEFT 0.21.2,
transformers 5.25.0). Every TFL501/TFL502 fixture that imports TRL or PEFT is linted with the installed
releases as its targets (the installed packages parsed from their source, as a user's run does), then run as
a program in a child process, offline, with tiny models under the checkpoint names it loads (a notebook: its
code cells, shell lines dropped):

- a file tf-lint reports fails, with the ``ImportError`` / ``TypeError`` of a name or keyword its findings
  name; its fixed form (``--fix --unsafe-fixes``) runs when every finding had a fix;
- a file tf-lint passes runs to its end.

So both sides are shown on each stack: ``bad_trl_sft_legacy_arguments.py`` runs under TRL 0.9.6 and fails on
TRL 1.16 as the message says; its fixed form runs on TRL 1.16.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from fixture_files import FIXTURES

trl = pytest.importorskip("trl")
peft = pytest.importorskip("peft")
transformers = pytest.importorskip("transformers")

pytestmark = pytest.mark.runtime_trl

CHECKPOINTS = ["Qwen/Qwen2.5-0.5B"]


def qwen2_builder(folder):
    """Qwen2.5-like, as the real checkpoint: byte-level BPE, ``<|endoftext|>`` as EOS and pad token, no BOS;
    Qwen2ForCausalLM."""
    import tinyhub
    from transformers import AutoTokenizer, Qwen2Config, Qwen2ForCausalLM

    tinyhub._byte_level_tokenizer(folder, "<|endoftext|>", "<|endoftext|>", "<|endoftext|>", add_bos=False)
    tok = AutoTokenizer.from_pretrained(folder)
    tok.pad_token = "<|endoftext|>"
    tok.save_pretrained(folder)
    config = Qwen2Config(vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128,
                         eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id, tie_word_embeddings=True)
    tinyhub._save_model(Qwen2ForCausalLM(config), folder)


# Runs a program (a .py file or a notebook's code cells) as __main__ in the current directory and prints
# {"error": "TypeError: ..."} (null when it ran to its end).
RUNNER = r"""
import json, sys, warnings
warnings.simplefilter("ignore")
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    text = f.read()
if path.endswith(".ipynb"):
    cells = [''.join(c["source"]) for c in json.loads(text)["cells"] if c["cell_type"] == "code"]
    text = "\n".join(line for cell in cells for line in cell.splitlines() if not line.lstrip().startswith(("!", "%")))
error = None
try:
    exec(compile(text, path, "exec"), {"__name__": "__main__"})
except Exception as exc:
    error = f"{type(exc).__name__}: {exc}"
print("RESULT " + json.dumps({"error": error}))
"""


def _fixtures():
    found = []
    for code in ("TFL501", "TFL502"):
        for name in sorted(os.listdir(os.path.join(FIXTURES, code))):
            path = os.path.join(FIXTURES, code, name)
            if ".fixed." in name or not name.endswith((".py", ".ipynb")):
                continue
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if re.search(r"from (trl|peft) import|import (trl|peft)\b", text):
                found.append(f"{code}/{name}")
    return found


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    import tinyhub

    root = str(tmp_path_factory.mktemp("trl-hub"))
    tinyhub.build_hub(root, [(name, qwen2_builder) for name in CHECKPOINTS])
    return tinyhub.hub_environment(root)


def _settings(path):
    from tf_lint.config import ConfigResolver

    return ConfigResolver(overrides={
        "target_transformers_version": transformers.__version__,
        "target_trl_version": trl.__version__,
        "target_peft_version": peft.__version__,
    }).for_path(path)


def _lint(path, fix=False):
    from tf_lint.engine import Linter
    from tf_lint.sources import read_source

    with open(path, "rb") as f:
        data = f.read()
    return Linter(_settings(path), fix=fix, unsafe_fixes=True).process_source(read_source(path, data))


def _named(diagnostic):
    """The name (TFL501) or keyword (TFL502) a finding is about."""
    names = re.findall(r"`([^`]+)`", diagnostic.message)
    return names[1] if diagnostic.code == "TFL502" and len(names) > 1 else names[0]


def _run(path, hub, tmp_path):
    env = dict(os.environ, **hub, WANDB_DISABLED="true", WANDB_MODE="disabled", ACCELERATE_USE_CPU="1")
    env.pop("CUDA_VISIBLE_DEVICES", None)
    done = subprocess.run([sys.executable, "-c", RUNNER, path], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=900)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, f"the program did not report: {done.stderr[-3000:]}"
    return json.loads(lines[-1][len("RESULT "):])["error"]


@pytest.mark.parametrize("name", _fixtures())
def test_findings_hold_at_run_time(name, hub, tmp_path):
    path = os.path.join(FIXTURES, name)
    findings = [d for d in _lint(path).diagnostics if d.code in ("TFL501", "TFL502")]
    (tmp_path / "run").mkdir()
    error = _run(path, hub, tmp_path / "run")
    if not findings:
        assert error is None, f"tf-lint passes {name} on trl {trl.__version__} / peft {peft.__version__}, " \
                              f"but it fails: {error}"
        return
    names = {_named(d) for d in findings}
    assert error is not None, f"tf-lint reports {sorted(names)} but {name} runs"
    assert re.match(r"(ImportError|TypeError|AttributeError): ", error), error
    assert any(f"'{n}'" in error for n in names), f"the error names none of {sorted(names)}: {error}"
    if all(d.fix is not None for d in findings):
        fixed = _lint(path, fix=True).new_content
        assert fixed is not None
        copy = tmp_path / os.path.basename(path)
        copy.write_bytes(fixed)
        (tmp_path / "fixed").mkdir()
        assert _run(str(copy), hub, tmp_path / "fixed") is None
