"""The training setups of launch commands and recipes, sized by the same memory model as Python code.

A launch command (:mod:`tf_lint.launches`) of a script whose parser reads TRL's ``SFTConfig`` and
``ModelConfig`` (TRL's own ``trl sft``, alignment-handbook's ``scripts/sft.py``, any script of that shape:
:mod:`tf_lint.analysis.parsers`) trains the causal language model ``model_name_or_path`` names with the
options the command line and its recipe (``--config``, or the one YAML argument) give; an option written
in neither keeps the default of the class that declares it. The setup is what
``tf_lint.knowledge.memory`` sizes for Python code: the same ``Setup`` and the same ``estimate``.

Evidence or silence: no case when any value that the estimate needs is not known here: a checkpoint
tf-lint has no config for, a value written as a shell expansion (``$BATCH``), a word of the command that
may expand to options (``$EXTRA``), an option the project's own dataclass declares in place of TRL's, a
model loaded in 8 bits (``load_in_8bit``: not modelled), ``model_init_kwargs``, Liger kernels,
a DeepSpeed or FSDP setting of the training arguments, or an ``accelerate launch`` whose configuration
is not read (``tf_lint.device.distributed_of_launch``). A script whose parser reads one of TRL's preference
configs (``DPOConfig``, ...) in place of ``SFTConfig`` is never sized: its own code decides the policy, the
reference model and PEFT (docs/launches.md); the reason names what blocks it first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Sequence, Tuple

from tf_lint.knowledge import memory

# TRL's ``SFTConfig`` (trl ``trainer/sft_config.py``): ``max_length`` defaults to 1024; releases that
# override TrainingArguments' ``gradient_checkpointing`` make it True, and those that override ``bf16``
# leave it None, which ``__post_init__`` turns into ``not fp16``. TRL's ``ModelConfig``
# (``trainer/model_config.py``; TRL 0.16 added ``max_length`` to ``SFTConfig``): ``lora_r`` 16, ``use_peft`` False, the PEFT default target modules.
# ``lora_dropout`` 0.05 and ``use_bnb_nested_quant`` False; ``load_in_4bit`` builds ``BitsAndBytesConfig(
# load_in_4bit=True, bnb_4bit_compute_dtype=<dtype>, bnb_4bit_use_double_quant=use_bnb_nested_quant)``
# (``get_quantization_config``).
SFT_DEFAULT_MAX_LENGTH = 1024
TRL_LORA_R = 16
TRL_LORA_DROPOUT = 0.05
TRAINING_DEFAULTS = {"per_device_train_batch_size": 8, "per_device_eval_batch_size": 8,
                     "gradient_accumulation_steps": 1}
BATCH = "per_device_train_batch_size"
ACCUMULATION = "gradient_accumulation_steps"
EVAL_BATCH = "per_device_eval_batch_size"
# Options whose value makes the setup one the memory model does not size (or one sharded otherwise).
_UNSIZED = ("deepspeed", "fsdp", "load_in_8bit", "use_liger_kernel", "use_liger", "model_init_kwargs",
            "torch_compile", "activation_offloading")
# Every option the estimate reads: one of them declared by the project's own dataclass is not TRL's.
_READ = (BATCH, ACCUMULATION, EVAL_BATCH, "model_name_or_path", "max_length", "max_seq_length", "bf16", "fp16",
         "gradient_checkpointing", "activation_checkpointing", "optim", "dtype", "torch_dtype", "use_peft", "lora_r",
         "lora_target_modules", "lora_dropout", "load_in_4bit", "use_bnb_nested_quant", "attn_implementation",
         "eval_strategy", "evaluation_strategy") + _UNSIZED
# TRL's preference configs a launched script's parser may read in place of ``SFTConfig``
# (``tf_lint.estimate.PREFERENCE_TRAINERS`` sizes their trainers built in Python); those of trainers that
# keep a reference model.
PREFERENCE_CONFIGS = ("DPOConfig", "ORPOConfig", "KTOConfig", "CPOConfig")
_REFERENCE_CONFIGS = ("DPOConfig", "KTOConfig")
_TRUE = {"true", "1", "yes", "y", ""}
_FALSE = {"false", "0", "no", "n"}


@dataclass(frozen=True)
class Written:
    """An option's value and where it is written: ``place`` "command" (the launch command's words) or
    "recipe"; ``text`` as written (a bare flag: "")."""

    text: str
    place: str
    kind: str = "scalar"  # a recipe value's kind (``tf_lint.sources.launch.Value``)


@dataclass
class LaunchCase:
    """The training setup one launch command runs."""

    launch: object  # tf_lint.launches.Launch
    checkpoint: str
    config: Dict[str, object]
    config_source: str
    setup: memory.Setup
    seq_source: str
    eval_batch: int
    evaluates: bool
    values: Dict[str, Written]  # the options written (command line over recipe)
    notes: Tuple[str, ...] = ()
    distributed: Optional[object] = None

    @property
    def eval_setup(self) -> memory.Setup:
        return replace(self.setup, training=False, batch=self.eval_batch)

    def source_of(self, option: str) -> str:
        written = self.values.get(option)
        if written is None:
            return "default"
        return written.place


def command_options(words: Sequence[str]) -> Optional[Dict[str, str]]:
    """The ``--name value`` / ``--name=value`` / bare ``--flag`` options of a command's words (names with
    underscores); a value written with a shell expansion is kept as written (and read as unknown); None
    when a word that is no option's value may expand to options (``$EXTRA``)."""
    found: Dict[str, str] = {}
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if not word.startswith("--"):
            if "$" in word or "`" in word:
                return None
            continue
        name, eq, value = word[2:].partition("=")
        if "$" in name or "`" in name:
            return None
        if not eq and i < len(words) and not words[i].startswith("-"):
            value = words[i]
            i += 1
        found[name.replace("-", "_")] = value
    return found


