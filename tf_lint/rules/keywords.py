"""Version (TFL502): keyword arguments that the target transformers (TRL, PEFT) version removed or renamed."""

from __future__ import annotations

import ast
import re
from typing import Dict, Iterable, List, Optional

from tf_lint.analysis import Constant, Model
from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Position
from tf_lint.knowledge.keywords import (
    FROM_PRETRAINED,
    TRAINER,
    TRAINERS,
    TRAINING_ARGUMENT_CLASSES,
    TRL_CONFIGS,
    Removed,
    removed_for_major,
    removed_training_arguments,
)
from tf_lint.knowledge.packages import PACKAGES, Fields, keyword_loss
from tf_lint.knowledge.packages import requirement_note as package_note
from tf_lint.knowledge.packages import target_releases as package_releases
from tf_lint.knowledge.store import version_tuple
from tf_lint.knowledge.versions import first_release_with, minor, requirement_note, target_releases
from tf_lint.registry import Rule


class RemovedKeywordArgument(Rule):
    """## What it does
    Finds keyword arguments that the target transformers version removed or renamed:

    - `TrainingArguments(...)` / `Seq2SeqTrainingArguments(...)` and TRL's configs that subclass them
      (`SFTConfig`, `DPOConfig`, `GRPOConfig`, ...): every field of transformers 4.57.6's
      `TrainingArguments` that the target lacks (5.x dropped 28: `overwrite_output_dir`, `logging_dir`,
      `warmup_ratio`, `no_cuda`, `per_gpu_train_batch_size`, `group_by_length`, ...), and
      `evaluation_strategy` (renamed `eval_strategy` in 4.x);
    - a model's `from_pretrained(...)`: `use_auth_token` (now `token`), `load_in_8bit` / `load_in_4bit`
      (now `quantization_config=BitsAndBytesConfig(...)`);
    - `Trainer(tokenizer=...)` (now `processing_class`);
    - every public class and function of TRL and PEFT, against the target TRL / PEFT release (chosen as
      for TFL501: `--target-trl-version`, a notebook's `!pip install trl==0.9.6`, `target-trl-version`,
      the project's pin, the installed package, the newest bundled release): the trainers
      (`SFTTrainer`, `DPOTrainer`, `GRPOTrainer`, `PPOTrainer`, ...), their configs (TRL's own fields,
      and the `TrainingArguments` fields of the target transformers they inherit), `LoraConfig` and the
      other PEFT configs, `get_peft_model`, `prepare_model_for_kbit_training`,
      `PeftModel.from_pretrained`. What each accepts is read from the released sources of every minor
      release (TRL 0.7 on, PEFT 0.5 on): parameters, dataclass fields, `**kwargs` passed on to a base
      class, and the keywords a deprecation still accepts. A call that passes `**kwargs` on to something
      tf-lint cannot see is never reported. The message says in which release the keyword went, or from
      which it is accepted (`LoraConfig(use_dora=...)`: PEFT 0.9), and what replaced it: a rename
      (`SFTTrainer(tokenizer=)` -> `processing_class=`, TRL 0.16; `SFTConfig(max_seq_length=)` ->
      `max_length=`, TRL 0.20) or a move into the trainer's config (`SFTTrainer(max_seq_length=,
      packing=, dataset_text_field=)` -> `SFTConfig(...)`, TRL 0.13).

    Launch commands and recipes too: a flag of a launch command (a `.sh` script, a page's shell block, a
    notebook's `!` line or `%%bash` cell) and a top-level key of a YAML recipe it hands the parser
    (`python train.py recipe.yaml`, `--config recipe.yaml`, `trl sft --config recipe.yaml`) that the
    launched script's `HfArgumentParser` / `TrlParser` rejects on the target release, for the same
    reasons: mapped through what the script declares (its argparse options, its own dataclasses,
    `TrainingArguments` / `Seq2SeqTrainingArguments` of the target transformers, TRL's configs of the
    target TRL). Reported only when every parser class is known (a dataclass from elsewhere,
    `parse_known_args`, `return_remaining_strings=True`, `allow_extra_keys=True`: silent) and an earlier
    release accepted the option (one no release had may be the user's own); a `--config` recipe only on
    TRL 0.19 on, which fails on a key it does not use (older releases ignored it). Which files are read:
    docs/launches.md.

    The message says what to use instead, citing transformers' migration guide. Tokenizer calls and
    `generate` were checked against transformers 5.24 too: the v4 keywords they still see
    (`pad_to_max_length`, `use_auth_token` on a tokenizer) do not fail, so they are not reported here.

    ## Why is this bad?
    The call raises `TypeError: ... got an unexpected keyword argument` on the target version — for
    `TrainingArguments`, the first line of a training script, typically right after an upgrade. A launch
    flag or a recipe key stops the parser (`ValueError: Some specified arguments are not used by the
    HfArgumentParser`, `Some keys are not used by the HfArgumentParser`, TRL's `Unknown arguments from
    config file`) after the environment is built and the job has waited in its queue.

    ## Example
    ```python
    from transformers import TrainingArguments

    args = TrainingArguments(output_dir="out", evaluation_strategy="epoch", no_cuda=True,
                             overwrite_output_dir=True, warmup_ratio=0.1)
    ```

    ```bash
    # train.py: HfArgumentParser((ModelArguments, TrainingArguments))
    python train.py --output_dir out --evaluation_strategy epoch
    ```

    ```yaml
    # recipe.yaml, run as `trl sft --config recipe.yaml`
    max_seq_length: 1024
    evaluation_strategy: steps
    ```

    ## Use instead
    ```python
    args = TrainingArguments(output_dir="out", eval_strategy="epoch", use_cpu=True, warmup_steps=0.1)
    ```

    ```bash
    python train.py --output_dir out --eval_strategy epoch
    ```

    ```yaml
    max_length: 1024
    eval_strategy: steps
    ```

    ## Fix safety
    Safe fixes only: a one-to-one rename keeps the value (`evaluation_strategy` -> `eval_strategy`,
    `no_cuda` -> `use_cpu`, `per_gpu_*` -> `per_device_*`, `use_auth_token` -> `token`,
    `Trainer(tokenizer=)` -> `processing_class=`; `warmup_ratio=r` -> `warmup_steps=r` for a constant
    ratio below 1 when `warmup_steps` is not given); a flag whose new spelling is documented is rewritten
    (`group_by_length=True` -> `train_sampling_strategy="group_by_length"`); an argument is removed only
    when its value is one with which the target behaves the same without it (`overwrite_output_dir`,
    which `Trainer` never read; `use_mps_device`; `fp16_backend="auto"`). Anything else (`logging_dir`,
    `load_in_8bit=True`, a value from a variable) is reported without a fix.

    TRL and PEFT: a rename that the last release accepting the old keyword made itself (a
    `@deprecate_kwarg` alias, or a deprecated field whose value it handed on as is) is a safe fix when
    every target release accepts the new name. A trainer keyword that moved into its config is moved
    there: safely when the config is built in the call (`args=SFTConfig(...)`), unsafely when `args=`
    names a config built elsewhere (another trainer may share it, and the value must already exist where
    the config is built). A keyword whose replacement means something else (TRL's help says "use `X`
    instead" without handing the value on) is reported without a fix.

    Launch commands and recipes: a one-to-one rename only, as a text edit of that line (the flag keeps
    its spelling, `--per-gpu-train-batch-size` -> `--per-device-train-batch-size`; a recipe key written
    without quotes is renamed in place), when the target releases that reject the option agree on the
    rename, every release allowed accepts the new name (one that still takes the old name too), and the
    command or recipe does not give it already. A notebook's `!` line is fixed inside its cell; a
    removed flag is never deleted.
    """

    code = "TFL502"
    name = "removed-keyword-argument"
    summary = "Keyword argument that the target transformers, TRL or PEFT release removed or renamed"
    fix_availability = "sometimes"
    node_types = (ast.Call,)
    triggers = ("Arguments", "Config", "from_pretrained", "Trainer", "trl", "peft")
    checks_launches = True
    # Every finding in Python is a call of a class or function of transformers, TRL or PEFT (a model's
    # ``from_pretrained`` included), known only as a name of its package.
    packages = ("transformers",) + PACKAGES

    def visit_launch(self) -> Iterable[Diagnostic]:
        """Flags of launch commands and keys of recipes that the launched script's parser rejects."""
        check = _LaunchCheck(self)
        return check.recipe() if self.ctx.document.language == "recipe" else check.shell()

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._tables: Dict[str, Dict[str, Removed]] = {}

    def _table(self, kind: str, k=None) -> Dict[str, Removed]:
        k = k or self.knowledge
        key = f"{kind}:{k.version}"
        if key not in self._tables:
            if kind == "training":
                self._tables[key] = removed_training_arguments(k)
            else:
                self._tables[key] = removed_for_major(FROM_PRETRAINED if kind == "from_pretrained" else TRAINER, k)
        return self._tables[key]

    def _lacking(self, kind: str, keyword: str):
        """The target releases (all a declared range allows) that reject ``keyword``, with their entries."""
        return [(k, self._table(kind, k)[keyword]) for k in self._releases if keyword in self._table(kind, k)]

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        if not node.keywords:
            return
        reported: set = set()
        yield from self._transformers_keywords(node, reported)
        packaged = self._package_callee(node)
        if packaged is not None:
            yield from self._package_keywords(node, *packaged, reported=reported)

    def _transformers_keywords(self, node: ast.Call, reported: set) -> Iterable[Diagnostic]:
        what = self._callee(node)
        if what is None:
            return
        kind, label = what
        self._releases = target_releases(self.ctx.settings)
        given = {kw.arg for kw in node.keywords}
        trl_config = self._trl_config(node) if kind == "training" else None
        for keyword in node.keywords:
            lacking = self._lacking(kind, keyword.arg) if keyword.arg else []
            if not lacking or (trl_config and self._declared_by_trl(trl_config, keyword.arg)):
                continue
            reported.add(id(keyword))
            release, entry = lacking[0]
            added = self._added_after(kind, keyword.arg, release)
            if added is not None:
                message = (f"{label} has no keyword argument `{keyword.arg}` in transformers {release.version}: "
                           f"`{keyword.arg}` is not accepted before {minor(added.version)}")
            else:
                release, entry = lacking[-1]
                message = (f"{label} has no keyword argument `{keyword.arg}` in transformers {release.version} "
                           f"(removed in {entry.since})")
                if entry.advice:
                    message += f": {entry.advice}"
            message += requirement_note(self.ctx.settings, release)
            if added is None:
                message += f" [{entry.source}]"
            fix = None
            if added is None and len(lacking) == len(self._releases):
                # A fix only when its result is valid on every release the target allows.
                fixes = [self._fix(node, keyword, e, given, k) for k, e in lacking]
                if all(f is not None and (f.applicability, f.edits) == (fixes[0].applicability, fixes[0].edits)
                       for f in fixes):
                    fix = fixes[0]
            yield self.diagnostic(keyword, message, fix)

    # --- TRL and PEFT: every public class and function, against the package's own target releases --------
    def _package_callee(self, node: ast.Call):
        """(package, exported name, method) of a call of a TRL/PEFT class or function (or its ``from_pretrained``)."""
        func = node.func
        method = None
        if isinstance(func, ast.Attribute) and func.attr == "from_pretrained":
            qualname, method = self.ctx.facts.qualified_name(func.value), "from_pretrained"
        else:
            qualname = self.ctx.facts.qualified_name(func)
        parts = qualname.split(".") if qualname else []
        if len(parts) < 2 or parts[0] not in PACKAGES:
            return None
        return parts[0], parts[-1], method

    def _trl_config(self, node: ast.Call) -> Optional[str]:
        qualname = self.ctx.facts.qualified_name(node.func)
        return qualname.rsplit(".", 1)[1] if qualname in TRL_CONFIGS else None

    def _declared_by_trl(self, config: str, keyword: str) -> bool:
        """Whether every target TRL release declares ``keyword`` as a field of ``config`` itself: then a
        transformers release without that ``TrainingArguments`` field does not reject it."""
        releases = package_releases(self.ctx.settings, "trl")
        return bool(releases) and all(keyword in k.own_keywords(config) for k in releases)

    def _package_keywords(self, node: ast.Call, package: str, name: str, method: Optional[str],
                          reported: set) -> Iterable[Diagnostic]:
        releases = package_releases(self.ctx.settings, package)
        if not releases:
            return
        transformers = self.__dict__.get("_fields")
        if transformers is None:
            transformers = self.__dict__["_fields"] = Fields(target_releases(self.ctx.settings))
        label = f"`{name}.{method}`" if method else f"`{name}`"
        given = {kw.arg for kw in node.keywords}
        for keyword in node.keywords:
            if not keyword.arg or id(keyword) in reported:
                continue
            losses = [(k, keyword_loss(package, name, keyword.arg, k, transformers, method)) for k in releases]
            losses = [(k, loss) for k, loss in losses if loss is not None]
            if not losses:
                continue
            release, loss = losses[-1]
            where = f"{label} has no keyword argument `{keyword.arg}` in {package} {release.version}"
            if loss.removed_in is None:
                release, loss = losses[0]
                where = f"{label} has no keyword argument `{keyword.arg}` in {package} {release.version}"
                message = where + (f": `{keyword.arg}` is not accepted before {minor(loss.added_in)}"
                                   if loss.added_in else "")
            else:
                message = f"{where} (removed in {minor(loss.removed_in)})"
                if loss.rename:
                    message += f": renamed `{loss.rename}`"
                elif loss.moved_to:
                    as_ = f" as `{loss.moved_as}`" if loss.moved_as != keyword.arg else ""
                    message += (f": it moved to `{loss.moved_to}`{as_}; pass it there "
                                f"(`args={loss.moved_to}(..., {loss.moved_as}=...)`)")
                elif loss.replaced_by:
                    message += f": {package} {loss.last} said to use `{loss.replaced_by}` instead"
            message += package_note(self.ctx.settings, package, release)
            fix = None
            renames = {loss.rename for _, loss in losses}
            moves = {(loss.moved_to, loss.moved_as) for _, loss in losses}
            if len(losses) == len(releases) and len(renames) == 1 and None not in renames:
                fix = self._fix(node, keyword, Removed(keyword.arg, rename=renames.pop()), given)
            elif len(losses) == len(releases) and len(moves) == 1 and (None, None) not in moves:
                fix = self._move_fix(node, keyword, package, *moves.pop())
            yield self.diagnostic(keyword, message, fix)

    def _move_fix(self, trainer: ast.Call, keyword: ast.keyword, package: str, config: str,
                  field: str) -> Optional[Fix]:
        """Move a trainer's keyword into the config its ``args=`` receives: safe when the config is built
        right there (``args=SFTConfig(...)``), unsafe when it is built elsewhere (``args=config``: another
        trainer may share it)."""
        doc = self.ctx.document
        args = next((k for k in trainer.keywords if k.arg == "args"), None)
        if args is None:
            return None
        call, inline = args.value, True
        if isinstance(call, ast.Name):
            call, inline = self.ctx.facts.assigned_expression(call), False
        qualname = self.ctx.facts.qualified_name(call.func) if isinstance(call, ast.Call) else None
        if not qualname or qualname.split(".")[0] != package or qualname.rsplit(".", 1)[-1] != config:
            return None
        if any(k.arg is None or k.arg == field for k in call.keywords) or any(
                isinstance(a, ast.Starred) for a in call.args):
            return None
        value = doc.segment(doc.start_of(keyword.value), doc.end_of(keyword.value))
        removal = self._removal(trainer, keyword)
        if removal is None or "\n" in value:
            return None
        items = sorted(list(call.args) + list(call.keywords), key=lambda n: (n.lineno, n.col_offset))
        if items:
            at, first = doc.end_of(items[-1]), doc.start_of(items[-1])
            before = doc.line(first.row)[: first.column - 1]
            rest = doc.line(at.row)[at.column - 1:]
            if before.strip() or first.row == doc.start_of(call).row:
                insert = Edit(at, at, f", {field}={value}")
            elif re.match(r"\s*,\s*(#.*)?$", rest):
                # One argument a line, with a trailing comma: a line of its own after the last one (and
                # after that line's comment), at the same indentation.
                end_of_line = Position(at.row, len(doc.line(at.row).rstrip("\r\n")) + 1)
                insert = Edit(end_of_line, end_of_line, f"\n{before}{field}={value},")
            else:
                insert = Edit(at, at, f",\n{before}{field}={value}")
        else:
            end = doc.end_of(call)
            at = Position(end.row, end.column - 1)
            if doc.segment(at, end) != ")":
                return None
            insert = Edit(at, at, f"{field}={value}")
        return Fix(Applicability.SAFE if inline else Applicability.UNSAFE,
                   f"Move `{keyword.arg}` into `{config}(...)`" + (f" as `{field}`" if field != keyword.arg else ""),
                   [insert, removal])

    def _added_after(self, kind: str, keyword: str, release):
        """The release that first accepted a ``TrainingArguments`` keyword, when newer than ``release``."""
        if kind != "training":
            return None

        def accepts(k) -> bool:
            return keyword in k.training_argument_fields("TrainingArguments")

        from tf_lint.knowledge.store import bundled_versions
        from tf_lint.knowledge.versions import snapshot

        older = [v for v in bundled_versions() if version_tuple(v) <= version_tuple(release.version)]
        if any(accepts(snapshot(v)) for v in older):
            return None
        return first_release_with(accepts, after=release.version)

    def _callee(self, node: ast.Call):
        func = node.func
        facts = self.ctx.facts
        if isinstance(func, ast.Attribute) and func.attr == "from_pretrained":
            owner = facts.value(func.value)
            model = facts.value(node)
            if isinstance(model, Model) and model.framework == "pt" and owner is not None and model.cls:
                return "from_pretrained", f"`{model.cls.rsplit('.', 1)[-1]}.from_pretrained`"
            return None
        qualname = facts.qualified_name(func)
        if qualname in TRAINING_ARGUMENT_CLASSES or qualname in TRL_CONFIGS:
            return "training", f"`{qualname.rsplit('.', 1)[1]}`"
        if qualname in TRAINERS:
            return "trainer", f"`{qualname.rsplit('.', 1)[1]}`"
        return None

    # --- fixes ---------------------------------------------------------------------------------------
    def _fix(self, call: ast.Call, keyword: ast.keyword, entry: Removed, given, release=None) -> Optional[Fix]:
        doc = self.ctx.document
        if release is not None and version_tuple(release.version) < version_tuple(entry.since):
            return None  # the replacement is known only from the release that removed the keyword on
        start = doc.start_of(keyword)
        name_end = Position(start.row, start.column + len(keyword.arg))
        if doc.segment(start, name_end) != keyword.arg:
            return None
        value_text = doc.segment(doc.start_of(keyword.value), doc.end_of(keyword.value))
        if entry.rename and entry.rename not in given:
            return Fix(Applicability.SAFE, f"Rename to `{entry.rename}`", [Edit(start, name_end, entry.rename)])
        if entry.keyword == "warmup_ratio" and "warmup_steps" not in given:
            value = self.ctx.facts.value(keyword.value)
            if (isinstance(keyword.value, ast.Constant) and isinstance(value, Constant)
                    and isinstance(value.value, float) and 0 <= value.value < 1):
                return Fix(Applicability.SAFE, "Pass the ratio as `warmup_steps`", [Edit(start, name_end, "warmup_steps")])
            return None
        for old, new in entry.replace:
            if value_text == old and new.split("=", 1)[0] not in given:
                return Fix(Applicability.SAFE, f"Use `{new}`", [Edit(start, doc.end_of(keyword), new)])
        if value_text in entry.same_as_default:
            edit = self._removal(call, keyword)
            if edit is not None:
                return Fix(Applicability.SAFE, f"Remove `{keyword.arg}` (no effect in the target version)", [edit])
        return None

    def _removal(self, call: ast.Call, keyword: ast.keyword) -> Optional[Edit]:
        doc = self.ctx.document
        items: List[ast.AST] = sorted(list(call.args) + list(call.keywords), key=lambda n: (n.lineno, n.col_offset))
        index = next(i for i, n in enumerate(items) if n is keyword)
        start, end = doc.start_of(keyword), doc.end_of(keyword)
        first, last = doc.line(start.row), doc.line(end.row)
        after = last[end.column - 1:].lstrip()
        if not first[: start.column - 1].strip() and (after.startswith(",") or not after or after.startswith("#")):
            # The keyword has its own line(s): drop them whole (with any comment on them).
            rest = after[1:].lstrip() if after.startswith(",") else after
            if not rest or rest.startswith("#"):
                if index == len(items) - 1 and not after.startswith(","):
                    return None  # the last argument without a trailing comma: the comma is on the line before
                return Edit(Position(start.row, 1), Position(end.row + 1, 1), "")
        if index + 1 < len(items):
            nxt = doc.start_of(items[index + 1])
            return Edit(start, nxt, "")
        if index > 0:
            return Edit(doc.end_of(items[index - 1]), end, "")
        return Edit(start, end, "")


