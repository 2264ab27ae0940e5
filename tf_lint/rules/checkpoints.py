"""Task/checkpoint (TFL301-TFL303): classes and pipeline tasks that the checkpoint's model type cannot serve.

Each rule asks the facts layer for the checkpoint string and :mod:`tf_lint.knowledge.checkpoints` for its
model type (config.json, the offline Hub cache, the configuration's ``checkpoints`` table, or the
bundled table of checkpoints transformers' own source loads; never a reading of the name), and the
target version's knowledge for what that model type supports.
"""

from __future__ import annotations

import ast
import os
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Position
from tf_lint.knowledge import Knowledge
from tf_lint.knowledge.checkpoints import Resolution, resolve_checkpoint
from tf_lint.knowledge.classes import model_framework
from tf_lint.registry import Rule

_PACKAGE = "transformers."
PIPELINE_FACTORIES = frozenset({"transformers.pipeline", "transformers.pipelines.pipeline"})
# Auto classes that serve one intent; when a model type supports exactly one class of the group the
# author's class belongs to, that class is what the code meant (TFL301's fix).
INTENT_GROUPS: Tuple[FrozenSet[str], ...] = (
    frozenset({"AutoModelForCausalLM", "AutoModelForSeq2SeqLM"}),  # generate text
    frozenset({"AutoModelForSequenceClassification", "AutoModelForImageClassification",
               "AutoModelForAudioClassification", "AutoModelForVideoClassification"}),  # classify the input
    frozenset({"AutoModelForCTC", "AutoModelForSpeechSeq2Seq"}),  # transcribe speech
)


class _CheckpointRule(Rule):
    """Shared: the target knowledge and the model type of a checkpoint expression."""

    # An Auto class, a model class or ``pipeline``: each a name of the package.
    packages = ("transformers",)

    def resolve(self, expr: Optional[ast.AST]) -> Tuple[Optional[str], Optional[Resolution]]:
        """(checkpoint name, its model type) of an expression, when the facts say which string it is."""
        name = self.ctx.facts.string(expr) if expr is not None else None
        if not name:
            return None, None
        path = self.ctx.document.path
        base = os.path.dirname(os.path.abspath(path)) if path and path != "-" else None
        found = resolve_checkpoint(name, self.knowledge.model_types, self.ctx.settings, base)
        if found is None or found.guessed:
            # A reading of the name is wrong too often to start a finding (``distilbert/distilgpt2`` is
            # GPT-2, ``wanglab/medsam-vit-base`` is SAM): only a config or a sourced table speaks.
            return name, None
        if found.model_type not in self.knowledge.config_mapping:
            return name, None  # a model type this version does not know: another problem
        return name, found


def _how(found: Resolution) -> str:
    return f" (model type read from {found.source})"


def _custom_code(call: ast.Call, extra: Tuple[str, ...] = ()) -> bool:
    """``trust_remote_code`` may load the checkpoint's own classes; ``**kwargs`` may pass anything."""
    for kw in call.keywords:
        if kw.arg is None or kw.arg in extra:
            return True
        if kw.arg == "trust_remote_code" and not (isinstance(kw.value, ast.Constant) and kw.value.value in (False, None)):
            return True
    return False


def _first_arg(call: ast.Call, keyword: str) -> Optional[ast.expr]:
    if call.args and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    return next((kw.value for kw in call.keywords if kw.arg == keyword), None)


