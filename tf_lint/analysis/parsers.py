"""What a launched script's command-line parser declares: which options and YAML keys it accepts.

A launch command (:mod:`tf_lint.launches`) hands options to a script; a recipe hands it keys. Whether the
script accepts them is decided by its parser, read here from the script's own code (``ast``, never run):

- ``argparse``: the option strings and destinations of every ``add_argument`` call of the script;
- ``HfArgumentParser`` / TRL's ``TrlParser``: the dataclasses handed to it. A class of the script, or of
  a module of its project (``from alignment import SFTConfig``: ``src/alignment/__init__.py`` and what it
  re-exports, looked up beside the script, at the project root and under ``src/``), is read field by
  field (annotated names of its body), with its bases; a library class is named for the knowledge
  layer to answer per target release (``transformers.TrainingArguments``, ``Seq2SeqTrainingArguments``,
  every class of TRL such as ``SFTConfig``, ``ScriptArguments``, ``ModelConfig``);
- ``trl sft|dpo|...`` (the pseudo-script ``"trl sft"``): the classes TRL's own command parses.

Evidence or silence: the answer is None (nothing can be said) when any parser of the script is not fully
known — a dataclass or a base class from elsewhere, a parser class of the project (a subclass of
``HfArgumentParser``), ``parse_known_args``, ``return_remaining_strings=True``, ``allow_extra_keys=True``,
``fail_with_unknown_args=False``, sub-commands, a script that rewrites ``sys.argv``, or one that also
uses click, typer or fire.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from tf_lint import deps

# The classes ``trl <command>`` parses (trl/scripts/<command>.py: ``TrlParser((ScriptArguments, XConfig,
# ModelConfig))``; DatasetMixtureConfig where the release has it). Commands whose script-argument class is
# their own (``GRPOScriptArguments``) are not known to tf-lint's TRL knowledge: no entry, silence.
TRL_COMMAND_CLASSES: Dict[str, Tuple[str, ...]] = {
    "sft": ("ScriptArguments", "SFTConfig", "ModelConfig", "DatasetMixtureConfig?"),
    "dpo": ("ScriptArguments", "DPOConfig", "ModelConfig", "DatasetMixtureConfig?"),
    "kto": ("ScriptArguments", "KTOConfig", "ModelConfig", "DatasetMixtureConfig?"),
    "reward": ("ScriptArguments", "RewardConfig", "ModelConfig", "DatasetMixtureConfig?"),
}
_TRAINING_ARGUMENTS = {
    "transformers.TrainingArguments": "TrainingArguments",
    "transformers.training_args.TrainingArguments": "TrainingArguments",
    "transformers.Seq2SeqTrainingArguments": "Seq2SeqTrainingArguments",
    "transformers.training_args_seq2seq.Seq2SeqTrainingArguments": "Seq2SeqTrainingArguments",
}
_PARSERS = {"HfArgumentParser", "TrlParser"}
_ARGV_PARSES = frozenset({"parse_args", "parse_args_into_dataclasses", "parse_args_and_config"})
_CLI_MODULES = ("click", "typer", "fire")


@dataclass(frozen=True)
class ScriptOptions:
    """What a script's parsers accept.

    ``kinds``: the parsers ("argparse", "HfArgumentParser", "TrlParser"); ``declared``: the option names
    the script itself declares (argparse destinations and option strings, its own dataclasses' fields;
    dashes written as underscores); ``classes``: the library dataclasses its parsers read, as
    ("transformers", "TrainingArguments") or ("trl", "SFTConfig") (a trailing ``?``: only where the
    release has it); ``yaml_file``: whether the script hands a YAML file to ``parse_yaml_file`` (the
    ``python train.py recipe.yaml`` idiom; TrlParser reads its ``--config`` itself); ``label``: how a
    message names the parser; ``parses_argv``: whether a parser reads the script's own command line
    (``parse_args()``, ``parse_args_into_dataclasses()``, ``parse_args_and_config()`` with no arguments of
    their own), so that a launch's flags reach it."""

    kinds: Tuple[str, ...]
    declared: FrozenSet[str]
    classes: Tuple[Tuple[str, str], ...]
    yaml_file: bool
    label: str
    parses_argv: bool = True  # a parser reads the command line itself (``parse_args_into_dataclasses()``)

    @property
    def dataclass_parser(self) -> bool:
        return any(kind in _PARSERS for kind in self.kinds)