def _flag(text: Optional[str]) -> Optional[bool]:
    if text is None:
        return None
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def _integer(text: str) -> Optional[int]:
    return int(text) if re.fullmatch(r"\d+", text.strip()) else None


def is_sft(options) -> bool:
    """Whether a script's parser (``ScriptOptions``) reads TRL's ``SFTConfig`` and ``ModelConfig``."""
    classes = {cls.rstrip("?") for package, cls in options.classes if package == "trl"}
    return {"SFTConfig", "ModelConfig"} <= classes


def launch_case(launch, settings, major: int, placeholders: bool = False,
                recipe_text: Optional[str] = None, line: Optional[Tuple[str, str]] = None,
                why: Optional[List[str]] = None) -> Optional[LaunchCase]:
    """The training setup ``launch`` runs, or None when it is not fully known (module docstring);
    ``recipe_text``: the recipe's text as linted (a fix may have changed it), else it is read; ``line``:
    the command's text and folder, when it was read from a document (else found again by its place);
    ``why``: a list that receives the reason when there is no case (``tf-lint estimate --unsized``)."""
    from tf_lint.analysis.parsers import script_options

    why = why if why is not None else []
    options = script_options(launch.script)
    if options is None:
        return _no(why, "the launched script's parser is not read")
    preference = preference_config(options) if options.dataclass_parser else None
    if not options.dataclass_parser or not (is_sft(options) or preference):
        trl = sorted(cls.rstrip("?") for package, cls in options.classes if package == "trl")
        return _no(why, "the script's parser does not read TRL's SFTConfig and ModelConfig"
                   + (f" (it reads {', '.join(trl)})" if trl else ""))
    declared = [name for name in _READ if name in options.declared]
    if declared:
        return _no(why, f"the project's own dataclass declares `{declared[0]}`")  # not TRL's meaning
    values = _launch_values(launch, options, recipe_text, why)
    if values is None:
        return None
    if preference:
        return _no(why, _preference_reason(launch, preference, values, line))
    return _case(launch, values, settings, major, placeholders, line, why)