class AutoClassUnsupported(_CheckpointRule):
    """## What it does
    Finds `AutoModelFor<X>.from_pretrained(checkpoint)` and `AutoModelFor<X>.from_config(config)` where
    the checkpoint's model type has no `<X>` class in the target transformers version, names the model
    type and the Auto classes that do load it.

    The model type comes from the checkpoint's `config.json` (a local folder, or the Hugging Face cache
    read offline), the `checkpoints` table of `[tool.tf-lint]`, or the checkpoints transformers' own
    source loads with its model classes; a checkpoint known only by its name is not reported (set its
    model type in `[tool.tf-lint] checkpoints` to have it checked).
    With an explicit `config=`, the Auto class dispatches on the config's class, not on the checkpoint:
    the config's model type is what counts (`GPT2Config(...)`, `GPT2Config.from_pretrained(...)`,
    `AutoConfig.from_pretrained(checkpoint)` of a known checkpoint), and a config of unknown type is not
    reported. Calls with `trust_remote_code=True` or `**kwargs` are not reported. The target version
    matters: GPT-2 has a question-answering head in 5.x but not in 4.x.

    A checkpoint given at run time (a command-line option of argparse, an `HfArgumentParser` or
    `TrlParser` dataclass field, click, typer or fire; `sys.argv`; an environment variable) is unknown
    here: the default the code declares for it (`field(default="facebook/opt-125m")` beside a Seq2Seq
    class, say) is a placeholder, not the model that runs, and never starts a finding or a fix.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    ## Why is this bad?
    `from_pretrained` raises `ValueError: Unrecognized configuration class ... for this kind of
    AutoModel` — after the checkpoint's config has been downloaded, so on a cold cache the script fails
    only after a download.

    ## Example
    ```python
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained("google-t5/t5-small")
    ```

    ## Use instead
    ```python
    from transformers import AutoModelForSeq2SeqLM

    model = AutoModelForSeq2SeqLM.from_pretrained("google-t5/t5-small")
    ```

    ## Fix safety
    When the model type supports exactly one Auto class serving the same intent as the one written —
    text generation (`AutoModelForCausalLM` / `AutoModelForSeq2SeqLM`), classification of text, images,
    audio or video, speech recognition (`AutoModelForCTC` / `AutoModelForSpeechSeq2Seq`) — the fix
    switches to it and imports it. It is unsafe: the other class takes other inputs (an encoder-decoder
    wants `labels` rather than shifted `input_ids`), so the code around the call may need changes.
    """

    code = "TFL301"
    name = "auto-class-unsupported"
    summary = "Auto class that cannot load the checkpoint's model type in the target transformers version"
    fix_availability = "sometimes"
    node_types = (ast.Call,)
    # Every Auto class of the knowledge (tests/test_gates.py reads them all).
    triggers = ("AutoModel", "AutoBackbone")

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in ("from_pretrained", "from_config")):
            return
        owner = self.ctx.facts.qualified_name(func.value)
        if not owner or not owner.startswith(_PACKAGE) or owner.count(".") != 1:
            return
        auto_class = owner.split(".", 1)[1]
        k = self.knowledge
        mapping = k.auto_class_mapping(auto_class)
        if mapping is None or _custom_code(node):
            return
        given = next((kw.value for kw in node.keywords if kw.arg == "config"), None)
        if func.attr == "from_pretrained" and given is None:
            name, found = self.resolve(_first_arg(node, "pretrained_model_name_or_path"))
        else:
            # `from_config(config)`, or `from_pretrained(..., config=config)`: the Auto class dispatches on
            # the config's class (`type(config) in cls._model_mapping`), whatever the checkpoint holds.
            name, found = self._config_type(given if given is not None else _first_arg(node, "config"))
        if found is None or found.model_type in mapping:
            return
        if found.kind == "config-class" and any(
                t in mapping for t, c in k.config_mapping.items() if c == k.config_mapping.get(found.model_type)):
            return  # another model type of the same config class has the head
        model_type = found.model_type
        supported = [c for c in k.auto_classes_for(model_type) if c.startswith("AutoModel")]
        loads = ", ".join(f"`{c}`" for c in supported) if supported else "no Auto model class"
        what = f"`{name}`" if name else "this config" if given is None else "the config given as `config=`"
        message = (f"`{auto_class}` cannot load {what}: its model type `{model_type}` has no `{auto_class}` "
                   f"class in transformers {k.version}{_how(found)}; it loads with {loads}")
        yield self.diagnostic(node, message, self._fix(node, func.value, auto_class, supported))

    def _config_type(self, expr: Optional[ast.expr]) -> Tuple[Optional[str], Optional[Resolution]]:
        """The model type of a config: ``AutoConfig.from_pretrained(ckpt)``, ``XConfig(...)``, or a name
        assigned one of those once in its scope."""
        if isinstance(expr, ast.Name):
            expr = self._single_assignment(expr)
        if not isinstance(expr, ast.Call):
            return None, None
        if isinstance(expr.func, ast.Attribute) and expr.func.attr == "from_pretrained":
            owner = self.ctx.facts.qualified_name(expr.func.value)
            if owner == "transformers.AutoConfig":
                if _custom_code(expr):
                    return None, None
                return self.resolve(_first_arg(expr, "pretrained_model_name_or_path"))
            if owner and owner.startswith(_PACKAGE) and owner.count(".") == 1 and owner.endswith("Config"):
                # `GPT2Config.from_pretrained(...)` returns a GPT2Config, whatever the checkpoint holds.
                return None, self._config_class_type(owner)
            return None, None
        qualname = self.ctx.facts.qualified_name(expr.func)
        if qualname and qualname.startswith(_PACKAGE) and qualname.endswith("Config"):
            return None, self._config_class_type(qualname)
        return None, None

    def _config_class_type(self, qualname: str) -> Optional[Resolution]:
        """The model type of a config class; where several types share the class (``GPT2Config``:
        ``gpt2`` and ``gpt-sw3``), the one named like it (the caller checks them all: an Auto class
        dispatches on the class)."""
        cls = qualname.rsplit(".", 1)[1]
        types = sorted(t for t, c in self.knowledge.config_mapping.items() if c == cls)
        stem = cls[: -len("Config")].lower()
        named = [t for t in types if t.replace("-", "").replace("_", "") == stem] or types[:1]
        return Resolution(named[0], "config-class", f"`{cls}`") if named else None

    def _single_assignment(self, name: ast.Name) -> Optional[ast.expr]:
        # The facts layer has no value for configs yet: read the one plain assignment of the name.
        use = self.ctx.facts.scopes.uses.get(id(name))
        bindings = use.scope.bindings.get(name.id, []) if use is not None else []
        if len(bindings) == 1 and bindings[0].kind == "assign" and not bindings[0].path:
            return bindings[0].value
        return None

    def _fix(self, call: ast.Call, owner: ast.expr, auto_class: str, supported: List[str]) -> Optional[Fix]:
        group = next((g for g in INTENT_GROUPS if auto_class in g), None)
        fits = [c for c in supported if group and c in group and c != auto_class]
        if len(fits) != 1:
            return None
        new = fits[0]
        doc = self.ctx.document
        if isinstance(owner, ast.Attribute):  # transformers.AutoModelForX
            end = doc.end_of(owner)
            start = Position(end.row, end.column - len(owner.attr))
            if doc.segment(start, end) != owner.attr:
                return None
            return Fix(Applicability.UNSAFE, f"Use `{new}`", [Edit(start, end, new)])
        if not isinstance(owner, ast.Name) or owner.id != auto_class:
            return None  # an alias: leave the naming to the author
        edits = [Edit(doc.start_of(owner), doc.end_of(owner), new)]
        imported = _import_edit(self.ctx, auto_class, new)
        if imported is None:
            return None
        if imported is not True:
            edits.append(imported)
        return Fix(Applicability.UNSAFE, f"Use `{new}`", edits)


