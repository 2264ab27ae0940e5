"""Runtime verification of TFL301, TFL302, TFL303 and TFL502 under the installed transformers (5.x).

Fixtures name real checkpoints, so whole programs are not run: each finding of a bad fixture becomes a
*probe* of the one operation it flags — the Auto class loading that checkpoint (TFL301), the pipeline
built for that task and checkpoint (TFL302), the concrete class loading it (TFL303), the call with the
flagged keyword (TFL502) — and the same operation of the ``.fixed.py`` runs too. Probes run in one child
process against a tiny offline hub (tiny random models saved under the real checkpoint names, with
``HF_HUB_OFFLINE=1``), so nothing is downloaded. Expected, bad -> fixed:

- TFL301: ``ValueError: Unrecognized configuration class`` -> the fixed Auto class loads.
- TFL302: the pipeline fails (at construction or its first call) or runs a model class that is no
  class of the task's Auto classes (5.24 silently loads ``config.architectures``). No fix.
- TFL303: transformers logs the model-type mismatch and re-initializes the weights (``MISSING``) -> the
  fixed Auto class loads the checkpoint's own class without that warning.
- TFL502: ``TypeError: ... unexpected keyword argument`` -> the fixed keywords bind.
"""

import ast
import json
import os
import re
import subprocess
import sys
import tempfile

import pytest

from fixture_files import FIXTURES, fixture_files
from tf_lint.analysis import Constant, Facts
from tf_lint.config import ConfigResolver
from tf_lint.engine import Linter
from tf_lint.knowledge import knowledge_for
from tf_lint.knowledge.checkpoints import resolve_checkpoint
from tf_lint.sources import read_source

transformers = pytest.importorskip("transformers")
pytest.importorskip("torch")
if int(transformers.__version__.split(".")[0]) < 5:  # pragma: no cover
    pytest.skip("the runtime checks of TFL3xx/TFL502 target transformers 5", allow_module_level=True)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from tinyhub import hub_environment  # noqa: E402

CODES = ("TFL301", "TFL302", "TFL303", "TFL502")
# A concrete class loading a checkpoint of another type is built with its own defaults (Llama's are 7B):
# these keywords, passed on to the config, keep the probes of TFL303 tiny without changing the symptom.
TINY = {
    "Llama": dict(hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2,
                  num_key_value_heads=1, vocab_size=400),
    "GPT2": dict(n_embd=32, n_layer=1, n_head=2, vocab_size=400),
    "DistilBert": dict(dim=32, hidden_dim=64, n_layers=1, n_heads=2, vocab_size=400),
    "T5": dict(d_model=32, d_ff=64, num_layers=1, num_heads=2, d_kv=16, vocab_size=400),
    "Bert": dict(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64, vocab_size=400),
}
INPUTS = {"fill-mask": "hello <mask> world", "text-generation": "hello", "ner": "hello world",
          "token-classification": "hello world"}


def _lint(path):
    with open(path, "rb") as f:
        data = f.read()
    settings = ConfigResolver().for_path(path)
    return Linter(settings).process_source(read_source(path, data)).diagnostics


def _calls_at(tree, row):
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.lineno <= row <= n.end_lineno]


def _constant(facts, expr):
    value = facts.value(expr)
    return value.value if isinstance(value, Constant) else None