def preference_config(options) -> Optional[str]:
    """The TRL preference config (``DPOConfig``, ``ORPOConfig``, ``KTOConfig``, ``CPOConfig``) a script's
    parser reads beside TRL's ``ModelConfig`` and no ``SFTConfig``, else None."""
    classes = {cls.rstrip("?") for package, cls in options.classes if package == "trl"}
    if "ModelConfig" not in classes or "SFTConfig" in classes:
        return None
    found = sorted(classes & set(PREFERENCE_CONFIGS))
    return found[0] if len(found) == 1 else None


def _preference_reason(launch, config: str, values: Dict[str, "Written"],
                       line: Optional[Tuple[str, str]]) -> str:
    """Why a launch of a script whose parser reads a TRL preference config is not sized: the first thing
    about the launch's own values that the preference estimate does not model, else that the script's own
    code decides the policy, the reference model and PEFT (``tf_lint.estimate`` follows that code for a
    trainer built in Python with its config's call; a launch's parsed config is not followed)."""
    for name in _UNSIZED + ("load_in_4bit",):  # 4-bit: the trainer wraps the quantized model (releases differ)
        written = values.get(name)
        if written is None or "$" in written.text or "`" in written.text:
            continue
        if written.kind == "null" or written.text.strip() in ("null", "None") or _flag(written.text) is False:
            continue
        return ("quantized weights (activations not modelled)" if name.startswith("load_in")
                else f"`{name}` is set (not modelled)")
    written = values.get("model_name_or_path")
    if written is None or not written.text.strip():
        return "no `model_name_or_path`"
    if "$" not in written.text and "`" not in written.text and not launch.script.startswith("trl "):
        import os

        from tf_lint.knowledge.configs import checkpoint_config

        if checkpoint_config(written.text, os.path.dirname(os.path.abspath(launch.script))) is None:
            return f"no config for checkpoint `{written.text}`"
    if config in _REFERENCE_CONFIGS and not launch.script.startswith("trl "):
        from tf_lint.device import UNKNOWN_DISTRIBUTED, distributed_of_launch

        distributed = distributed_of_launch(launch, *line) if line is not None else distributed_of_launch(launch)
        if distributed is not None and distributed is not UNKNOWN_DISTRIBUTED and distributed.sharding:
            return (f"a {config} run under {distributed.describe().split(' (')[0]}: the reference model's "
                    "placement under sharding is not modelled")
    return (f"the script's parser reads TRL's {config}: its own code builds the trainer (the policy, "
            + ("the reference model and PEFT" if config in _REFERENCE_CONFIGS else "PEFT")
            + "), not followed for a launch")


def _launch_values(launch, options, recipe_text: Optional[str], why: List[str]) -> Optional[Dict[str, Written]]:
    """The options one launch writes, the command line's over its recipe's; None (and why) when they
    cannot all be read."""
    words = tuple(launch.words)
    one_file = len(words) == 1 and words[0].endswith((".yaml", ".yml"))
    if one_file and not (options.yaml_file and "HfArgumentParser" in options.kinds):
        return _no(why, "a lone YAML argument the script's parser does not read as a recipe")
    if not one_file and not options.parses_argv:
        return _no(why, "the script's parser does not read the command line")
    values: Dict[str, Written] = {}
    if launch.recipe is not None:
        recipe = _recipe_values(launch.recipe, recipe_text)
        if recipe is None:
            return _no(why, "the recipe cannot be read")
        values.update(recipe)
    elif any(w == "--config" or w.startswith("--config=") for w in words) or one_file:
        return _no(why, "the recipe is not a file of the project (or its path is a shell expansion)")
    if not one_file:
        given = command_options(words)
        if given is None:
            return _no(why, "a word of the command may expand to options (`$VAR`)")
        values.update({name: Written(text, "command") for name, text in given.items() if name != "config"})
    return values


def _no(why: List[str], reason: str) -> None:
    """No case, saying why."""
    why.append(reason)
    return None