class PipelineTaskUnsupported(_CheckpointRule):
    """## What it does
    Finds `pipeline(task, model="checkpoint")` where no Auto class of the task (in the target
    transformers version) supports the checkpoint's model type — `pipeline("fill-mask",
    model="openai-community/gpt2")`, `pipeline("text-generation", model="google-bert/bert-base-uncased")`
    — and names the tasks the model type does support. The model type is found as for TFL301; calls
    with `trust_remote_code=True`, a `pipeline_class` or `**kwargs` are not reported.

    It models what the target version's `pipeline()` does, read from its source: after the task's Auto
    classes (and the mapping some tasks swap in, like `decision`), the loader tries the classes named
    in the checkpoint's `config.architectures`. A class there that serves the task makes the pipeline
    right. When the checkpoint's `config.json` is read (a local folder, or the Hugging Face cache read
    offline), its `architectures` decide. When the model type comes from the `checkpoints` table or
    from transformers' own source, the config is not read, but what its `architectures` can name is
    known: `save_pretrained` writes the class of the model that saved it, a class of the checkpoint's
    model type. The call is reported only when no class of that model type can serve the task (none is
    listed under the type in the task's Auto mappings, and none of the classes serving the task carries
    the type's class-name stem, `GPT2...` for `GPT2Config`), and only for pipelines whose code treats
    every model alike (text generation, summarization, translation, fill-mask, text and token
    classification, question answering, zero-shot classification): audio, image-to-text and document
    pipelines special-case model types their Auto classes do not list (Dia in text-to-speech).

    A model given at run time (a command-line option of argparse, an `HfArgumentParser` or `TrlParser`
    dataclass field, click, typer or fire; `sys.argv`; an environment variable) is unknown here: the
    default the code declares for it is a placeholder, not the model that runs, and never starts a
    finding.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    ## Why is this bad?
    transformers 5.x does not refuse the pair: when the task's Auto classes cannot load the model type,
    `pipeline()` falls back to the class named in the checkpoint's `config.architectures` (a
    `GPT2LMHeadModel` for `fill-mask`), so the pipeline runs a model that was never trained for the task
    or fails at its first call (no mask token, no labels) — far from the line that chose the pair.

    ## Example
    ```python
    from transformers import pipeline

    unmasker = pipeline("fill-mask", model="openai-community/gpt2")
    ```

    ## Use instead
    ```python
    unmasker = pipeline("fill-mask", model="google-bert/bert-base-uncased")
    ```

    ## Fix safety
    There is no fix: the remedy is another checkpoint or another task, which only the author can choose.
    """

    code = "TFL302"
    name = "pipeline-task-unsupported"
    summary = "`pipeline()` task that the checkpoint's model type cannot serve"
    fix_availability = "none"
    node_types = (ast.Call,)
    triggers = ("pipeline",)

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        if self.ctx.facts.qualified_name(node.func) not in PIPELINE_FACTORIES or _custom_code(node, ("pipeline_class",)):
            return
        task = self.ctx.facts.string(_first_arg(node, "task"))
        model_expr = next((kw.value for kw in node.keywords if kw.arg == "model"), None)
        if model_expr is None and len(node.args) > 1:
            model_expr = node.args[1]
        if not task or model_expr is None:
            return
        k = self.knowledge
        found_task = k.lookup_task(task)
        if found_task.status != "ok":
            return  # TFL304's finding
        classes = list(k.tasks.get(found_task.task, {}).get("pt") or [])
        if not classes or any(k.auto_class_mapping(c) is None for c in classes):
            return  # an Auto class whose mapping the knowledge lacks: what it loads is unknown
        if found_task.task == "text-generation" and "text2text-generation" in k.data.get("removed_tasks", {}):
            # Versions that removed text2text-generation send encoder-decoders here, and they run
            # (measured on 5.24: T5ForConditionalGeneration generates through this task).
            classes.append("AutoModelForSeq2SeqLM")
        name, found = self.resolve(model_expr)
        if found is None:
            return
        if any(found.model_type in (k.auto_class_mapping(c) or {}) for c in classes) or any(
                found.model_type in mapping for mapping in k.pipeline_extra_mappings(found_task.task)):
            return
        fallback = ""
        if k.pipeline_tries_architectures:
            # The factory then tries the classes of `config.architectures`.
            serving = _classes_of(k, classes)
            if found.architectures is None:
                # Not read: a config's architectures name the class that saved it, a class of its model
                # type; known model types only (a sourced table, the user's table), none of whose
                # classes may serve the task.
                if (found.kind not in ("transformers", "settings") or not k.pipeline_is_model_agnostic(found_task.task)
                        or k.type_class_may_be_among(found.model_type, serving)):
                    return
                fallback = (f"; nor does any `{found.model_type}` class, the kind its config's `architectures` "
                            "names (the class that saved the checkpoint)")
            elif any(a in serving for a in found.architectures):
                return
            else:
                named = ", ".join(f"`{a}`" for a in found.architectures) or "none"
                fallback = f"; nor do the classes its config's `architectures` names ({named})"
        supported = [t for t in sorted(k.tasks) if any(
            found.model_type in (k.auto_class_mapping(c) or {}) for c in k.tasks[t].get("pt") or ())]
        tasks = ", ".join(f"'{t}'" for t in supported) if supported else "none"
        needs = " or ".join(f"`{c}`" for c in classes)
        message = (f"pipeline task '{task}' cannot run `{name}`: its model type `{found.model_type}` has no "
                   f"{needs} class in transformers {k.version}{_how(found)}{fallback}; its pipeline tasks: {tasks}")
        yield self.diagnostic(model_expr, message)