def _arg(call, keyword, index=0):
    if len(call.args) > index:
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _probe(code, tree, facts, row, column):
    """The operation a finding at (row, column) flags, as a probe for the child process."""
    calls = _calls_at(tree, row)
    if code in ("TFL301", "TFL303"):
        call = next(c for c in calls if c.lineno == row and c.col_offset + 1 == column)
        owner = call.func.value
        cls = owner.attr if isinstance(owner, ast.Attribute) else owner.id
        arg = _arg(call, "pretrained_model_name_or_path")
        if call.func.attr == "from_config":
            config_call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call)
                               and getattr(n.func, "attr", None) == "from_pretrained"
                               and getattr(n.func.value, "id", None) == "AutoConfig")
            return {"kind": "load", "cls": cls, "checkpoint": _constant(facts, config_call.args[0]),
                    "from_config": True}
        kwargs = next((v for prefix, v in TINY.items() if cls.startswith(prefix)), {}) if code == "TFL303" else {}
        return {"kind": "load", "cls": cls, "checkpoint": _constant(facts, arg), "kwargs": kwargs,
                "loading_info": code == "TFL303"}
    if code == "TFL302":
        call = next(c for c in calls if getattr(c.func, "id", getattr(c.func, "attr", None)) == "pipeline")
        task = _constant(facts, _arg(call, "task"))
        model = _constant(facts, _arg(call, "model", 1))
        return {"kind": "pipeline", "task": task, "checkpoint": model, "input": INPUTS.get(task)}
    # TFL502: the call whose keyword is flagged; the keywords of the call, constants or None.
    call = min((c for c in calls if any(k.lineno == row and k.col_offset + 1 == column for k in c.keywords)),
               key=lambda c: c.end_lineno - c.lineno)
    kwargs = {k.arg: _constant(facts, k.value) for k in call.keywords if k.arg}
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "from_pretrained":
        return {"kind": "load", "cls": func.value.id, "checkpoint": _constant(facts, call.args[0]),
                "kwargs": {k: v for k, v in kwargs.items() if k not in ("device_map",)}}
    name = func.id if isinstance(func, ast.Name) else func.attr
    if name in ("SFTConfig",):  # TRL is not installed here; SFTConfig passes these to TrainingArguments
        name = "TrainingArguments"
    if name.endswith("Arguments"):
        if call.args:
            kwargs["output_dir"] = _constant(facts, call.args[0])
        kwargs = {k: v for k, v in kwargs.items() if k not in ("max_length",)}
    else:  # Trainer
        kwargs = {k: None for k in kwargs}
    return {"kind": "construct", "cls": name, "kwargs": kwargs}


def _probes():
    """(fixture, code, bad probe, fixed probe or None) for every finding of the four rules."""
    found = []
    for name in fixture_files("bad"):
        if name.split("/")[0] not in CODES:
            continue
        path = os.path.join(FIXTURES, name)
        fixed_path = path[: -len(".py")] + ".fixed.py"
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read())
        with open(fixed_path, encoding="utf-8") as f:
            fixed_source = f.read()
        fixed_tree = ast.parse(fixed_source)
        # Both read as the file at the bad fixture's path: the fixed text is what that file becomes, and
        # the project's launch commands of it still decide its command-line options.
        facts, fixed_facts = Facts(tree, path), Facts(fixed_tree, path)
        fixed_rows = {(d.code, d.start.row) for d in _lint(fixed_path)}
        for diag in _lint(path):
            if diag.code not in CODES or re.search(r" in (trl|peft) \d", diag.message):
                continue  # TRL's and PEFT's own keywords run under those packages: tests/runtime_trl
            bad = _probe(diag.code, tree, facts, diag.start.row, diag.start.column)
            fixed = None
            if diag.fix is not None and (diag.code, diag.start.row) not in fixed_rows:
                if diag.code == "TFL502":
                    still = {r for c, r in fixed_rows if c == "TFL502"}
                    fixed = _fixed_keywords(bad, fixed_tree, fixed_facts, diag.start.row, still)
                else:
                    fixed = _probe(diag.code, fixed_tree, fixed_facts, diag.start.row, diag.start.column)
            found.append((name, diag.code, bad, fixed))
    return found


