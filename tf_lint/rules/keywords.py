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

    The message says what to use instead, citing transformers' migration guide. Tokenizer calls and
    `generate` were checked against transformers 5.24 too: the v4 keywords they still see
    (`pad_to_max_length`, `use_auth_token` on a tokenizer) do not fail, so they are not reported here.

    ## Why is this bad?
    The call raises `TypeError: ... got an unexpected keyword argument` on the target version — for
    `TrainingArguments`, the first line of a training script, typically right after an upgrade.

    ## Example
    ```python
    from transformers import TrainingArguments

    args = TrainingArguments(output_dir="out", evaluation_strategy="epoch", no_cuda=True,
                             overwrite_output_dir=True, warmup_ratio=0.1)
    ```

    ## Use instead
    ```python
    args = TrainingArguments(output_dir="out", eval_strategy="epoch", use_cpu=True, warmup_steps=0.1)
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
    """

    code = "TFL502"
    name = "removed-keyword-argument"
    summary = "Keyword argument that the target transformers, TRL or PEFT release removed or renamed"
    fix_availability = "sometimes"
    node_types = (ast.Call,)
    triggers = ("Arguments", "Config", "from_pretrained", "Trainer", "trl", "peft")
    # Every finding is a call of a class or function of transformers, TRL or PEFT (a model's
    # ``from_pretrained`` included), known only as a name of its package.
    packages = ("transformers",) + PACKAGES

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