def _recipe_values(path: str, text: Optional[str] = None) -> Optional[Dict[str, Written]]:
    from tf_lint import deps
    from tf_lint.sources.launch import recipe_values

    if text is None:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            return None
        deps.note(path)
    return {v.key.name: Written(v.text, "recipe", v.kind) for v in recipe_values(text)}


def _case(launch, values: Dict[str, Written], settings, major: int, placeholders: bool,
          line: Optional[Tuple[str, str]], why: List[str]) -> Optional[LaunchCase]:
    from tf_lint.estimate import default_weights_dtype
    from tf_lint.knowledge.configs import checkpoint_config, config_dtype

    def text(name: str) -> Optional[str]:
        written = values.get(name)
        if written is None:
            return None
        if "$" in written.text or "`" in written.text or written.kind in ("other",):
            raise _Unknown(name)
        return written.text

    try:
        for name in _UNSIZED:
            written = values.get(name)
            if written is not None and not (written.kind == "null" or _flag(text(name)) is False
                                            or written.text.strip() in ("", "null", "None") and written.place
                                            == "recipe"):
                return _no(why, ("quantized weights (activations not modelled)" if name.startswith("load_in")
                                 else f"`{name}` is set (not modelled)"))
        checkpoint = text("model_name_or_path")
        if not checkpoint:
            return _no(why, "no `model_name_or_path`")
        import os

        found = checkpoint_config(checkpoint, os.path.dirname(os.path.abspath(launch.script))
                                  if not launch.script.startswith("trl ") else "")
        if found is None:
            return _no(why, f"no config for checkpoint `{checkpoint}`")
        config, source = found
        numbers = {}
        for name, default in TRAINING_DEFAULTS.items():
            written = text(name)
            numbers[name] = default if written is None else _integer(written)
            if numbers[name] is None or numbers[name] < 1:
                return _no(why, f"`{name}` is not a number")
        length_name = "max_length" if "max_length" in values else ("max_seq_length" if "max_seq_length" in values
                                                                   else None)
        overrides = _sft_overrides(settings)
        if overrides is None:
            return _no(why, "the target TRL releases' SFTConfig is not known")
        needed = [name for name in ("bf16", "gradient_checkpointing", "max_length") if overrides[name] is None and (
            name == "bf16" and "bf16" not in values and not ("fp16" in values and _flag(text("fp16")))
            or name == "gradient_checkpointing" and name not in values and "activation_checkpointing" not in values
            or name == "max_length" and length_name is None)]
        if needed:
            return _no(why, f"the target TRL releases disagree on SFTConfig's default `{needed[0]}`")
        if length_name is None:
            if not overrides["max_length"]:
                # before TRL 0.16: ``max_seq_length=None``, the tokenizer's own limit
                return _no(why, "no sequence length written, and the target TRL has no default")
            seq, seq_source = SFT_DEFAULT_MAX_LENGTH, f"SFTConfig's default `max_length={SFT_DEFAULT_MAX_LENGTH}`"
        else:
            seq = _integer(text(length_name) or "")
            if seq is None or seq < 1:
                return _no(why, f"`{length_name}` is not a number")
            seq_source = (f"`--{length_name} {seq}` on the command line" if values[length_name].place == "command"
                          else f"`{length_name}: {seq}` in the recipe")
        fp16 = _flag(text("fp16")) if "fp16" in values else False
        bf16 = _flag(text("bf16")) if "bf16" in values else (not fp16 if overrides["bf16"] else False)
        checkpointing = False
        for name in ("gradient_checkpointing", "activation_checkpointing"):
            if name in values:
                checkpointing = checkpointing or bool(_flag(text(name)))
                if _flag(text(name)) is None:
                    return _no(why, f"`{name}` is not a boolean")
        if "gradient_checkpointing" not in values and "activation_checkpointing" not in values:
            checkpointing = overrides["gradient_checkpointing"]
        if fp16 is None or bf16 is None:
            return _no(why, "`bf16`/`fp16` is not a boolean")
        optim = text("optim") or memory.DEFAULT_OPTIMIZER
        if optim not in memory.OPTIMIZER_STATE:
            return _no(why, f"optimizer `{optim}` is not modelled")
        dtype_text = text("dtype") if "dtype" in values else text("torch_dtype")
        if dtype_text in (None, "", "null", "None"):
            weights = default_weights_dtype(config, major)
        elif dtype_text == "auto":
            weights = config_dtype(config)
        elif memory.dtype_bytes(dtype_text) is not None:
            weights = dtype_text
        else:
            return _no(why, f"dtype `{dtype_text}` is not known")
        attention = text("attn_implementation") or "sdpa"
        if attention in ("null", "None"):
            attention = "sdpa"
        if attention not in ("sdpa", "eager", "flash_attention_2", "flash_attention_3"):
            return _no(why, f"`attn_implementation` `{attention}` is not modelled")
        lora = None
        use_peft = _flag(text("use_peft")) if "use_peft" in values else False
        if use_peft is None:
            return _no(why, "`use_peft` is not a boolean")
        if use_peft:
            rank = _integer(text("lora_r") or str(TRL_LORA_R))
            targets_text = text("lora_target_modules")
            targets = None
            if targets_text not in (None, "", "null", "None"):
                targets = tuple(t.strip() for t in targets_text.split(",") if t.strip())
            dropout_text = text("lora_dropout")
            try:
                dropout = TRL_LORA_DROPOUT if dropout_text in (None, "", "null", "None") else float(dropout_text)
            except ValueError:
                return _no(why, "`lora_dropout` is not a number")
            if rank is None:
                return _no(why, "`lora_r` is not a number")
            lora = memory.Lora(rank, targets, dropout)
        quantization = None
        four_bit = _flag(text("load_in_4bit")) if "load_in_4bit" in values else False
        if four_bit is None:
            return _no(why, "`load_in_4bit` is not a boolean")
        if four_bit:
            # TRL's trainer wraps the quantized model with its adapters itself: releases differ in whether
            # they cast its other parameters to float32 (``tf_lint.estimate``, ``_quantized_setup``).
            nested = _flag(text("use_bnb_nested_quant")) if "use_bnb_nested_quant" in values else False
            if lora is None or nested is None or not placeholders:
                return _no(why, "quantized weights: sized only with LoRA, by `tf-lint estimate` (TRL releases "
                                "differ in how they prepare the model)" if nested is not None
                           else "`use_bnb_nested_quant` is not a boolean")
            quantization = memory.Quantization(4, nested, compute_dtype=weights, source_dtype=weights)
            weights = "float32"
            notes_quantized = True
        else:
            notes_quantized = False
        strategy = text("eval_strategy") or text("evaluation_strategy") or "no"
    except _Unknown as unknown:
        return _no(why, f"`{unknown.args[0]}` is written as a shell expansion or a value not read")
    notes: List[str] = []
    if notes_quantized:
        notes.append("a quantized model that TRL wraps with its adapters: TRL releases differ in whether they "
                     "cast its other parameters to float32; float32 taken (the larger)")
    processes, sharding, distributed = 1, None, None
    if not launch.script.startswith("trl "):
        from tf_lint.device import UNKNOWN_DISTRIBUTED, distributed_of_launch

        distributed = distributed_of_launch(launch, *line) if line is not None else distributed_of_launch(launch)
        if distributed is UNKNOWN_DISTRIBUTED:
            if not placeholders:
                return _no(why, "launched by `accelerate launch` with a configuration not read here")
            notes.append("launched by `accelerate launch` with a configuration not read here: estimated as one "
                         "process holding the whole model")
            distributed = None
        elif distributed is not None:
            processes, sharding = distributed.processes, distributed.sharding
            notes.append(f"launched with {distributed.describe()}")
    setup = memory.Setup(batch=numbers[BATCH], seq=seq, mixed="bf16" if bf16 else ("fp16" if fp16 else None),
                         weights_dtype=weights, optimizer=optim, checkpointing=checkpointing, attention=attention,
                         lora=lora, accumulation=numbers[ACCUMULATION], head="lm", processes=processes,
                         sharding=sharding, quantization=quantization)
    if memory.estimate(config, setup) is None:
        return _no(why, f"model type `{config.get('model_type')}` is not modelled")
    return LaunchCase(launch, checkpoint, config, source, setup, seq_source, numbers[EVAL_BATCH],
                      strategy.lower() != "no", values, tuple(notes), distributed)