def script_options(script: str) -> Optional[ScriptOptions]:
    """What ``script`` (an absolute path, or ``"trl sft"``) accepts on its command line; None when that is
    not fully known, or when the script names neither ``HfArgumentParser`` nor ``TrlParser`` (the only
    parsers whose options a library release decides: argparse declares its own)."""
    if script.startswith("trl "):
        command = script.split(" ", 1)[1]
        classes = TRL_COMMAND_CLASSES.get(command)
        if classes is None:
            return None
        return ScriptOptions(("TrlParser",), frozenset({"config"}), tuple(("trl", c) for c in classes), False,
                             f"`trl {command}`")
    if script in _CACHE:
        deps.note(script)
        return _CACHE[script]
    found = _CACHE[script] = _read(script)
    deps.note(script)
    return found


_CACHE: Dict[str, Optional[ScriptOptions]] = {}


def clear_cache() -> None:
    _CACHE.clear()


def _read(path: str) -> Optional[ScriptOptions]:
    try:
        with open(path, "rb") as f:
            data = f.read()
        if b"HfArgumentParser" not in data and b"TrlParser" not in data:
            return None  # no dataclass parser (an argparse script: every flag is its own): nothing to map
        from tf_lint.sources.document import parse_quietly

        tree = parse_quietly(data.decode("utf-8", "replace"), path)
    except (OSError, SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    from tf_lint.analysis import Facts

    return options_of(Facts(tree, path), tree, os.path.basename(path))


def options_of(facts, tree: ast.Module, name: str) -> Optional[ScriptOptions]:
    return _Reader(facts).options(tree, name)


class _Reader:
    """Reads the parsers of one script, following its dataclasses into the project's own modules."""

    def __init__(self, facts) -> None:
        self.facts = facts
        self.modules: Dict[str, Optional[Tuple[object, ast.Module, str]]] = {}  # module name -> (facts, tree, path)

    def options(self, tree: ast.Module, name: str) -> Optional[ScriptOptions]:
        return _options(self, self.facts, tree, name)

    def project_class(self, qualname: str, depth: int = 0) -> Optional[Tuple[object, ast.ClassDef]]:
        """(facts of its module, class node) of a class defined in a module of the script's project
        (``alignment.SFTConfig``: ``src/alignment/__init__.py`` re-exporting ``.configs.SFTConfig``)."""
        if depth > 4 or "." not in qualname:
            return None
        module, name = qualname.rsplit(".", 1)
        found = self.module(module)
        if found is None:
            return None
        facts, tree, path = found
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                return facts, node
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if (alias.asname or alias.name) == name:
                        return self.project_class(f"{_absolute(module, path, node)}.{alias.name}", depth + 1)
        return None

    def module(self, module: str):
        if module not in self.modules:
            self.modules[module] = None
            script = getattr(self.facts, "path", None)
            if script and os.path.isabs(script):
                from tf_lint.target import project_root

                here = os.path.dirname(script)
                root = project_root(here)
                relative = module.replace(".", os.sep)
                for base in (here, root, os.path.join(root, "src")):
                    for candidate in (os.path.join(base, relative + ".py"),
                                      os.path.join(base, relative, "__init__.py")):
                        if os.path.isfile(candidate):
                            self.modules[module] = _parsed(candidate)
                            break
                    if self.modules[module] is not None:
                        break
        return self.modules[module]


def _parsed(path: str):
    try:
        with open(path, "rb") as f:
            data = f.read()
        from tf_lint.sources.document import parse_quietly

        tree = parse_quietly(data.decode("utf-8", "replace"), path)
    except (OSError, SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    from tf_lint.analysis import Facts

    deps.note(path)
    return Facts(tree, path), tree, path


def _absolute(module: str, path: str, node: ast.ImportFrom) -> str:
    """The module an ``ImportFrom`` of ``module`` (the file ``path``) names, relative levels resolved."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.endswith("__init__.py") else module.split(".")[:-1]
    package = package[: len(package) - (node.level - 1)] if node.level > 1 else package
    return ".".join(package + ([node.module] if node.module else []))


def _options(reader: _Reader, facts, tree: ast.Module, name: str) -> Optional[ScriptOptions]:
    """The options the parsers of ``tree`` accept (see the module's docstring); None when unknown."""
    kinds: List[str] = []
    declared: Set[str] = set()
    classes: List[Tuple[str, str]] = []
    yaml_file = False
    parses_argv = False
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if any(n.split(".", 1)[0] in _CLI_MODULES for n in names):
                return None  # another command-line framework reads the same argv
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(facts.qualified_name(t) == "sys.argv" or (isinstance(t, ast.Subscript) and facts.qualified_name(
                    t.value) == "sys.argv") for t in targets):
                return None  # the script rewrites its own arguments
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        attr = func.attr if isinstance(func, ast.Attribute) else None
        if attr in ("parse_known_args", "parse_known_intermixed_args", "add_subparsers"):
            return None
        if any(k.arg is None for k in node.keywords) and attr and attr.startswith("parse"):
            return None  # ``parse_args_into_dataclasses(**options)``: may allow anything
        for keyword, loose in (("return_remaining_strings", True), ("allow_extra_keys", True),
                               ("fail_with_unknown_args", False)):
            given = next((k.value for k in node.keywords if k.arg == keyword), None)
            if given is not None and not (isinstance(given, ast.Constant) and given.value is (not loose)):
                return None  # unknown options pass (or may pass) silently
        if attr == "add_argument":
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    declared.add(_normal(arg.value))
            dest = next((k.value for k in node.keywords if k.arg == "dest"), None)
            if isinstance(dest, ast.Constant) and isinstance(dest.value, str):
                declared.add(_normal(dest.value))
            continue
        if attr in ("parse_yaml_file", "parse_yaml"):
            yaml_file = True
        if attr in _ARGV_PARSES:
            given = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "args"), None)
            if given is not None and not (isinstance(given, ast.Constant) and given.value is None):
                return None  # the parser reads a list the script made, not the launch's own arguments
            parses_argv = True
        qualname = facts.qualified_name(func)
        if qualname in ("argparse.ArgumentParser",):
            kinds.append("argparse")
            continue
        parser = facts.dataclass_parser(qualname)
        if parser is not None:
            kinds.append(parser)
            arg = node.args[0] if node.args else next(
                (k.value for k in node.keywords if k.arg == "dataclass_types"), None)
            if arg is None:
                return None
            types = arg.elts if isinstance(arg, (ast.Tuple, ast.List)) else [arg]
            for t in types:
                if isinstance(t, ast.Starred) or not _read_class(reader, facts, t, declared, classes, set()):
                    return None
            continue
        called = func.id if isinstance(func, ast.Name) else attr or ""
        if called.endswith("ArgumentParser") or (qualname or "").endswith("ArgumentParser"):
            return None  # a parser class tf-lint does not know (the project's subclass of HfArgumentParser)
    if not kinds:
        return None
    label = f"`{name}`'s " + " and ".join(sorted(set(kinds)))
    return ScriptOptions(tuple(kinds), frozenset(declared), tuple(classes), yaml_file, label, parses_argv)


def _read_class(reader: _Reader, facts, expr: ast.expr, declared: Set[str], classes: List[Tuple[str, str]],
                seen: Set[int]) -> bool:
    """Add what the dataclass ``expr`` accepts; False when it is not fully known."""
    from tf_lint.analysis.values import LocalClass

    value = facts.value(expr)
    node = value.node if isinstance(value, LocalClass) else None
    qualname = facts.qualified_name(expr) if node is None else None
    if node is None and qualname and qualname not in _TRAINING_ARGUMENTS and qualname.split(".", 1)[0] != "trl":
        found = reader.project_class(qualname)
        if found is not None:
            facts, node = found
    if node is not None:
        if id(node) in seen:
            return True
        seen.add(id(node))
        for statement in node.body:
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                annotation = ast.unparse(statement.annotation)
                if "ClassVar" not in annotation and "InitVar" not in annotation:
                    declared.add(statement.target.id)
                    # ``field(metadata={"aliases": ["--lr"]})`` / ``HfArg(aliases=...)``: more spellings
                    declared.update(_normal(c.value) for c in ast.walk(statement.value or statement.target)
                                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                                    and c.value.startswith("-"))
        return all(_read_class(reader, facts, base, declared, classes, seen) for base in node.bases
                   if not (isinstance(base, ast.Name) and base.id == "object"))
    if qualname in _TRAINING_ARGUMENTS:
        classes.append(("transformers", _TRAINING_ARGUMENTS[qualname]))
        return True
    if qualname and qualname.split(".", 1)[0] == "trl":
        classes.append(("trl", qualname.rsplit(".", 1)[1]))
        return True
    return False


def _normal(option: str) -> str:
    return option.lstrip("-").replace("-", "_")
