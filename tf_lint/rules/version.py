"""Version (TFL5xx): APIs that the target transformers (TRL, PEFT) version lacks or renamed."""

from __future__ import annotations

import ast
import re
from typing import Iterable, Optional, Set

from tf_lint.analysis import ImportedName
from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Position
from tf_lint.knowledge.changes import Change, explain_missing
from tf_lint.knowledge.packages import explain_missing as explain_missing_in_package
from tf_lint.knowledge.packages import requirement_note as package_note
from tf_lint.knowledge.packages import target_releases as package_releases
from tf_lint.knowledge.versions import minor, requirement_note, target_releases
from tf_lint.registry import Rule

_PACKAGE = "transformers"
# Packages whose top-level names are checked, each against its own target releases.
_PACKAGES = (_PACKAGE, "trl", "peft")
# Exceptions whose handler makes a failing import deliberate (code written for several versions).
_IMPORT_GUARDS = frozenset({"ImportError", "ModuleNotFoundError", "AttributeError", "Exception", "BaseException"})
# Words in an ``if`` test that make its body version-dependent on purpose.
_VERSION_WORDS = ("version", "is_tf_available", "is_flax_available", "is_torch_available", "hasattr", "getattr")


class ImportMissingInTarget(Rule):
    """## What it does
    Finds `from transformers import X`, `import transformers.X` and `transformers.X` (also through
    `import transformers as tr`) where the transformers version the code targets has no top-level `X`,
    and says why: removed in 5.0 with the TensorFlow/Flax backends, renamed (to what), removed, or only
    added in a later version.

    The target is `--target-transformers-version` / `target-transformers-version`, else the project's
    declared requirement on transformers (a lock file, `pyproject.toml`, `requirements*.txt`, `setup.cfg`
    or `install_requires` in `setup.py`, a literal, a module-level constant or transformers' own
    `deps[...]` table idiom, read and never run, nearest
    the file), else the installed transformers (read
    from its source, never imported), else the newest version tf-lint knows. A range
    (`transformers>=4.38,<5`) is checked on every bundled minor release it allows, and the message names
    the release that lacks the name. A target with no exact knowledge uses the nearest bundled version of
    the same major version.

    Names that transformers serves lazily without listing them count as present: in 5.x
    `BertTokenizerFast` and every other `*TokenizerFast` still import (as the tokenizer class), as do
    `*ImageProcessorFast` names (with a deprecation warning). Imports inside a `try` that catches
    `ImportError` (or `AttributeError`, `Exception`) and the fallback imports of its handler, or under
    an `if` that tests a version (a name with `version` in it, or a flag such as `transformers_lt_4_56`,
    `IS_V5`) or `hasattr`, are deliberate and not reported; nor are imports under `if TYPE_CHECKING:`,
    which never run.

    TRL and PEFT are checked the same way, each against its own target release: `from trl import X`,
    `import peft.X`, `trl.X`. Their target is `--target-trl-version` / `--target-peft-version`, else what
    a notebook or page installs itself (`!pip install trl==0.9.6`), else `target-trl-version` /
    `target-peft-version` in `[tool.tf-lint]`, else the project's pin on `trl` / `peft` (the same files
    as for transformers), else the installed package, else the newest release tf-lint knows. tf-lint
    bundles the names of every minor release of TRL from 0.7 and of PEFT from 0.5, read from the released
    wheels; the message says in which release a name was removed (`DataCollatorForCompletionOnlyLM`:
    TRL 0.20; `PPOTrainer`: 0.29) or from which it exists (`GRPOTrainer`: 0.14).

    ## Why is this bad?
    The import fails with `ImportError` (`AttributeError` for `transformers.X`) the moment the script
    runs on the target version — typically after an upgrade to transformers 5, which removed every
    TensorFlow and Flax class (`TFAutoModel`, `FlaxBertModel`, ...), `AutoModelWithLMHead`, the vision
    `*FeatureExtractor` classes and more. TRL moves faster still: a notebook written for TRL 0.9
    imports `DataCollatorForCompletionOnlyLM`, which TRL 0.20 removed.

    ## Example
    ```python
    from transformers import AutoModelForVision2Seq, TFAutoModel
    ```

    ## Use instead
    ```python
    from transformers import AutoModel, AutoModelForImageTextToText
    ```

    ## Fix safety
    Renames are fixed, safely: the replacement is the same class under its new name (transformers'
    migration guide, or an alias in the older version's own source). The fix keeps the name your code
    uses bound: `from transformers import Old` becomes `from transformers import New as Old`, an existing
    `as alias` is kept, and `transformers.Old` becomes `transformers.New`; no other line changes.
    With a range, a rename is offered only when the new name exists in every release the range allows.
    Removed names (TensorFlow/Flax classes, `AutoModelWithLMHead`, TRL's and PEFT's removed names) have
    no fix: the replacement depends on the framework or the model, which is the author's choice.
    """

    code = "TFL501"
    name = "import-missing-in-target"
    summary = "Import of a transformers, TRL or PEFT name that the target release does not have"
    fix_availability = "sometimes"
    node_types = (ast.ImportFrom, ast.Import, ast.Attribute)
    triggers = _PACKAGES

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._guarded: Optional[Set[int]] = None
        self._submodules: Optional[Set[str]] = None

    def node_types_here(self):
        # An attribute is read on a package's module only where something can hold the module itself.
        if any(self.ctx.facts.may_hold_module(package) for package in _PACKAGES):
            return self.node_types
        return (ast.ImportFrom, ast.Import)

    def visit(self, node: ast.AST) -> Iterable[Diagnostic]:
        if isinstance(node, ast.ImportFrom):
            yield from self._import_from(node)
        elif isinstance(node, ast.Import):
            yield from self._import(node)
        elif isinstance(node, ast.Attribute):
            yield from self._attribute(node)

    # --- the three forms ------------------------------------------------------------------------
    def _import_from(self, node: ast.ImportFrom) -> Iterable[Diagnostic]:
        if node.level or not node.module:
            return
        package = node.module.split(".")[0]
        if package not in _PACKAGES:
            return
        if node.module == package:
            for alias in node.names:
                if alias.name == "*" or not self._lacking(alias.name, package):
                    continue
                if self._is_guarded(node):  # asked only when there is something to report: it walks the tree
                    return
                message, change = self._explain(alias.name, package)
                located = alias if getattr(alias, "lineno", None) else node
                yield self.diagnostic(located, message, self._alias_fix(alias, change))
        else:
            yield from self._submodule(node, node.module.split(".")[1], package)

    def _import(self, node: ast.Import) -> Iterable[Diagnostic]:
        for alias in node.names:
            parts = alias.name.split(".")
            if parts[0] in _PACKAGES and len(parts) > 1:
                yield from self._submodule(node, parts[1], parts[0])

    def _submodule(self, node: ast.stmt, name: str, package: str = _PACKAGE) -> Iterable[Diagnostic]:
        releases = self._releases(package)
        if all(k.has_module(name) or k.has_name(name) for k in releases) or self._is_guarded(node):
            return
        lacking = [k for k in releases if not (k.has_module(name) or k.has_name(name))]
        change = self._why(name, lacking[-1], package)
        yield self.diagnostic(node, self._message(name, change, module=True, k=lacking[-1], package=package)
                              + self._note(package, lacking[-1]))

    def _attribute(self, node: ast.Attribute) -> Iterable[Diagnostic]:
        if not isinstance(node.ctx, ast.Load) or node.attr.startswith("__"):
            return
        owner = self.ctx.facts.value(node.value)
        if not (isinstance(owner, ImportedName) and owner.qualname in _PACKAGES):
            return
        package = owner.qualname
        if not self._lacking(node.attr, package) or self._is_guarded(node) \
                or node.attr in self._imported_submodules(package):
            return  # (a failing ``import transformers.X`` is reported once, at the import)
        message, change = self._explain(node.attr, package)
        yield self.diagnostic(node, message, self._attribute_fix(node, change))

    # --- the package's target releases (several: a declared range) ----------------------------------
    def _releases(self, package: str):
        if package == _PACKAGE:
            return target_releases(self.ctx.settings)
        return package_releases(self.ctx.settings, package)

    def _note(self, package: str, release) -> str:
        if package == _PACKAGE:
            return requirement_note(self.ctx.settings, release)
        return package_note(self.ctx.settings, package, release)

    def _why(self, name: str, release, package: str) -> Optional[Change]:
        if package == _PACKAGE:
            return explain_missing(name, release)
        return explain_missing_in_package(package, name, release)

    def _lacking(self, name: str, package: str = _PACKAGE):
        """The target releases (every one a declared range allows) without a top-level ``name``."""
        return [k for k in self._releases(package) if not k.has_name(name)]

    def _explain(self, name: str, package: str = _PACKAGE):
        """The message, and the change a fix may follow: only one valid on every target release."""
        releases = self._releases(package)
        lacking = self._lacking(name, package)
        if len(releases) == 1:
            change = self._why(name, lacking[0], package)
            return (self._message(name, change, k=lacking[0], package=package) + self._note(package, lacking[0]),
                    change)
        having = [k for k in releases if k.has_name(name)]
        first = lacking[0]
        newer = [k for k in having if releases.index(k) > releases.index(first)]
        if newer:
            message = (f"`{name}` does not exist before {package} {minor(newer[0].version)}"
                       + self._note(package, first))
            return message, None
        change = self._why(name, lacking[-1], package)
        valid = change is not None and change.safe_rename and len(lacking) == len(releases) and all(
            k.has_name(change.replacement) for k in releases)
        return (self._message(name, change, k=lacking[-1], package=package) + self._note(package, lacking[-1]),
                change if valid else None)

    # --- messages and fixes -----------------------------------------------------------------------
    def _message(self, name: str, change: Optional[Change], module: bool = False, k=None,
                 package: str = _PACKAGE) -> str:
        k = k or self.knowledge
        what = f"module `{package}.{name}`" if module else f"`{name}`"
        target = f"{package} {k.version}"
        if change is None:
            close = [] if module else k.close_names(name)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            return f"{what} does not exist in {target}{hint}"
        if change.kind == "renamed":
            return f"{what} does not exist in {target}: renamed to `{change.replacement}` in {change.since}"
        if change.kind == "backend-removed":
            return (f"{what} does not exist in {target}: removed in {change.since} with the TensorFlow and "
                    f"Flax backends (it is {change.backend} code); {change.advice}")
        if change.kind == "added-later":
            return f"{what} does not exist in {target}: only added later ({change.advice})"
        advice = f"; {change.advice}" if change.advice else ""
        return f"{what} does not exist in {target}: removed in {change.since}{advice}"

    def _alias_fix(self, alias: ast.alias, change: Optional[Change]) -> Optional[Fix]:
        if change is None or not change.safe_rename or not getattr(alias, "lineno", None):
            return None
        doc = self.ctx.document
        start = doc.start_of(alias)
        name_end = Position(start.row, start.column + len(alias.name))
        if doc.segment(start, name_end) != alias.name:
            return None  # a name split over lines with backslashes: leave it to the author
        content = change.replacement if alias.asname else f"{change.replacement} as {alias.name}"
        return Fix(Applicability.SAFE, f"Import `{change.replacement}` (the new name)",
                   [Edit(start, name_end, content)])

    def _attribute_fix(self, node: ast.Attribute, change: Optional[Change]) -> Optional[Fix]:
        if change is None or not change.safe_rename:
            return None
        doc = self.ctx.document
        end = doc.end_of(node)
        start = Position(end.row, end.column - len(node.attr))
        if doc.segment(start, end) != node.attr:
            return None
        return Fix(Applicability.SAFE, f"Use `{change.replacement}` (the new name)",
                   [Edit(start, end, change.replacement)])

    def _imported_submodules(self, package: str = _PACKAGE) -> Set[str]:
        if self._submodules is None:
            self._submodules = {".".join(alias.name.split(".")[:2]) for n in self.ctx.facts.nodes(ast.Import)
                                for alias in n.names if alias.name.split(".")[0] in _PACKAGES}
        return {m.split(".", 1)[1] for m in self._submodules if m.startswith(package + ".")}

    # --- deliberate version-dependent code ----------------------------------------------------------
    def _is_guarded(self, node: ast.AST) -> bool:
        if self._guarded is None:
            self._guarded = set()
            for parent in self.ctx.facts.nodes((ast.Try, ast.If, ast.IfExp)):
                if isinstance(parent, ast.Try) and any(_catches_import_error(h) for h in parent.handlers):
                    self._mark(parent.body)
                    for handler in parent.handlers:  # the fallback for the versions the body fails on
                        if _catches_import_error(handler):
                            self._mark(handler.body)
                elif isinstance(parent, ast.If) and _is_type_checking(parent.test):
                    self._mark(parent.body)  # never runs: only type checkers read it
                elif isinstance(parent, (ast.If, ast.IfExp)) and _tests_version(parent.test):
                    body = parent.body if isinstance(parent.body, list) else [parent.body]
                    orelse = parent.orelse if isinstance(parent.orelse, list) else [parent.orelse]
                    self._mark(body + orelse)
        return id(node) in self._guarded

    def _mark(self, nodes) -> None:
        for stmt in nodes:
            for inner in ast.walk(stmt):
                self._guarded.add(id(inner))


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any((t.id if isinstance(t, ast.Name) else getattr(t, "attr", "")) in _IMPORT_GUARDS for t in types)


# Flags named for a version comparison: ``transformers_lt_4_56``, ``IS_GE_5``, ``_is_v5``.
_VERSION_FLAG = re.compile(r"(?:^|_)(?:lt|le|lte|gt|ge|gte|eq|ne|before|after|since|until|pre|post)_?v?\d"
                           r"|(?:^|_)v\d+(?:$|_)|transformers")


def _is_type_checking(test: ast.expr) -> bool:
    """``if TYPE_CHECKING:`` / ``if typing.TYPE_CHECKING:``."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _tests_version(test: ast.expr) -> bool:
    for node in ast.walk(test):
        word = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        if word and (any(w in word.lower() for w in _VERSION_WORDS) or _VERSION_FLAG.search(word.lower())):
            return True
    return False