class ModelClassMismatch(_CheckpointRule):
    """## What it does
    Finds a concrete model class loaded from a checkpoint of another model type —
    `BertForSequenceClassification.from_pretrained("openai-community/gpt2")` — when the two model types
    share no code in transformers (pairs whose modeling code derives from one another, like `mt5` and
    `t5` or `mistral` and `llama`, load each other's weights and are not reported, as are the towers of a
    composite model loaded from its checkpoint: `CLIPTextModel` from a `clip` one). The model type is
    found as for TFL301; calls with an explicit `config=`, `trust_remote_code=True` or `**kwargs` are not
    reported.

    A checkpoint given at run time (a command-line option of argparse, an `HfArgumentParser` or
    `TrlParser` dataclass field, click, typer or fire; `sys.argv`; an environment variable) is unknown
    here: the default the code declares for it is a placeholder, not the model that runs, and never
    starts a finding or a fix.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    ## Why is this bad?
    transformers only warns ("You are using a model of type gpt2 to instantiate a model of type bert"),
    builds the class with default sizes, finds none of its weights in the checkpoint and initializes them
    at random. The script runs on, with a model that has learnt nothing.

    ## Example
    ```python
    from transformers import BertForSequenceClassification

    model = BertForSequenceClassification.from_pretrained("openai-community/gpt2")
    ```

    ## Use instead
    ```python
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained("openai-community/gpt2")
    ```

    ## Fix safety
    When the class's head exists for the checkpoint's model type as an Auto class
    (`...ForSequenceClassification` -> `AutoModelForSequenceClassification`), the fix loads through that
    Auto class instead. It is unsafe: the head is still newly initialized if the checkpoint lacks it, and
    code that relies on the concrete class (its attributes, `isinstance`) may change.
    """

    code = "TFL303"
    name = "model-class-mismatch"
    summary = "Concrete model class loaded from a checkpoint of another model type"
    fix_availability = "sometimes"
    node_types = (ast.Call,)
    triggers = ("from_pretrained",)

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "from_pretrained"):
            return
        owner = self.ctx.facts.qualified_name(func.value)
        if not owner or not owner.startswith(_PACKAGE) or owner.count(".") != 1 or model_framework(owner) is None:
            return
        cls = owner.split(".", 1)[1]
        if cls.startswith(("Auto", "TFAuto", "FlaxAuto")) or _custom_code(node, ("config",)):
            return
        k = self.knowledge
        own_types, auto_classes = _class_index(id(k), k).get(cls, (frozenset(), frozenset()))
        if not own_types:
            return
        name, found = self.resolve(_first_arg(node, "pretrained_model_name_or_path"))
        if found is None or found.model_type in own_types or _related(found.model_type, own_types):
            return
        primary = [t for t in own_types if cls.startswith(k.config_mapping.get(t, "-")[: -len("Config")] or "-")]
        owned = f"`{primary[0]}`" if len(primary) == 1 else ", ".join(f"`{t}`" for t in sorted(own_types))
        message = (f"`{cls}` is a {owned} class but `{name}` is a `{found.model_type}` checkpoint"
                   f"{_how(found)}: its weights do not fit, and the model is initialized at random")
        yield self.diagnostic(node, message, self._fix(func.value, cls, found.model_type, auto_classes))

    def _fix(self, owner: ast.expr, cls: str, model_type: str, auto_classes: FrozenSet[str]) -> Optional[Fix]:
        k = self.knowledge
        fits = [a for a in auto_classes if a != "AutoModel" and model_type in (k.auto_class_mapping(a) or {})]
        if len(fits) != 1 or not isinstance(owner, ast.Name) or owner.id != cls:
            return None
        edits = [Edit(self.ctx.document.start_of(owner), self.ctx.document.end_of(owner), fits[0])]
        imported = _import_edit(self.ctx, cls, fits[0])
        if imported is None:
            return None
        if imported is not True:
            edits.append(imported)
        return Fix(Applicability.UNSAFE, f"Load with `{fits[0]}`", edits)