class _Unknown(Exception):
    pass


def _sft_overrides(settings) -> Optional[Dict[str, bool]]:
    """Whether the target TRL releases' ``SFTConfig`` overrides ``bf16`` and ``gradient_checkpointing``
    (declares them itself): None when the releases disagree or ``SFTConfig`` is unknown to one."""
    from tf_lint.knowledge.packages import target_releases as package_releases

    try:
        releases = package_releases(settings, "trl")
    except Exception:  # pragma: no cover - no TRL knowledge at all
        return None
    answers: Dict[str, set] = {"bf16": set(), "gradient_checkpointing": set(), "max_length": set()}
    for release in releases or ():
        own = release.own_keywords("SFTConfig")
        if not own:
            return None
        for name, seen in answers.items():
            seen.add(name in own)
    if not releases:
        return None
    # A default the releases disagree on is None: a setup that writes the value does not need it.
    return {name: seen.pop() if len(seen) == 1 else None for name, seen in answers.items()}


def fitting_batch(case: LaunchCase, device: int) -> Optional[int]:
    """The largest divisor of the batch whose estimate fits below ``memory.FIT_MARGIN`` of the device
    (the effective batch then stays the same with more accumulation steps); None when none does."""
    return fitting_setup_batch(case.config, case.setup, device)