def _fixed_keywords(bad, tree, facts, row, still_flagged):
    """The fixed call's keywords, less those still reported in the fixed file (no fix for them)."""
    calls = [c for c in _calls_at(tree, row) if c.keywords]
    call = min(calls, key=lambda c: c.end_lineno - c.lineno)
    probe = dict(bad)
    kwargs = {k.arg: _constant(facts, k.value) for k in call.keywords if k.arg and k.lineno not in still_flagged}
    if bad["kind"] == "construct":
        if "output_dir" in bad["kwargs"] and "output_dir" not in kwargs:
            kwargs["output_dir"] = bad["kwargs"]["output_dir"]
        kwargs = {k: v for k, v in kwargs.items() if k not in ("max_length",)}
        probe.update(kwargs=kwargs if bad["cls"] != "Trainer" else {k: None for k in kwargs}, bind_only=True)
    else:
        probe.update(kwargs={k: v for k, v in kwargs.items() if k not in ("device_map",)})
    return probe


def _hub_entries(probes):
    k = knowledge_for(None)
    entries = {}
    for name, _, bad, fixed in probes:
        for probe in (bad, fixed):
            if probe and probe.get("checkpoint"):
                # A fixture's local checkpoint (TFL302's `checkpoints/gpt2`) is served by the tiny hub
                # under the same name: the child process does not run in the fixture's folder.
                base = os.path.dirname(os.path.join(FIXTURES, name))
                found = resolve_checkpoint(probe["checkpoint"], k.model_types, base_dir=base)
                entries[probe["checkpoint"]] = found.model_type
    return sorted(entries.items())


@pytest.fixture(scope="module")
def outcomes():
    probes = _probes()
    flat = [p for _, _, bad, fixed in probes for p in (bad, fixed) if p is not None]
    with tempfile.TemporaryDirectory() as root:
        spec_path = os.path.join(root, "probes.json")
        with open(spec_path, "w") as f:
            json.dump({"hub": _hub_entries(probes), "probes": flat}, f)
        env = {**os.environ, **hub_environment(root), "PYTHONPATH": os.pathsep.join(sys.path)}
        proc = subprocess.run([sys.executable, os.path.join(HERE, "runtime_tasks_probe.py"), root, spec_path],
                              env=env, capture_output=True, text=True, timeout=300)
    assert "@@RESULTS@@" in proc.stdout, proc.stderr[-3000:]
    results = iter(json.loads(proc.stdout.split("@@RESULTS@@", 1)[1]))
    return [(name, code, next(results), next(results) if fixed is not None else None, bad)
            for name, code, bad, fixed in probes]


def _task_classes(task):
    k = knowledge_for(None)
    canonical = k.lookup_task(task).task
    names = set()
    for auto_class in k.tasks[canonical].get("pt") or ():
        for value in (k.auto_class_mapping(auto_class) or {}).values():
            names.update([value] if isinstance(value, str) else value)
    return names


def test_every_rule_has_probes(outcomes):
    assert {code for _, code, _, _, _ in outcomes} == set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_bad_shows_symptom_and_fixed_does_not(outcomes, code):
    checked = 0
    for name, found_code, bad, fixed, probe in outcomes:
        if found_code != code:
            continue
        checked += 1
        where = f"{name}: {probe}"
        if code == "TFL301":
            assert bad["error"] and bad["error"].startswith("ValueError: Unrecognized configuration class"), where
        elif code == "TFL302":
            # The model 5.24 picks for the task is no class of the task's Auto classes (it falls back to
            # config.architectures); the pipeline then fails or runs that wrong model.
            assert bad.get("chosen") and bad["chosen"] not in _task_classes(probe["task"]), (where, bad)
        elif code == "TFL303":
            assert bad["error"] is None and bad["missing"] > 0.5, (where, bad)  # garbage weights, a warning only
        else:
            assert bad["error"] and bad["error"].startswith("TypeError") and "unexpected keyword" in bad["error"], \
                (where, bad)
        if fixed is not None:
            assert fixed["error"] is None, (where, fixed)
            if code == "TFL303":
                assert fixed["missing"] < 0.5, (where, fixed)  # only a new head, if any
    assert checked