# --- launch commands and recipes: options the launched script's parser no longer accepts ---------------------

_UNUSED_ARGUMENTS = "Some specified arguments are not used by the HfArgumentParser"
_UNUSED_KEYS = "Some keys are not used by the HfArgumentParser"
_UNKNOWN_CONFIG = "Unknown arguments from config file"
# TrlParser fails on a recipe key it does not use from TRL 0.19 on (``fail_with_unknown_args``,
# huggingface/trl#3543); 0.12 to 0.18 ignored such a key silently, and older releases had another parser.
TRL_FAILS_ON_UNKNOWN_KEYS = (0, 19)


class _Loss:
    """Why a target release rejects an option: the class, the release, since when, what replaced it."""

    def __init__(self, cls: str, package: str, release, since: str, rename: Optional[str], advice: str, source: str):
        self.cls, self.package, self.release, self.since = cls, package, release, since
        self.rename, self.advice, self.source = rename, advice, source


def _accepted(options, k, t) -> Optional[set]:
    """Every option name the script's parsers accept with transformers ``k`` and TRL ``t``; None when a
    class of them is unknown to that release's knowledge."""
    accepted = set(options.declared)
    if "TrlParser" in options.kinds:
        accepted |= {"config", "env"}  # TrlParser's own option, and its recipe's environment key
    for package, cls in options.classes:
        optional = cls.endswith("?")
        cls = cls.rstrip("?")
        if package == "transformers":
            fields = k.training_argument_fields(cls)
            if not fields:
                return None
            accepted |= {n for n, f in fields.items() if f.get("init", True) is not False}
            continue
        if t is None or not t.has_name(cls):
            if optional and t is not None:
                continue
            return None
        found = t.keywords(cls, Fields([k]))
        if found is None:
            return None
        accepted |= found
    return accepted