def document_launches(document, settings, major: int) -> List[Tuple[object, Optional[LaunchCase], str]]:
    """``tf-lint estimate``'s launches of a launch document (every command of a shell document, every
    launch of a recipe; an ``accelerate launch`` whose configuration is not read is estimated as one
    process, and noted), each with its case, or None and why there is none (``--unsized``)."""
    if document.language == "recipe":
        from tf_lint.launches import recipe_launches

        launches = [(launch, None) for launch in recipe_launches(document.path)]
    else:
        from tf_lint.launches import commands_in

        lines = [document.line(row) for row in range(1, len(document.lines) + 1)]
        launches = [(located(document, command), command_line(document, command))
                    for command in commands_in(lines, document.path)]
    found = []
    for launch, line in launches:
        why: List[str] = []
        case = launch_case(launch, settings, major, placeholders=True, line=line, why=why)
        found.append((launch, case, why[0] if why else ""))
    return found


def report(case: LaunchCase, device_bytes: int, device: str = "") -> Dict[str, object]:
    """A launch case as ``tf_lint.estimate.report`` gives a Python one (``line``: the launch's place)."""
    from tf_lint.estimate import step_report

    out: Dict[str, object] = {
        "device": device, "model": case.checkpoint, "config_source": case.config_source,
        "line": case.launch.where, "sequence_length": case.setup.seq, "sequence_length_source": case.seq_source,
        "device_memory_bytes": device_bytes, "placeholders": [], "notes": list(case.notes),
    }
    steps = [("train", case.setup)] + ([("eval", case.eval_setup)] if case.evaluates else [])
    for kind, setup in steps:
        step = step_report(case.config, setup, device_bytes, kind)
        if step is not None:
            out["parameters"], out[kind] = step
    return out


def script_reports(launch, major: int, device_bytes: int, device: str = "") -> List[Dict[str, object]]:
    """``tf-lint estimate``'s reports of the setups a launched script's own code builds (argparse, the
    project's own dataclass: :func:`script_cases`), as this launch runs it: named by the launch, with the
    script's line of the training arguments."""
    import os

    from tf_lint.estimate import report as case_report

    if not launch.script.endswith(".py"):
        return []
    out = []
    for found in script_cases(launch, major):
        rep = case_report(found.case, device_bytes, device)
        try:
            script = os.path.relpath(launch.script)
        except ValueError:
            script = launch.script
        rep["line"] = launch.where
        rep["notes"] = [f"the training arguments of `{script}:{found.case.args_call.lineno}`, as this command "
                        "runs it"] + list(rep["notes"])
        out.append(rep)
    return out


