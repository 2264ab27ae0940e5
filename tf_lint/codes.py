"""Rule codes: which exist, which are opt-in, and which ones a selection turns on.

Below the settings (:mod:`tf_lint.config` validates selectors and answers ``is_enabled`` with it) and
below the registry (:mod:`tf_lint.registry`, whose ``Rule`` classes record themselves here as they are
defined), so that settings and selection never need the rules' or the engine's types.
"""

from __future__ import annotations

import importlib
import os
from typing import Dict, List, Optional, Sequence, Tuple

import tf_lint.rules as _table  # the rule modules' table only: no rule module is imported

RULES: Dict[str, type] = {}  # every rule class defined so far, by code (filled by ``registry.Rule``)
OPT_IN: set = set()  # codes of the rules that are not selected by default
WHOLE_SET = "TFL"  # the default selection (and what ``ALL`` means)

_MODULES: Optional[Dict[str, Optional[Tuple[str, ...]]]] = None


def rule_modules() -> Dict[str, Optional[Tuple[str, ...]]]:
    """Every module of ``tf_lint.rules`` and the words that make it concern a document (``None``: every
    document): the package's table, plus any module missing from it (imported for every document)."""
    global _MODULES
    if _MODULES is None:
        import tf_lint.rules as package

        modules: Dict[str, Optional[Tuple[str, ...]]] = {
            f"tf_lint.rules.{name}": words for name, (_, words) in package.RULE_MODULES.items()}
        for folder in package.__path__:
            for entry in sorted(os.listdir(folder)):
                name, ext = os.path.splitext(entry)
                if ext == ".py" and name != "__init__" and f"tf_lint.rules.{name}" not in modules:
                    modules[f"tf_lint.rules.{name}"] = None
        _MODULES = modules
    return _MODULES


def import_rule_modules() -> None:
    """Define every rule (imports every rule module: they fill ``RULES``)."""
    for module in rule_modules():
        importlib.import_module(module)


def known_codes() -> List[str]:
    """Every rule code, sorted, importing only the rule modules missing from the package's table."""
    import tf_lint.rules as package

    codes = {code for listed, _ in package.RULE_MODULES.values() for code in listed}
    listed = {f"tf_lint.rules.{name}" for name in package.RULE_MODULES}
    if any(module not in listed for module in rule_modules()):
        import_rule_modules()
        return sorted(RULES)
    return sorted(codes | set(RULES))


def opt_in_codes() -> set:
    """The codes of the opt-in rules (``default_enabled = False``)."""
    return OPT_IN | set(_table.OPT_IN_CODES)


def is_selected(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Selection by code or prefix; the most specific matching prefix wins, and ``ignore`` wins ties.
    An opt-in rule needs a selector more specific than the whole set (``TFL8`` or ``TFL802``, not
    ``TFL``), as flake8 keeps a plugin's default-ignored codes off until they are named."""
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1)
    if best_select < 0:
        return False
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    if best_select <= best_ignore:
        return False
    # asked for every rule of every document: no set built here
    return best_select > len(WHOLE_SET) or not (code in OPT_IN or code in _table.OPT_IN_CODES)
