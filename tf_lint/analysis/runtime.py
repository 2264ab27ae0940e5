"""Values given at run time: command-line options and environment variables.

A program's options are set by whoever runs it, so at lint time they are unknown. The facts layer
answers each one as a :class:`RunTimeValue` carrying where it is declared and the default the code
declares for it, never as the default itself (DESIGN.md, "facts"). The sources:

- ``argparse``: ``args.x`` of ``parser.parse_args()`` (``parse_known_args``), for the one
  ``add_argument`` whose destination is ``x``;
- ``HfArgumentParser`` / TRL's ``TrlParser``: the fields of the dataclasses handed to the parser, read
  from an instance it returns or through ``self`` in the class's methods;
- click (``@click.option`` / ``@click.argument``), typer (a function run by ``typer.run`` or
  registered with ``@app.command()``, or a parameter defaulting to ``typer.Option(...)``) and fire
  (``fire.Fire(main)``): the parameters of the command function;
- ``sys.argv[i]``, ``os.environ["X"]``, ``os.environ.get("X", default)`` and ``os.getenv(...)``.

Whatever the source, :meth:`RunTimeFacts.given_at_run_time` makes the value: the one place where a
default could be promoted to the value (when a launch command of the project runs the program without
the option). Mixed into ``Facts``.
"""

from __future__ import annotations

import ast
from typing import Dict, List, Optional, Tuple

from tf_lint.analysis.scopes import LOOPS
from tf_lint.analysis.values import (ArgParser, Constant, ImportedName, LaunchedValue, LocalClass, LocalFunction,
                                     RunTimeValue, Value)

CLICK_PARAMETERS = frozenset({"click.option", "click.argument", "click.decorators.option",
                              "click.decorators.argument"})
TYPER_PARAMETERS = frozenset({"typer.Option", "typer.Argument", "typer.params.Option", "typer.params.Argument"})
TYPER_RUN = frozenset({"typer.run", "typer.main.run"})
TYPER_APP = frozenset({"typer.Typer", "typer.main.Typer"})
FIRE = frozenset({"fire.Fire", "fire.core.Fire"})
ENVIRONMENT_READS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault", "posix.environ.get"})
ENVIRONMENT = frozenset({"os.environ", "posix.environ"})
ARGV = frozenset({"sys.argv"})
_CLI_MODULES = ("click", "typer", "fire")
# An attribute of parsed options that no assignment of the code reaches: it holds its option.
NOT_SET = object()