def located(document, command):
    """The command's launch, its place named in the file (``README.md:18``, ``nb.ipynb:cell 2``) rather
    than in the document (a page's block, a notebook's cell, are documents of their own rows)."""
    import os

    from tf_lint.diagnostics import Position

    cell, at = document.locate(Position(command.row, 1))
    try:
        shown = os.path.relpath(document.path)
    except ValueError:
        shown = document.path
    # Cells are counted from 1, as ``tf_lint.launches`` names them (``Document.locate`` gives the index).
    return replace(command.launch, where=f"{shown}:cell {cell + 1}" if cell is not None else f"{shown}:{at.row}")


def command_line(document, command) -> Tuple[str, str]:
    """A command's text (its rows, continuations joined) and its folder, from the document it is in."""
    import os

    rows = [document.line(row).rstrip("\r\n") for row in range(command.row, command.end_row + 1)]
    text = " ".join(row[:-1] if row.rstrip().endswith("\\") else row for row in (r.rstrip() for r in rows))
    return text, os.path.dirname(os.path.abspath(document.path))


# --- scripts whose own code builds the training arguments (argparse, the project's own dataclasses) -------
@dataclass
class ScriptCase:
    """A setup of a launched script's own code (``tf_lint.estimate.Case``) as one launch runs it, with
    what its batch, evaluation batch and accumulation keywords hold there (a ``LaunchedValue`` when an
    option of the launch decides one, else whatever the code gives: None for a keyword not written)."""

    case: object
    batch: object = None
    eval_batch: object = None
    accumulation: object = None


def script_cases(launch, major: int) -> List[ScriptCase]:
    """The training setups of a launched Python script whose code builds its training arguments, as this
    one launch runs it: the script's options hold what this command's words give them
    (:func:`tf_lint.launches.only_launch`), each launch judged on its own. Empty for a script whose parser
    reads TRL's configs (:func:`launch_case` sizes those) or that cannot be read."""
    from tf_lint import deps
    from tf_lint.analysis import Facts
    from tf_lint.analysis.parsers import script_options
    from tf_lint.estimate import find_cases
    from tf_lint.launches import only_launch
    from tf_lint.sources.document import parse_quietly

    script = launch.script
    if script.startswith("trl ") or not script.endswith(".py"):
        return []
    options = script_options(script)
    if options is not None and options.dataclass_parser and is_sft(options):
        return []
    try:
        with open(script, "rb") as f:
            data = f.read()
        if not any(name.encode() in data for name in ("TrainingArguments", "SFTConfig", "Seq2SeqTrainingArguments")):
            return []
        tree = parse_quietly(data.decode("utf-8", "replace"), script)
    except (OSError, SyntaxError, ValueError, MemoryError, RecursionError):
        return []
    deps.note(script)
    with only_launch(launch):  # the facts answer lazily: everything asked of them is asked in here
        facts = Facts(tree, script)

        def held(keyword):
            return facts.constant(keyword.value) if keyword is not None else None

        return [ScriptCase(case, held(case.train_batch), held(case.eval_batch), held(case.accumulation))
                for case in find_cases(tree, facts, script, major)]


def fitting_setup_batch(config, setup: memory.Setup, device: int) -> Optional[int]:
    """:func:`fitting_batch` for any setup: the largest divisor of its batch that fits with the
    accumulation raised to keep the effective batch; None when none does."""
    batch = setup.batch
    for candidate in range(batch - 1, 0, -1):
        if batch % candidate:
            continue
        accumulation = setup.accumulation * batch // candidate  # the gradients then add up
        found = memory.estimate(config, replace(setup, batch=candidate, accumulation=accumulation))
        if found is not None and found.total <= device * memory.FIT_MARGIN:
            return candidate
    return None