def _accepts(accepted: set, name: str) -> bool:
    """Whether a parser accepting ``accepted`` takes ``--name``: the name itself, HfArgumentParser's
    ``--no_x`` for a boolean field, or an abbreviation argparse expands (a prefix of an accepted name)."""
    if name in accepted or (name.startswith("no_") and name[3:] in accepted):
        return True
    return any(a.startswith(name) for a in accepted)


def _loss(options, name: str, k, t) -> Optional[_Loss]:
    """Why transformers ``k`` (TRL ``t``) rejects ``name`` that an earlier release of a parsed class
    accepted; None when no release tf-lint knows ever accepted it (the user's own option, or a typo)."""
    derived = [cls for package, cls in options.classes if package == "transformers"]
    for package, cls in options.classes:
        record = t.signature(cls.rstrip("?")) if package == "trl" and t is not None else None
        if record and any(base in ("transformers.TrainingArguments",) for base in record.get("extends", ())):
            derived.append(cls.rstrip("?"))
    if derived:
        entry = removed_training_arguments(k).get(name)
        if entry is not None:
            return _Loss(derived[0], "transformers", k, entry.since, entry.rename, entry.advice, entry.source)
    if t is not None:
        for package, cls in options.classes:
            if package != "trl" or not t.has_name(cls.rstrip("?")):
                continue
            loss = keyword_loss("trl", cls.rstrip("?"), name, t, Fields([k]))
            if loss is not None and loss.removed_in is not None:
                advice = f"renamed `{loss.rename}`" if loss.rename else (
                    f"trl {loss.last} said to use `{loss.replaced_by}` instead" if loss.replaced_by else "")
                return _Loss(cls.rstrip("?"), "trl", t, minor(loss.removed_in), loss.rename, advice,
                             f"tf-lint's bundled knowledge of trl {loss.last} and {t.version}")
    return None