class RunTimeFacts:
    """Mixed into ``Facts`` (which provides ``value``, ``qualified_name``, ``nodes``, ``scopes`` ...)."""

    def _init_run_time_facts(self) -> None:
        self._arguments: Optional[List[ast.Call]] = None
        self._parsed_classes: Optional[Dict[int, str]] = None
        self._commands: Optional[Dict[int, str]] = None
        self._cli_imports: Optional[Tuple[str, ...]] = None
        self._stores: Optional[Dict[str, Tuple[list, bool]]] = None
        self._setattr_called = False
        self.launched_values: List[LaunchedValue] = []

    # --- public questions ----------------------------------------------------------------------
    def run_time(self, expr: Optional[ast.AST]) -> Optional[RunTimeValue]:
        """The run-time value ``expr`` holds (a command-line option, an environment variable), for a
        message that wants to cite its default; None when ``expr`` holds anything else or is unknown."""
        value = self.value(expr)
        return value if isinstance(value, RunTimeValue) else None

    def given_at_run_time(self, source: str, option: Optional[str], declared: Optional[ast.AST],
                          default: Optional[ast.expr]) -> Value:
        """What an option holds: the value it is given when the program runs, unknown here. Every source
        of run-time values makes its value here, so that deciding when a default is the value (a launch
        command of the project that leaves the option out) is done once, for all of them."""
        found = self.value(default) if default is not None else None
        launched = self._launched(source, option, declared, found)
        if launched is not None:
            self.launched_values.append(launched)
            return launched
        return RunTimeValue(source, option, declared, found)

    def _launched(self, source: str, option: Optional[str], declared: Optional[ast.AST],
                  default: Optional[Value]) -> Optional[LaunchedValue]:
        """The option's value when the project's launch commands of this script decide it: every one
        leaves it out (its default is then the value) or all write the same value for it."""
        if source in ("environment", "sys.argv") or not option or not option.startswith("--") or not self.path:
            return None
        spellings = [option]
        if isinstance(declared, ast.Call):  # argparse's and click's other spellings (-m, --model)
            spellings += [a.value for a in declared.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        from tf_lint.launches import option_given

        given = option_given(self.path, [s for s in spellings if s.startswith("--")],
                             [s for s in spellings if s.startswith("-") and not s.startswith("--")])
        if given is None:
            return None
        if given.default:
            if not isinstance(default, Constant) or default.value is None:
                return None
            return LaunchedValue(default.value, given.because(option), option)
        return LaunchedValue(_typed(given.value, default), given.because(option), option, given.launch)

    def launch_notes(self, node: ast.AST) -> List[str]:
        """Why the values read in ``node`` are what they are, when a launch command decided them."""
        if not self.launched_values:
            return []
        notes: List[str] = []
        for child in ast.walk(node):
            if isinstance(child, (ast.Name, ast.Attribute, ast.Subscript)):
                value = self.value(child)
                if isinstance(value, LaunchedValue) and value.because not in notes:
                    notes.append(value.because)
        return notes

    # --- argparse -------------------------------------------------------------------------------
    def argparse_option(self, parser: ArgParser, attr: str) -> Optional[Value]:
        """``args.<attr>`` of ``parser.parse_args()``: the option of the one ``add_argument`` whose
        destination is ``attr`` (unknown when none or several are)."""
        if self._arguments is None:
            self._arguments = [n for n in self.nodes(ast.Call)
                               if isinstance(n.func, ast.Attribute) and n.func.attr == "add_argument"]
        matches = [call for call in self._arguments
                   if _destination(call) == attr and self.value(call.func.value) is parser]
        if len(matches) != 1:
            return None
        call = matches[0]
        strings = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        option = next((s for s in strings if s.startswith("--")), strings[0] if strings else attr)
        return self.given_at_run_time("argparse", option, call, _keyword(call, "default"))

    # --- dataclasses read by HfArgumentParser / TrlParser ---------------------------------------
    def dataclass_parser(self, qualname: Optional[str]) -> Optional[str]:
        """"HfArgumentParser" / "TrlParser" when ``qualname`` names one of them."""
        if not qualname:
            return None
        for package, name in (("transformers.", "HfArgumentParser"), ("trl.", "TrlParser")):
            if qualname.startswith(package) and qualname.endswith("." + name):
                return name
        return None

    def parsed_field(self, binding) -> Optional[Value]:
        """A field of a dataclass that an argument parser of this document reads (``model: str =
        field(default="gpt2")`` in the class body): a command-line option, whose default is the field's.
        None when the binding is not such a field."""
        scope = binding.scope
        if scope.kind != "class" or binding.kind != "assign" or binding.path:
            return None
        parser = self._parsed_dataclasses().get(id(scope.node))
        if parser is None or not any(isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                                     and s.target.id == binding.name for s in scope.node.body):
            return None  # only an annotated name of the class body is a dataclass field
        default = binding.value
        if isinstance(default, ast.Call) and self.qualified_name(default.func) == "dataclasses.field":
            default = _keyword(default, "default")
        return self.given_at_run_time(parser, "--" + binding.name, binding.value, default)

    def _parsed_dataclasses(self) -> Dict[int, str]:
        """The classes of the document handed to an ``HfArgumentParser`` / ``TrlParser``, by node id."""
        if self._parsed_classes is None:
            found: Dict[int, str] = {}
            self._parsed_classes = found  # a parser call evaluated below may read a field: not one yet
            for call in self.nodes(ast.Call):
                name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
                if not name.endswith(("ArgumentParser", "Parser")):
                    continue
                parser = self.value(call)
                if isinstance(parser, ArgParser) and parser.kind != "argparse":
                    for cls in parser.dataclasses:
                        if cls is not None:
                            found[id(cls.node)] = parser.kind
        return self._parsed_classes

    # --- click, typer, fire: the parameters of a command function ----------------------------------
    def command_parameter(self, binding) -> Optional[Value]:
        """A parameter of a function that a command-line framework calls with the user's options."""
        function = binding.scope.node
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or not self._imports_cli():
            return None
        arg = binding.node
        args = function.args
        if arg is args.vararg or arg is args.kwarg or not isinstance(arg, ast.arg):
            return None
        default = _parameter_default(function, arg)
        click = self._click_parameter(function, arg.arg)
        if click is not None:
            decorator, option = click
            return self.given_at_run_time("click", option, decorator, _keyword(decorator, "default"))
        typer_default = default if isinstance(default, ast.Call) and self.qualified_name(
            default.func) in TYPER_PARAMETERS else None
        source = self._commands_of_document().get(id(function))
        if typer_default is not None:
            source = "typer"
        if source is None or (binding.scope.self_name is not None and arg is _first_parameter(function)):
            return None
        if typer_default is not None:
            default = typer_default.args[0] if typer_default.args else _keyword(typer_default, "default")
            if isinstance(default, ast.Constant) and default.value is Ellipsis:
                default = None  # a required option
        name = arg.arg.replace("_", "-") if source == "typer" else arg.arg
        return self.given_at_run_time(source, "--" + name, arg, default)

    def _imports_cli(self) -> bool:
        return bool(self._cli_modules())

    def _cli_modules(self) -> Tuple[str, ...]:
        """The command-line frameworks (click, typer, fire) the document imports."""
        cached = self._cli_imports
        if cached is None:
            found = set()
            for node in self.nodes((ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    top = name.split(".", 1)[0]
                    if top in _CLI_MODULES and (node.__class__ is ast.Import or not node.level):
                        found.add(top)
            cached = self._cli_imports = tuple(sorted(found))
        return cached

    def _click_parameter(self, function: ast.AST, name: str) -> Optional[Tuple[ast.Call, str]]:
        """The ``@click.option(...)`` / ``@click.argument(...)`` decorator that declares ``name``."""
        if "click" not in self._cli_modules():
            return None
        for decorator in function.decorator_list:
            if not (isinstance(decorator, ast.Call)
                    and self.qualified_name(decorator.func) in CLICK_PARAMETERS):
                continue
            declared = _click_name(decorator)
            if declared is not None and declared[0] == name:
                return decorator, declared[1]
        return None

    def _commands_of_document(self) -> Dict[int, str]:
        """Function nodes run by a command-line framework: ``typer.run(f)``, ``@app.command()`` of a
        ``typer.Typer()``, ``fire.Fire(f)`` (also a dict of functions, or a class: its methods)."""
        if self._commands is None:
            found: Dict[int, str] = {}
            self._commands = found
            modules = self._cli_modules()
            if "typer" in modules or "fire" in modules:
                for call in self.nodes(ast.Call):
                    qualname = self.qualified_name(call.func)
                    if qualname in TYPER_RUN or qualname in FIRE:
                        source = "typer" if qualname in TYPER_RUN else "fire"
                        target = call.args[0] if call.args else _keyword(call, "component")
                        for function in self._functions_named_by(target):
                            found[id(function)] = source
                for function in self.nodes((ast.FunctionDef, ast.AsyncFunctionDef)):
                    if "typer" in modules and any(self._is_typer_command(d) for d in function.decorator_list):
                        found[id(function)] = "typer"
        return self._commands

    def _functions_named_by(self, expr: Optional[ast.expr]) -> List[ast.AST]:
        if isinstance(expr, ast.Dict):
            return [f for v in expr.values for f in self._functions_named_by(v)]
        value = self.value(expr) if expr is not None else None
        if isinstance(value, LocalFunction):
            return [value.node]
        if isinstance(value, LocalClass) and value.node is not None:
            return [s for s in value.node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
        return []

    def _is_typer_command(self, decorator: ast.expr) -> bool:
        """``@app.command()`` / ``@app.callback()`` where ``app = typer.Typer(...)``."""
        if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)
                and decorator.func.attr in ("command", "callback") and isinstance(decorator.func.value, ast.Name)):
            return False
        made = self.assigned_expression(decorator.func.value)
        return isinstance(made, ast.Call) and self.qualified_name(made.func) in TYPER_APP

    # --- the code sets an option itself -------------------------------------------------------------
    def attribute_set_by_code(self, owner: Value, read: ast.Attribute):
        """``args.model = "gpt2"`` before ``args.model`` is read: the value the code gives, not the
        option's. Known only when every assignment of that attribute outside ``self`` is a plain one,
        on this object, in the scope of the read, and the last one before the read dominates it (and,
        for a read in a loop, none comes after it); ``NOT_SET`` when none comes before a read outside
        any loop (the attribute still holds its option); else unknown (None)."""
        base = read.value
        use = self.scopes.uses.get(id(base)) if isinstance(base, ast.Name) else None
        stores, complete = self._attribute_stores().get(read.attr, ([], True))
        if use is None or not complete or self._setattr_called:  # ``setattr(args, name, v)`` may set it
            return None
        here = (read.lineno, read.col_offset)
        before: List[Tuple[Tuple[int, int], ast.expr, tuple]] = []
        for statement, target, store in stores:
            other = self.value(store.value)
            if other is not None and other is not owner:
                continue  # another object's attribute of the same name
            where = self.scopes.uses.get(id(store.value))
            if (other is None or store is not target or not isinstance(statement, ast.Assign)
                    or where is None or where.scope is not use.scope):
                return None
            end = (statement.end_lineno or statement.lineno, statement.end_col_offset or 0)
            if end > here:
                if any(isinstance(node, LOOPS) for node, _ in use.control):
                    return None  # a later assignment reaches the next iteration's read
                continue
            before.append((end, statement.value, where.control))
        if not before:
            return NOT_SET
        before.sort(key=lambda item: item[0])
        _, value, control = before[-1]
        if use.control[: len(control)] != control:
            return None  # the last assignment may not run before the read
        return self.value(value)

    def _attribute_stores(self) -> Dict[str, Tuple[list, bool]]:
        """By attribute name: its assignment statements on anything but ``self``/``cls`` ((statement,
        target, the ``Attribute`` stored)), and whether they are all of its stores (not when a loop or
        ``with ... as`` sets it too)."""
        if self._stores is None:
            found: Dict[str, list] = {}
            for statement in self.nodes((ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                for target in targets:
                    for node in ast.walk(target):
                        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and not _on_self(node):
                            found.setdefault(node.attr, []).append((statement, target, node))
            counts: Dict[str, int] = {}
            for node in self.nodes(ast.Attribute):
                if isinstance(node.ctx, ast.Store) and not _on_self(node):
                    counts[node.attr] = counts.get(node.attr, 0) + 1
            setattr_called = any(isinstance(c.func, ast.Name) and c.func.id == "setattr"
                                 for c in self.nodes(ast.Call))
            self._stores = {attr: (found.get(attr, []), len(found.get(attr, [])) == count)
                            for attr, count in counts.items()}
            self._setattr_called = setattr_called
        return self._stores

    # --- sys.argv and the environment -------------------------------------------------------------
    def argv_or_environment_item(self, node: ast.Subscript, base: Optional[Value]) -> Optional[Value]:
        """``sys.argv[1]`` and ``os.environ["MODEL"]`` (read, not written)."""
        if not isinstance(base, ImportedName) or not isinstance(node.ctx, ast.Load):
            return None
        key = self.value(node.slice)
        if base.qualname in ARGV and isinstance(key, Constant) and isinstance(key.value, int):
            return self.given_at_run_time("sys.argv", f"sys.argv[{key.value}]", node, None)
        if base.qualname in ENVIRONMENT:
            name = key.value if isinstance(key, Constant) and isinstance(key.value, str) else None
            return self.given_at_run_time("environment", name, node, None)
        return None

    def environment_read(self, qualname: str, call: ast.Call) -> Optional[Value]:
        """``os.environ.get("X", default)``, ``os.getenv("X", default)``, ``os.environ.setdefault(...)``."""
        if qualname not in ENVIRONMENT_READS or any(isinstance(a, ast.Starred) for a in call.args):
            return None
        key = call.args[0] if call.args else _keyword(call, "key")
        default = call.args[1] if len(call.args) > 1 else _keyword(call, "default")
        name = self.value(key) if key is not None else None
        option = name.value if isinstance(name, Constant) and isinstance(name.value, str) else None
        return self.given_at_run_time("environment", option, call, default)


def _on_self(node: ast.Attribute) -> bool:
    return isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")


def _keyword(call: ast.Call, name: str) -> Optional[ast.expr]:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _destination(call: ast.Call) -> Optional[str]:
    dest = _keyword(call, "dest")
    if isinstance(dest, ast.Constant) and isinstance(dest.value, str):
        return dest.value
    options = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    long_options = [o for o in options if o.startswith("--")]
    if long_options:
        return long_options[0][2:].replace("-", "_")
    if options and not options[0].startswith("-"):
        return options[0]
    return None


def _click_name(decorator: ast.Call) -> Optional[Tuple[str, str]]:
    """(parameter name, option as written) of a click option or argument, as click derives them: a
    declaration without dashes names the parameter; else the first ``--`` option (else the first
    ``-`` one), dashes made underscores, lowercased."""
    decls = [a.value for a in decorator.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if not decls:
        return None
    options = []
    for decl in decls:
        for part in decl.split("/"):  # ``--flag/--no-flag``
            part = part.strip()
            if part and not part.startswith("-") and part.isidentifier():
                return part, (next((d for d in decls if d.startswith("-")), part))
            if part.startswith("-"):
                options.append(part)
    if not options:
        return None
    long_options = [o for o in options if o.startswith("--")]
    chosen = long_options[0] if long_options else options[0]
    return chosen.lstrip("-").replace("-", "_").lower(), chosen


def _first_parameter(function: ast.AST) -> Optional[ast.arg]:
    args = function.args
    positional = list(args.posonlyargs) + list(args.args)
    return positional[0] if positional else None


def _parameter_default(function: ast.AST, arg: ast.arg) -> Optional[ast.expr]:
    args = function.args
    positional = list(args.posonlyargs) + list(args.args)
    if arg in positional:
        index = positional.index(arg) - (len(positional) - len(args.defaults))
        return args.defaults[index] if index >= 0 else None
    if arg in args.kwonlyargs:
        return args.kw_defaults[args.kwonlyargs.index(arg)]
    return None


def _typed(text: Optional[str], default: Optional[Value]):
    """A value written on a command line, as the option's type reads it (judged by its default): ``8``
    for an int option, ``2e-5`` for a float one, ``true`` for a bool one; else the text."""
    kind = type(default.value) if isinstance(default, Constant) else str
    try:
        if kind is bool:
            return text == "" or text.lower() in ("true", "1", "yes")  # a bare flag is True
        if kind is int:
            return int(text)
        if kind is float:
            return float(text)
    except (TypeError, ValueError):
        return text
    return text
