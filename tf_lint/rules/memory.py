"""Memory (TFL4xx): batch sizes whose estimated peak memory exceeds the target device."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, List, Optional, Tuple

from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Position
from tf_lint.knowledge.keywords import ARGUMENT_CLASSES
from tf_lint.registry import Rule

if TYPE_CHECKING:  # the estimator loads when a document names a training-arguments class
    from tf_lint.estimate import Case
    from tf_lint.knowledge import memory


class _MemoryRule(Rule):
    node_types = (ast.Module,)
    triggers = ARGUMENT_CLASSES
    fix_availability = "sometimes"
    training = True

    def visit(self, node: ast.Module) -> Iterable[Diagnostic]:
        from tf_lint.device import memory_of
        from tf_lint.estimate import find_cases

        device, self._device = memory_of(self.ctx.document.path, self.ctx.settings)
        cases = self.ctx.shared.get("memory.cases")
        if cases is None:  # found once per document for the training and the evaluation rule
            cases = find_cases(self.ctx.tree, self.ctx.facts, self.ctx.document.path, self.knowledge.major)
            self.ctx.shared["memory.cases"] = cases
        for case in cases:
            found = self._check(case, device)
            if found is not None:
                yield found

    def _check(self, case: Case, device: int) -> Optional[Diagnostic]:
        from tf_lint.estimate import ASSUMED_SEQ
        from tf_lint.knowledge import memory

        if not (case.trains if self.training else case.evaluates):
            return None
        if self._reported_at_launch(case):
            return None
        setup = case.setup if self.training else case.eval_setup
        seq = (f"{setup.seq} tokens ({case.seq_source})" if case.seq_source
               else f"{ASSUMED_SEQ} tokens (sequence length unknown: assumed short)")
        judged = judge(case.config, setup, device, self._device, case.checkpoint, seq)
        if judged is None:
            return None
        message, largest = judged
        keyword = case.train_batch if self.training else case.eval_batch
        target: ast.AST = keyword if keyword is not None else case.args_call
        fix = self._fix(case, setup, device) if largest else None
        return self.diagnostic(target, message, fix)

    def _fix(self, case: Case, setup: memory.Setup, device: int) -> Optional[Fix]:
        return None

    def _reported_at_launch(self, case: Case) -> bool:
        """Whether a value of the setup is written by a launch command in a file that tf-lint reads (a
        shell script, a notebook; a page when Markdown is included): the setup is then that launch's,
        reported at its flag (:meth:`_script_launch`), and not here. A page that is not read leaves the
        finding here, with the note naming its command."""
        from tf_lint.launches import launch_file

        return any(self.ctx.settings.includes(launch_file(value.written_by)) for value in case.launched)

    # --- launch commands and recipes (``tf_lint.launch_cases``) --------------------------------------
    checks_launches = True

    def visit_launch(self) -> Iterable[Diagnostic]:
        """The setup of each launch command of a shell document, reported where its batch is written:
        a flag of the command here; a key of its recipe in the recipe (:meth:`_recipe`); the command's
        first row when the default batch is in force. A recipe reports at its batch key, for the first
        launch that runs it with that key in force and exceeds the device."""
        if self.ctx.document.language == "recipe":
            yield from self._recipe()
            return
        from tf_lint.launch_cases import BATCH, EVAL_BATCH, command_line, launch_case, located
        from tf_lint.launches import commands_in

        doc = self.ctx.document
        option = BATCH if self.training else EVAL_BATCH
        lines = [doc.line(row) for row in range(1, len(doc.lines) + 1)]
        for command in commands_in(lines, doc.path):
            case = launch_case(located(doc, command), self.ctx.settings, self.knowledge.major,
                               line=command_line(doc, command))
            if case is None:
                yield from self._script_launch(command)
                continue
            if case.source_of(option) == "recipe":
                continue
            flag = next((f for f in command.flags if f.name.replace("-", "_") == option), None)
            if flag is not None:
                start = Position(flag.row, flag.column)
                end = Position(flag.row, flag.column + 2 + len(flag.name))
            else:
                start = Position(command.row, 1 + len(doc.line(command.row)) - len(doc.line(command.row).lstrip()))
                end = Position(command.row, len(doc.line(command.row).rstrip()) + 1)
            found = self._launch_finding(case, start, end, lambda new: self._command_edits(command, case, new)
                                         if flag is not None else None)
            if found is not None:
                found.statement_rows = (command.row, command.end_row)
                yield found

    def _script_launch(self, command) -> Iterable[Diagnostic]:
        """The setups of a launched script whose own code builds its training arguments (argparse, the
        project's own dataclass), as this command runs it, when a value the estimate used is written by
        this command (the script's own line then stays silent: ``case.launched``): reported at the flag
        that gives the batch, else at the first flag that gives a value the estimate used."""
        import os

        from tf_lint.device import memory_of
        from tf_lint.estimate import ASSUMED_SEQ
        from tf_lint.launch_cases import script_cases
        from tf_lint.launches import normal_option

        device, named = memory_of(self.ctx.document.path, self.ctx.settings)
        key = ("memory.script_cases", command.launch)  # read once per document for TFL401 and TFL402
        cases = self.ctx.shared.get(key)
        if cases is None:
            cases = self.ctx.shared[key] = script_cases(command.launch, self.knowledge.major)
        for found in cases:
            case = found.case
            if not (case.trains if self.training else case.evaluates):
                continue
            left = [] if case.launched else _defaults_left_here(case, command)
            if not case.launched and not left:
                continue  # no value of this command's own: the script's line speaks for every launch
            setup = case.setup if self.training else case.eval_setup
            seq = (f"{setup.seq} tokens ({case.seq_source})" if case.seq_source
                   else f"{ASSUMED_SEQ} tokens (sequence length unknown: assumed short)")
            launched_with = [n[len("launched with "):] for n in case.notes if n.startswith("launched with ")]
            sharded = f" per process ({launched_with[0]})" if setup.processes > 1 and launched_with else ""
            judged = judge(case.config, setup, device, named, case.checkpoint, seq, sharded)
            if judged is None:
                continue
            message, largest = judged
            message += f"; the setup `{os.path.basename(command.launch.script)}` builds, as this command runs it"
            if left:
                message += (" (it leaves " + ", ".join(f"`{value.option}` at its default {value.value}"
                                                       for value in left)
                            + "; another launch of the script gives a value)")
            batch = found.batch if self.training else found.eval_batch
            ordered = ([batch] if _written(batch, command) else []) + [v for v in case.launched if v is not batch]
            flag = None
            for value in ordered:
                flag = next((f for f in command.flags if normal_option(f.name) == normal_option(value.option)), None)
                if flag is not None:
                    break
            if flag is not None:
                start, end = Position(flag.row, flag.column), Position(flag.row, flag.column + 2 + len(flag.name))
            else:
                line = self.ctx.document.line(command.row)
                start = Position(command.row, 1 + len(line) - len(line.lstrip()))
                end = Position(command.row, len(line.rstrip()) + 1)
            fix = None
            if largest and _written(batch, command):
                fix = self._script_fix(command, found, setup, device)
            diagnostic = Diagnostic(self.code, message, start, end, fix)
            diagnostic.statement_rows = (command.row, command.end_row)
            yield diagnostic

    def _script_fix(self, command, found, setup: memory.Setup, device: int) -> Optional[Fix]:
        """The batch flag's new value and the accumulation that keeps the effective batch, written into the
        script's accumulation option (its flag in this command, else added after the batch); None when the
        accumulation is not an option of the script (written in its code) or a value is not a plain number
        on its flag's row."""
        from tf_lint.analysis.values import LaunchedValue
        from tf_lint.launch_cases import fitting_setup_batch
        from tf_lint.launches import normal_option

        case = found.case
        if self.training:
            new = fitting_setup_batch(case.config, setup, device)
        else:
            from tf_lint.knowledge import memory as model

            new = model.largest_batch(case.config, setup, device, model.FIT_MARGIN) or None
        if new is None:
            return None
        batch = found.batch if self.training else found.eval_batch
        batch_at = self._option_value(command, batch.option, setup.batch)
        if batch_at is None:
            return None
        edits = [Edit(batch_at[0], batch_at[1], str(new))]
        if not self.training:
            return Fix(Applicability.UNSAFE, f"Use per-device eval batch {new}", edits)
        accumulation = setup.accumulation * setup.batch // new
        held = found.accumulation
        if not isinstance(held, LaunchedValue) or not held.option.startswith("--"):
            return None  # the accumulation is the code's own (or TrainingArguments' default): not a flag
        if _written(held, command):
            at = self._option_value(command, held.option, setup.accumulation)
            if at is None:
                return None
            edits.append(Edit(at[0], at[1], str(accumulation)))
        elif any(normal_option(f.name) == normal_option(held.option) for f in command.flags):
            return None
        else:
            edits.append(Edit(batch_at[1], batch_at[1], f" {held.option} {accumulation}"))
        return Fix(Applicability.UNSAFE, f"Use per-device batch {new} with {accumulation} gradient accumulation "
                   "steps", edits)

    def _option_value(self, command, option: str, value: int) -> Optional[Tuple[Position, Position]]:
        from tf_lint.launches import normal_option

        flag = next((f for f in command.flags if normal_option(f.name) == normal_option(option)), None)
        return self._value_after(flag, value) if flag is not None else None

    def _recipe(self) -> Iterable[Diagnostic]:
        from tf_lint.launch_cases import BATCH, EVAL_BATCH, launch_case
        from tf_lint.launches import recipe_launches
        from tf_lint.sources.launch import recipe_values

        doc = self.ctx.document
        option = BATCH if self.training else EVAL_BATCH
        values = {v.key.name: v for v in recipe_values(doc.text)}
        written = values.get(option)
        if written is None:
            return
        for launch in recipe_launches(doc.path):
            case = launch_case(launch, self.ctx.settings, self.knowledge.major, recipe_text=doc.text)
            if case is None or case.source_of(option) != "recipe":
                continue
            key = written.key
            start, end = Position(key.row, key.column), Position(key.row, key.column + len(key.name))
            found = self._launch_finding(case, start, end, lambda new: self._recipe_edits(values, case, new))
            if found is not None:
                found.message += f"; the recipe is run by `{launch.where}`"
                yield found
                return

    def _launch_finding(self, case, start: Position, end: Position, edits) -> Optional[Diagnostic]:
        from tf_lint.device import memory_of

        device, named = memory_of(self.ctx.document.path, self.ctx.settings)
        setup = case.setup if self.training else case.eval_setup
        if not self.training and not case.evaluates:
            return None
        sharded = (f" per process ({case.distributed.describe()})"
                   if case.distributed is not None and case.distributed.processes > 1 else "")
        judged = judge(case.config, setup, device, named, case.checkpoint, f"{setup.seq} tokens ({case.seq_source})",
                       sharded)
        if judged is None:
            return None
        message, largest = judged
        fix = None
        if largest:
            from tf_lint.launch_cases import fitting_batch

            new = fitting_batch(case, device) if self.training else _eval_fitting(case, device)
            change = edits(new) if new is not None else None
            if change is not None:
                title, applied = change
                fix = Fix(Applicability.UNSAFE, title, applied)
        return Diagnostic(self.code, message, start, end, fix)

    def _command_edits(self, command, case, new: int):
        """(title, edits) writing ``new`` into the command's batch flag and the accumulation that keeps the
        effective batch into its accumulation flag (added after the batch when the command has none: a
        flag of the command line overrides its recipe's key); None when a value is not a plain number
        written on the flag's row."""
        from tf_lint.launch_cases import ACCUMULATION, BATCH, EVAL_BATCH

        option = BATCH if self.training else EVAL_BATCH
        edits = []
        batch_at = self._flag_value(command, option, case.setup.batch if self.training else case.eval_batch)
        if batch_at is None:
            return None
        edits.append(Edit(batch_at[0], batch_at[1], str(new)))
        if not self.training:
            return f"Use per-device eval batch {new}", edits
        accumulation = case.setup.accumulation * case.setup.batch // new
        if case.source_of(ACCUMULATION) == "command":
            at = self._flag_value(command, ACCUMULATION, case.setup.accumulation)
            if at is None:
                return None
            edits.append(Edit(at[0], at[1], str(accumulation)))
        else:
            edits.append(Edit(batch_at[1], batch_at[1], f" --{ACCUMULATION} {accumulation}"))
        return f"Use per-device batch {new} with {accumulation} gradient accumulation steps", edits

    def _flag_value(self, command, option: str, value: int) -> Optional[Tuple[Position, Position]]:
        flag = next((f for f in command.flags if f.name.replace("-", "_") == option), None)
        if flag is None:
            return None
        return self._value_after(flag, value)

    def _value_after(self, flag, value: int) -> Optional[Tuple[Position, Position]]:
        """Where the plain number ``value`` is written after ``flag`` on its row; None when it is not."""
        import re

        line = self.ctx.document.line(flag.row)
        after = flag.column - 1 + 2 + len(flag.name)
        match = re.compile(r"(=|[ \t]+)(\d+)(?=[\s;&|]|$)").match(line, after)
        if match is None or int(match.group(2)) != value:
            return None
        return Position(flag.row, match.start(2) + 1), Position(flag.row, match.end(2) + 1)

    def _recipe_edits(self, values, case, new: int):
        """(title, edits) writing ``new`` into the recipe's batch key and the accumulation into its key
        (added on the next row when absent); None when the command line gives the accumulation (two
        files would change) or a value is not a plain one-line number."""
        from tf_lint.launch_cases import ACCUMULATION, BATCH, EVAL_BATCH

        option = BATCH if self.training else EVAL_BATCH
        batch = values[option]
        if not batch.row or not batch.text.isdigit():
            return None
        edits = [Edit(Position(batch.row, batch.column), Position(batch.row, batch.end), str(new))]
        if not self.training:
            return f"Use per-device eval batch {new}", edits
        accumulation = case.setup.accumulation * case.setup.batch // new
        place = case.source_of(ACCUMULATION)
        if place == "command":
            return None
        if place == "recipe":
            written = values[ACCUMULATION]
            if not written.row or not written.text.isdigit():
                return None
            edits.append(Edit(Position(written.row, written.column), Position(written.row, written.end),
                              str(accumulation)))
        else:
            indent = " " * (batch.key.column - 1)  # the new key goes on a row of its own, before the batch's
            at = Position(batch.key.row, batch.key.column)
            edits.insert(0, Edit(at, at, f"{ACCUMULATION}: {accumulation}\n{indent}"))
        return f"Use per-device batch {new} with {accumulation} gradient accumulation steps", edits


def _defaults_left_here(case, command) -> list:
    """The option defaults a setup used that this command leaves in force while the script's launches
    disagree on them (another launch writes a value, or cannot be read for it): the script's own line is
    then silent, so this command is where the setup, as it runs it, is reported."""
    from tf_lint.launches import option_given

    return [value for value in case.defaults if value.option.startswith("--")
            and option_given(command.launch.script, [value.option]) is None]


def _written(value, command) -> bool:
    """Whether ``value`` is a ``LaunchedValue`` that ``command``'s own words wrote."""
    from tf_lint.analysis.values import LaunchedValue

    return isinstance(value, LaunchedValue) and value.written_by is not None and \
        value.written_by.script == command.launch.script and value.written_by.words == command.launch.words


def _eval_fitting(case, device: int) -> Optional[int]:
    """The largest evaluation batch below ``memory.FIT_MARGIN`` of the device (no accumulation to keep)."""
    from tf_lint.knowledge import memory

    largest = memory.largest_batch(case.config, case.eval_setup, device, memory.FIT_MARGIN)
    return largest or None


def judge(config, setup: memory.Setup, device: int, named_device, checkpoint: str, seq: str,
          sharded: str = "") -> Optional[Tuple[str, int]]:
    """The message of a step whose estimate exceeds ``device`` bytes, and the largest batch that fits (0:
    none); None when it fits or cannot be estimated. One judgement for Python code and launch commands."""
    from tf_lint.knowledge import memory

    result = memory.estimate(config, setup)
    if result is None or result.total <= device:
        return None
    kind = "training" if setup.training else "evaluation"
    terms = ", ".join(f"{name.replace('_', ' ')} {memory.format_bytes(value)}" for name, value in result.main_terms())
    named = f" ({named_device.describe()})" if named_device is not None else ""
    quantized = setup.quantization
    loaded = (f" loaded in {quantized.bits}-bit" + (" with LoRA adapters" if setup.lora is not None else "")
              if quantized is not None else "")
    message = (f"estimated {kind} peak {memory.format_bytes(result.total)} exceeds the "
               f"{memory.format_bytes(device)} device{named} ({terms}) for {checkpoint}{loaded} at batch "
               f"{setup.batch} × {seq}{sharded}")
    largest = memory.largest_batch(config, setup, device)
    if largest == 0:
        options = memory.what_would_fit(config, setup, device)
        message += "; even batch 1 does not fit"
        message += (": " + " or ".join(f"`{o}`" for o in options) + " would") if options else \
            ": it needs a larger device or sharding (FSDP/DeepSpeed)"
    else:
        message += f"; the largest batch that fits is {largest}"
    return message, largest


def _divisor(case_config, setup: memory.Setup, device: int) -> Optional[int]:
    """The smallest power of two that divides the batch and makes it fit with a margin."""
    from tf_lint.knowledge import memory

    factor = 2
    while factor <= setup.batch:
        if setup.batch % factor:
            return None
        candidate = memory.estimate(case_config, _with_batch(setup, setup.batch // factor))
        if candidate is not None and candidate.total <= device * memory.FIT_MARGIN:
            return factor
        factor *= 2
    return None


def _with_batch(setup: memory.Setup, batch: int) -> memory.Setup:
    from dataclasses import replace

    return replace(setup, batch=batch)


def _literal_int(keyword: Optional[ast.keyword]) -> Optional[int]:
    if keyword is None:
        return None
    value = keyword.value
    if isinstance(value, ast.Constant) and type(value.value) is int:
        return value.value
    return None


def _call_edit(document, call: ast.Call, replacements: List[Tuple[ast.keyword, str]],
               additions: List[Tuple[str, str]]) -> Optional[Edit]:
    """One edit of ``call``'s text: new values for some keywords, new keywords after the last argument
    (in the call's own style: see ``tf_lint.fixes.calls``)."""
    start, end = document.start_of(call), document.end_of(call)
    text = document.segment(start, end)
    base = document.offset(start)
    # Replace values right to left so that earlier offsets stay valid.
    for keyword, new in sorted(replacements, key=lambda r: -document.offset(document.start_of(r[0].value))):
        a = document.offset(document.start_of(keyword.value)) - base
        b = document.offset(document.end_of(keyword.value)) - base
        text = text[:a] + new + text[b:]
    if additions:
        import libcst as cst

        from tf_lint.fixes import calls

        try:
            tree = cst.parse_expression(text)
        except Exception:
            return None
        for name, value in additions:
            tree = calls.with_keyword(cst, tree, name, value)
            if tree is None:
                return None
        text = calls.tree_code(tree, text)
    return Edit(start, end, text)


class TrainBatchExceedsMemory(_MemoryRule):
    """## What it does
    Estimates the peak GPU memory of one training step of a `Trainer` (`Seq2SeqTrainer`, TRL's
    `SFTTrainer`) from the code: the model's config (a local or cached `config.json`, or tf-lint's table
    of popular checkpoints), `per_device_train_batch_size`, the sequence length (`max_length=` of
    tokenizer calls, `block_size=` / `max_seq_length=` / `seq_length=` passed to what cuts the data,
    TRL's `max_length`; a variable named `block_size` that nothing reads is no length),
    precision (`bf16`/`fp16`, the model's `dtype`), `optim`, activation checkpointing, the attention
    implementation and LoRA; and reports a configuration whose estimate exceeds the target device's
    memory (`--device-memory` or `device-memory` in `[tool.tf-lint]`; else the GPU the project records:
    a Colab notebook's `gpuType`, a SageMaker estimator's `instance_type` for its entry-point script;
    else 80 GiB: docs/memory.md, "The device"). Under `accelerate launch --config_file` with DeepSpeed
    ZeRO or FSDP sharding, each process's share is estimated. The message gives
    the estimate, its main terms and the largest batch that fits. `tf-lint estimate PATH` prints the
    whole table. Unknown models, optimizers or dtypes give no finding; an unknown sequence length is
    assumed short (128 tokens), and the message says so. A model loaded without `dtype`/`torch_dtype`
    is taken in the dtype the target transformers version loads: float32 in 4.x, the checkpoint's own
    dtype in 5.x (docs/memory.md). In a file with no `Trainer(...)` call, its one `TrainingArguments`
    goes with its one `from_pretrained` model.

    A model, batch size, sequence length or precision given at run time (a command-line option of
    argparse, an `HfArgumentParser` or `TrlParser` dataclass field, click, typer or fire; `sys.argv`; an
    environment variable) is unknown here: the default the code declares for it is a placeholder, so
    such a configuration is not reported. `tf-lint estimate` still estimates it with the defaults and
    lists each one as a placeholder.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    Launch commands and recipes too (docs/launches.md, "Memory of a launched setup"): a `.sh` script, a
    page's shell block or a notebook's `!` line that runs a script whose parser reads TRL's `SFTConfig`
    and `ModelConfig` (`trl sft`, alignment-handbook's `scripts/sft.py`), and the YAML recipe it hands
    that parser, give the model (`model_name_or_path`), batch, `max_length`, `bf16`/`fp16`, `dtype`,
    gradient checkpointing (TRL's default on), `use_peft`/`lora_r`/`lora_target_modules`, `optim` and
    gradient accumulation; an option written in neither keeps TRL's default. The same estimate is
    reported at the `--per_device_train_batch_size` flag, or at the recipe's key (at the command when the
    default batch is in force), with each process's share under the accelerate config the command
    names. A quantized model (`load_in_4bit`: TRL wraps it, and its releases differ in what they do to
    it), Liger kernels, a `deepspeed`/`fsdp` option, a value written as `$VAR`, an unknown checkpoint or
    an unread accelerate config leave it silent.
    In Python code, a model loaded in 4 bits (`quantization_config=BitsAndBytesConfig(load_in_4bit=True)`)
    and trained through LoRA adapters (QLoRA) is sized too: its packed weights, and the activations of
    4-bit layers that keep no input for backward (docs/memory.md, "Quantized models"), float32 after
    `prepare_model_for_kbit_training`; 8-bit models, and a quantized model that `SFTTrainer` wraps with
    its adapters itself, are not.
    A script that builds `TrainingArguments(...)` from its own options (argparse) is sized with the values
    each launch writes, launch by launch: when the model, batch or length of the setup comes from a
    launch's flag, the finding is at that flag (the batch flag first) and the script's line is silent
    (unless the launch is on a page that is not linted: Markdown is opt-in); when all of them are the
    script's own (literals, or defaults every launch leaves), at the script's line; a launch that leaves
    a default in force while another launch writes that option, at its command (no fix). A setup is
    reported in one place.

    ## Why is this bad?
    "CUDA out of memory" is raised when the first batch (or the first long one) reaches the GPU: after
    the model was downloaded and loaded, the data tokenized and perhaps an hour of training done. The
    usual remedy (smaller per-device batch, more gradient accumulation) keeps the effective batch and the
    results the same. The same holds for a launch
    line or a recipe: the job is queued, the environment built, the checkpoint downloaded, and then the
    first step stops.

    ## Example
    ```python
    from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

    model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B")
    args = TrainingArguments("out", per_device_train_batch_size=16, bf16=True)
    Trainer(model=model, args=args, train_dataset=train).train()
    ```

    ```bash
    python sft.py --model_name_or_path meta-llama/Llama-3.1-8B --max_length 2048 \\
        --per_device_train_batch_size 16
    ```

    ## Use instead
    ```python
    args = TrainingArguments("out", per_device_train_batch_size=1, gradient_accumulation_steps=16, bf16=True,
                             activation_checkpointing=True, optim="adamw_bnb_8bit")
    ```
    When not even a batch of one fits, the message lists what would (bf16, activation checkpointing, an
    8-bit optimizer, LoRA); for a full fine-tune of a large model, shard it (FSDP, DeepSpeed).

    On a launch line, the same change in its flags:
    ```bash
    python sft.py --model_name_or_path meta-llama/Llama-3.1-8B --max_length 2048 \\
        --per_device_train_batch_size 1 --gradient_accumulation_steps 16
    ```

    ## Fix safety
    The fix divides `per_device_train_batch_size` by the smallest power of two that brings the estimate
    below 85% of the device and multiplies `gradient_accumulation_steps` by the same factor (adding it
    when absent), so the effective batch, the number of optimizer steps and the learning-rate schedule
    stay the same; Trainer normalises the loss over the accumulated batch (`num_items_in_batch`), so the
    updates match up to floating-point rounding. It is safe when both values are literals and the trainer
    is a Transformers/TRL class; it is unsafe when the trainer is the program's own subclass (its
    `compute_loss` may not normalise the same way). No fix when the values come from elsewhere (a
    constant, the command line) or when the batch cannot be divided by a power of two.

    On a launch command or a recipe the fix is unsafe (the launched script's own trainer and its loss
    normalisation are not checked): it writes the largest divisor of the batch whose estimate, with the
    accumulated gradients counted, fits below 85% of the device, and multiplies the accumulation by the
    same factor: into the accumulation flag of the same command, else as a new
    `--gradient_accumulation_steps` flag after the batch (a command-line option overrides a recipe's
    key); in a recipe into its accumulation key, else as a new key on the row before the batch. No fix
    when the command line gives the accumulation of a recipe's batch (two files would change), when a
    value is not a plain number on the flag's row. A notebook's `!` line is fixed inside its cell.
    For an argparse script's launch the accumulation goes into the script's own accumulation option (its
    flag, or the flag added after the batch); no fix when the script's accumulation or batch is written
    in its code.
    """

    code = "TFL401"
    name = "train-batch-exceeds-memory"
    summary = "Estimated training memory of the per-device batch exceeds the target device"
    training = True

    def _fix(self, case: Case, setup: memory.Setup, device: int) -> Optional[Fix]:
        factor = _divisor(case.config, setup, device)
        if factor is None:
            return None
        batch_kw, accumulation_kw = case.train_batch, case.accumulation
        if batch_kw is not None and _literal_int(batch_kw) is None:
            return None
        if accumulation_kw is not None and _literal_int(accumulation_kw) is None:
            return None
        new_batch = setup.batch // factor
        new_accumulation = setup.accumulation * factor
        replacements: List[Tuple[ast.keyword, str]] = []
        additions: List[Tuple[str, str]] = []
        if batch_kw is not None:
            replacements.append((batch_kw, str(new_batch)))
        else:
            additions.append(("per_device_train_batch_size", str(new_batch)))
        if accumulation_kw is not None:
            replacements.append((accumulation_kw, str(new_accumulation)))
        else:
            additions.append(("gradient_accumulation_steps", str(new_accumulation)))
        document = self.ctx.document
        call = case.args_call
        applicability = Applicability.UNSAFE if case.local_trainer else Applicability.SAFE
        return Fix(applicability,
                   f"Use per-device batch {new_batch} with {new_accumulation} gradient accumulation steps",
                   lambda: [e for e in [_call_edit(document, call, replacements, additions)] if e is not None])


class EvalBatchExceedsMemory(_MemoryRule):
    """## What it does
    The same estimate as TFL401 for the evaluation step of a `Trainer` that evaluates (it gets an
    `eval_dataset`, or the program calls `evaluate()` / `predict()`): the weights, one layer's transient
    tensors and the logits of `per_device_eval_batch_size` sequences (no gradients, no optimizer state,
    no saved activations). It reports a configuration whose estimate exceeds the target device memory.

    A model, batch size, sequence length or precision given at run time (a command-line option of
    argparse, an `HfArgumentParser` or `TrlParser` dataclass field, click, typer or fire; `sys.argv`; an
    environment variable) is unknown here: the default the code declares for it is a placeholder, so
    such a configuration is not reported. `tf-lint estimate` still estimates it with the defaults and
    lists each one as a placeholder.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    On a launch command or a recipe (see TFL401) it reports the `--per_device_eval_batch_size` flag or
    key when `eval_strategy` is not `no`.

    ## Why is this bad?
    Evaluation runs after the first `eval_steps` of training, or at the end of it: an out-of-memory
    error there loses the training run's evaluation (and, with `load_best_model_at_end`, its result).
    Language models' logits (`batch × sequence × vocabulary`, upcast to float32 for the loss) make the
    evaluation batch the larger one more often than people expect.

    ## Example
    ```python
    args = TrainingArguments("out", per_device_eval_batch_size=256, eval_strategy="epoch")
    trainer = Trainer(model=model, args=args, train_dataset=train, eval_dataset=valid)
    ```

    ## Use instead
    ```python
    args = TrainingArguments("out", per_device_eval_batch_size=32, eval_strategy="epoch")
    ```

    ## Fix safety
    The fix divides `per_device_eval_batch_size` by the smallest power of two that brings the estimate
    below 85% of the device. Metrics do not depend on the evaluation batch size (each example is scored
    on its own), so the fix is safe when the value is a literal; no fix otherwise.
    On a launch command or a recipe the new value is written into the flag or key, as an unsafe fix.
    """

    code = "TFL402"
    name = "eval-batch-exceeds-memory"
    summary = "Estimated evaluation memory of the per-device eval batch exceeds the target device"
    training = False

    def _fix(self, case: Case, setup: memory.Setup, device: int) -> Optional[Fix]:
        factor = _divisor(case.config, setup, device)
        keyword = case.eval_batch
        if factor is None or (keyword is not None and _literal_int(keyword) is None):
            return None
        new_batch = setup.batch // factor
        document = self.ctx.document
        call = case.args_call
        if keyword is not None:
            edits = [Edit(document.start_of(keyword.value), document.end_of(keyword.value), str(new_batch))]
            return Fix(Applicability.SAFE, f"Use per-device eval batch {new_batch}", edits)
        return Fix(Applicability.SAFE, f"Use per-device eval batch {new_batch}",
                   lambda: [e for e in [_call_edit(document, call, [], [("per_device_eval_batch_size",
                                                                          str(new_batch))])] if e is not None])