class _LaunchCheck:
    """TFL502 on one launch document: each option (flag or recipe key) that every target release of the
    script's parser rejects, for a reason tf-lint knows."""

    def __init__(self, rule: "RemovedKeywordArgument") -> None:
        self.rule = rule
        self.settings = rule.ctx.settings
        self.document = rule.ctx.document

    def combos(self, options):
        transformers = target_releases(self.settings)
        trl = package_releases(self.settings, "trl") if any(p == "trl" for p, _ in options.classes) else [None]
        return [(k, t) for k in transformers for t in trl]

    def judge(self, options, name: str, given: set):
        """(loss to report, rename fix or None), or None when the option is accepted or cannot be judged."""
        combos = self.combos(options)
        if not combos or any(t is None and any(p == "trl" for p, _ in options.classes) for _, t in combos):
            return None
        rejected, every = [], []
        for k, t in combos:
            accepted = _accepted(options, k, t)
            if accepted is None:
                return None  # a class of the parser is unknown here: silence
            every.append(accepted)
            if _accepts(accepted, name):
                continue
            loss = _loss(options, name, k, t)
            if loss is None:
                return None  # never accepted by a release tf-lint knows: maybe the user's own option
            rejected.append((loss, accepted))
        if not rejected:
            return None
        loss = rejected[-1][0]
        renames = {lost.rename for lost, _ in rejected}
        rename = None
        # The new name must work on every release allowed, those that still take the old one included.
        if len(renames) == 1 and loss.rename and loss.rename not in given and all(
                loss.rename in accepted for accepted in every):
            rename = loss.rename
        return loss, rename

    def message(self, what: str, options, loss: _Loss, symptom: str, read_by: str = "") -> str:
        release = loss.release
        field = f"`{loss.cls}` has no field `{what}`" if loss.cls else f"no option `{what}`"
        text = (f"{options.label} does not accept it in {loss.package} {release.version}: {field} "
                f"(removed in {loss.since})")
        if loss.advice:
            text += f": {loss.advice}"
        text += f"; the parser stops with \"{symptom}\"{read_by}"
        if loss.package == "transformers":
            text += requirement_note(self.settings, release)
        else:
            text += package_note(self.settings, loss.package, release)
        return text + (f" [{loss.source}]" if loss.source else "")

    def shell(self) -> Iterable[Diagnostic]:
        from tf_lint.analysis.parsers import script_options
        from tf_lint.launches import commands_in

        doc = self.document
        lines = [doc.line(row) for row in range(1, len(doc.lines) + 1)]
        for command in commands_in(lines, doc.path):
            if not command.flags:
                continue
            options = script_options(command.launch.script)
            if options is None or not options.dataclass_parser or not options.parses_argv:
                continue
            given = {f.name.replace("-", "_") for f in command.flags}
            for flag in command.flags:
                name = flag.name.replace("-", "_")
                judged = self.judge(options, name, given)
                if judged is None:
                    continue
                loss, rename = judged
                start = Position(flag.row, flag.column)
                end = Position(flag.row, flag.column + 2 + len(flag.name))
                message = f"`--{flag.name}`: " + self.message(name, options, loss, _UNUSED_ARGUMENTS)
                fix = None
                if rename is not None:
                    written = rename.replace("_", "-") if "-" in flag.name and "_" not in flag.name else rename
                    fix = Fix(Applicability.SAFE, f"Rename to `--{written}`",
                              [Edit(Position(flag.row, flag.column + 2), end, written)])
                yield Diagnostic(self.rule.code, message, start, end, fix,
                                 statement_rows=(command.row, command.end_row))

    def recipe_symptom(self, launch, options) -> Optional[str]:
        """How the launched parser fails on a key it does not use, or None when it may not fail (or the
        parser is not fully known): HfArgumentParser's ``parse_yaml_file`` for the one-argument idiom,
        TrlParser's ``--config`` on TRL releases that check the keys."""
        if options is None or not options.dataclass_parser:
            return None
        if len(launch.words) == 1:
            return _UNUSED_KEYS if options.yaml_file and "HfArgumentParser" in options.kinds else None
        if "TrlParser" not in options.kinds or not options.parses_argv:
            return None
        releases = package_releases(self.settings, "trl")
        if not releases or any(version_tuple(t.version)[:2] < TRL_FAILS_ON_UNKNOWN_KEYS for t in releases):
            return None
        return _UNKNOWN_CONFIG

    def recipe(self) -> Iterable[Diagnostic]:
        from tf_lint.analysis.parsers import script_options
        from tf_lint.launches import recipe_launches
        from tf_lint.sources.launch import RecipeError, recipe_keys

        doc = self.document
        launches = recipe_launches(doc.path)
        if not launches:
            return
        every = []
        for launch in launches:
            options = script_options(launch.script)
            symptom = self.recipe_symptom(launch, options)
            if symptom is None:
                return  # one launch of the recipe cannot be judged: silence for all
            every.append((launch, options, symptom))
        try:
            keys = recipe_keys(doc.text)
        except RecipeError:
            return
        given = {key.name for key in keys}
        for key in keys:
            judged = [self.judge(options, key.name, given) for _, options, _ in every]
            if any(j is None for j in judged):
                continue  # accepted by one launch's parser, or not judged: silence
            loss, rename = judged[-1]
            if any(r != rename for _, r in judged):
                rename = None
            launch, options, symptom = every[-1]
            start = Position(key.row, key.column)
            end = Position(key.row, key.column + len(key.name))
            message = f"recipe key `{key.name}`: " + self.message(key.name, options, loss, symptom,
                                                                   f"; the recipe is read by `{launch.where}`")
            fix = None
            if rename is not None and key.plain and doc.segment(start, end) == key.name:
                fix = Fix(Applicability.SAFE, f"Rename to `{rename}`", [Edit(start, end, rename)])
            yield Diagnostic(self.rule.code, message, start, end, fix)