def _classes_of(knowledge: Knowledge, auto_classes: Iterable[str]) -> FrozenSet[str]:
    """Every concrete class the given Auto classes load, for any model type."""
    found: Set[str] = set()
    for auto_class in auto_classes:
        for value in (knowledge.auto_class_mapping(auto_class) or {}).values():
            found.update([value] if isinstance(value, str) else value)
    return frozenset(found)


@lru_cache(maxsize=4)
def _class_index(_key: int, knowledge: Knowledge) -> Dict[str, Tuple[FrozenSet[str], FrozenSet[str]]]:
    """class name -> (the model types it belongs to, the Auto classes that list it), from the mappings."""
    by_mapping = {m: a for a, m in knowledge.auto_classes.items()}
    types: Dict[str, Set[str]] = {}
    autos: Dict[str, Set[str]] = {}
    for mapping_name, mapping in knowledge.model_mappings.items():
        for model_type, classes in mapping.items():
            for cls in [classes] if isinstance(classes, str) else classes:
                types.setdefault(cls, set()).add(model_type)
                if mapping_name in by_mapping:
                    autos.setdefault(cls, set()).add(by_mapping[mapping_name])
    return {c: (frozenset(t), frozenset(autos.get(c, ()))) for c, t in types.items()}


@lru_cache(maxsize=1)
def _related_pairs() -> FrozenSet[Tuple[str, str]]:
    import gzip
    import json

    from tf_lint.knowledge.checkpoints import DATA

    try:
        with gzip.open(DATA, "rb") as f:
            return frozenset(tuple(p) for p in json.loads(f.read()).get("related", ()))
    except (OSError, ValueError):
        return frozenset()


def _related(model_type: str, others: FrozenSet[str]) -> bool:
    pairs = _related_pairs()
    return any(tuple(sorted((model_type, o))) in pairs for o in others)


def _import_edit(ctx, old: str, new: str):
    """True when ``new`` is imported already; else an edit adding it to the import of ``old``."""
    tree = ctx.tree
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "transformers" and not node.level:
            if any(a.name == new and a.asname is None for a in node.names):
                return True
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "transformers" and not node.level:
            for alias in node.names:
                if alias.name == old and alias.asname is None and getattr(alias, "lineno", None):
                    doc = ctx.document
                    end = doc.end_of(alias)
                    uses = sum(1 for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == old)
                    if uses == 1:  # the call was its only use: replace the import
                        return Edit(doc.start_of(alias), end, new)
                    return Edit(end, end, f", {new}")
    return None
