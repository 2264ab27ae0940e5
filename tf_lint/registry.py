"""Rules and the one registry they fill by being defined.

A rule is a small class: its code, kebab-case name, one-line summary, fix availability, the ``ast``
node types it wants to see, and a docstring in ruff's sections (What it does / Why is this bad? /
Example / Use instead / Fix safety) that is printed by ``tf-lint rule CODE`` and rendered into
``docs/rules/``. The engine runs all selected rules in one traversal of each document.
"""

from __future__ import annotations

import ast
import inspect
import re
from typing import TYPE_CHECKING, ClassVar, Dict, Iterable, List, Optional, Tuple, Type

from tf_lint import codes
from tf_lint.codes import OPT_IN, WHOLE_SET, is_selected, known_codes, opt_in_codes  # noqa: F401  (asked of the registry too)
from tf_lint.diagnostics import Diagnostic, Fix

if TYPE_CHECKING:  # pragma: no cover
    from tf_lint.context import RuleContext
    from tf_lint.knowledge import Knowledge

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety")
_CODE_RE = re.compile(r"^TFL\d{3}$")
_NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

RULES: Dict[str, Type["Rule"]] = codes.RULES  # type: ignore[assignment]  (codes knows no rule types)

class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    # "always", "sometimes" or "none": whether findings of this rule come with a fix.
    fix_availability: ClassVar[str] = "none"
    node_types: ClassVar[Tuple[Type[ast.AST], ...]] = ()
    # Text prefilter: the rule only runs on documents containing one of these strings.
    triggers: ClassVar[Tuple[str, ...]] = ()
    # False for an opt-in rule (as flake8-bugbear's B9 group): selected only by a selector more specific
    # than the whole ``TFL`` set (``TFL8``, ``TFL802``), never by the default selection or ``ALL``.
    default_enabled: ClassVar[bool] = True
    # True for a rule that also checks launch documents (shell commands, YAML recipes: not Python), with
    # ``visit_launch``; its module is listed in ``tf_lint.rules.LAUNCH_RULE_MODULES``.
    checks_launches: ClassVar[bool] = False
    # Packages one of whose names every finding of the rule needs (a Transformers model, a ``pipeline``
    # ...): the rule skips a document where no expression can hold a name of any of them, which only an
    # absolute import of the package (or ``__import__``) brings in (``Facts.may_hold_names_of``).
    packages: ClassVar[Tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        code = cls.__dict__.get("code")
        if code is None:
            return
        if not _CODE_RE.match(code):
            raise ValueError(f"{cls.__name__}: bad rule code {code!r}")
        if not _NAME_RE.match(cls.name):
            raise ValueError(f"{cls.__name__}: rule name must be kebab-case, got {cls.name!r}")
        if code in RULES and RULES[code] is not cls:
            raise ValueError(f"duplicate rule code {code}: {RULES[code].__name__} and {cls.__name__}")
        RULES[code] = cls
        if not cls.default_enabled:
            OPT_IN.add(code)

    def __init__(self, ctx: "RuleContext") -> None:
        self.ctx = ctx
        self._knowledge = None

    @property
    def knowledge(self) -> "Knowledge":
        """What the target transformers version has (asked by the rules that need it, on first use)."""
        if self._knowledge is None:
            from tf_lint.knowledge import knowledge_for

            self._knowledge = knowledge_for(self.ctx.settings)
        return self._knowledge

    def node_types_here(self) -> Tuple[Type[ast.AST], ...]:
        """The node types this rule needs to see in its document (by default ``node_types``), asked once
        per document before the traversal, after the text ``triggers``, from the facts' indexes and
        without evaluating any expression: () skips the rule for the document. Like ``triggers`` it may
        only leave out what can hold no finding (tests/test_gates.py runs with both open)."""
        if self.packages and not any(self.ctx.facts.may_hold_names_of(p) for p in self.packages):
            return ()
        return self.node_types

    def visit(self, node: ast.AST) -> Iterable[Diagnostic]:  # pragma: no cover - overridden
        return ()

    def visit_launch(self) -> Iterable[Diagnostic]:  # pragma: no cover - overridden
        """Findings on the launch document ``self.ctx.document`` (``language`` "shell" or "recipe")."""
        return ()

    def diagnostic(self, node: ast.AST, message: str, fix: Optional[Fix] = None) -> Diagnostic:
        doc = self.ctx.document
        facts = self.ctx._facts
        if facts is not None and facts.launched_values:  # a value the project's launch command decided
            for note in facts.launch_notes(node):
                message += f"; {note}"
        return Diagnostic(self.code, message, doc.start_of(node), doc.end_of(node), fix)

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_sections(cls) -> Dict[str, str]:
        """The docstring split into its ``## Section`` parts."""
        sections: Dict[str, str] = {}
        current = None
        for line in cls.documentation().splitlines():
            if line.startswith("## "):
                current = line[3:].strip()
                sections[current] = ""
            elif current is not None:
                sections[current] += line + "\n"
        return {k: v.strip("\n") for k, v in sections.items()}

    @classmethod
    def url(cls) -> str:
        return f"https://github.com/tf-lint/tf-lint/blob/main/docs/rules/{cls.code}.md"


def all_rules() -> List[Type[Rule]]:
    """Every rule, by code (imports every rule module)."""
    codes.import_rule_modules()
    return [RULES[code] for code in sorted(RULES)]


def rules_for(text: str) -> List[Type[Rule]]:
    """The rules that can concern a document with this text, by code: the rule modules whose words occur
    in it are imported, the others are not (a rule's own ``triggers`` are checked by the engine)."""
    import importlib

    modules = codes.rule_modules()
    wanted = {module for module, words in modules.items()
              if words is None or any(word in text for word in words)}
    for module in wanted:
        importlib.import_module(module)
    return [RULES[code] for code in sorted(RULES)
            if RULES[code].__module__ in wanted or RULES[code].__module__ not in modules]


def launch_rules() -> List[Type[Rule]]:
    """The rules that check launch documents, by code (only their modules are imported)."""
    import importlib

    import tf_lint.rules as package

    for module in package.LAUNCH_RULE_MODULES:
        importlib.import_module(f"tf_lint.rules.{module}")
    return [RULES[code] for code in sorted(RULES) if RULES[code].checks_launches]


def get_rule(code: str) -> Optional[Type[Rule]]:
    code = code.upper()
    if code not in RULES:
        all_rules()
    return RULES.get(code)
