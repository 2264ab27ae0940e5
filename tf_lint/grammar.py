"""Code written for a newer Python than the one tf-lint runs on: told apart from a syntax error.

tf-lint reads code with the running interpreter's ``ast``, so a Python 3.12 f-string
(``f"{row["question"]}"``) or a ``type X = int`` statement does not parse when tf-lint runs on 3.11. When
the project declares that newer Python (``requires-python``, ``.python-version``: see
``tf_lint.target.python_for``) and the document parses under libcst's grammar (which follows Python 3.0
to 3.14 at once), the document is valid code that this interpreter cannot read: it gets one TFL003
notice naming both versions instead of TFL001, and the rest of the run is checked as usual.

libcst is only asked once ``ast`` has failed and the project declares a newer Python, so a run over
code that parses never imports it. Its tree is not analysed: the rules read ``ast``.
"""

from __future__ import annotations

import ast
import os
import sys
import warnings
from typing import Iterator, Optional, Tuple

from tf_lint.diagnostics import Diagnostic, Position
from tf_lint.results import RESOURCE_LIMIT

Feature = Tuple[Tuple[int, int], str]  # (the Python that first accepts it, what it is)


def newer_python_notice(document, exc: SyntaxError) -> Optional[Diagnostic]:
    """The TFL003 notice for a document that ``ast`` cannot parse because it is written for the newer
    Python its project declares; None when that is not the case (a real syntax error, or no newer
    Python declared)."""
    from tf_lint.target import python_for

    running = sys.version_info[:2]
    declared = python_for(os.path.dirname(os.path.abspath(document.path)))
    if declared is None or declared.minimum <= running:
        return None
    module = _libcst_module(document.text)
    if module is None:
        return None
    # The first construct this interpreter cannot read (in source order, where ``ast`` stopped too);
    # the walk stops there, as walking a libcst tree costs about as much as parsing it.
    feature = next((f for f in features_of(module) if f[0] > running), None)
    needed = max(feature[0], declared.minimum) if feature else declared.minimum
    what = {".ipynb": "this cell", ".md": "this code block", ".mdx": "this code block"}.get(
        os.path.splitext(document.path)[1].lower(), "this file")
    uses = f"uses Python {_dotted(feature[0])} syntax ({feature[1]})" if feature \
        else f"uses syntax newer than Python {_dotted(running)}"
    message = (f"{what} {uses} and the project {declared.says} ({declared.source}); tf-lint runs on "
               f"Python {_dotted(running)} and cannot check it: run tf-lint with Python {_dotted(needed)}+")
    row = max(1, min(exc.lineno or 1, max(1, len(document.lines))))
    column = max(1, exc.offset or 1)
    return Diagnostic(RESOURCE_LIMIT, message, Position(row, column), Position(row, column),
                      statement_rows=(row, row), noqa_row=row)


def _dotted(version: Tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


def _libcst_module(text: str):
    """libcst's tree of ``text``, or None when libcst cannot parse it either."""
    try:
        import libcst
    except ImportError:  # pragma: no cover - a dependency of tf-lint
        return None
    try:
        return libcst.parse_module(text)
    except Exception:  # ParserSyntaxError, and anything a pathological input makes its parser raise
        return None


def features_of(module) -> Iterator[Feature]:
    """The syntax in a libcst tree that an older Python rejects (3.10 to 3.14), with the version that
    first accepts it, in source order."""
    import libcst as cst

    todo = [module]
    while todo:
        node = todo.pop()
        todo.extend(reversed(node.children))  # source order
        if isinstance(node, cst.Match):
            yield (3, 10), "a match statement"
        elif isinstance(node, cst.TryStar):
            yield (3, 11), "except*"
        elif isinstance(node, cst.TypeAlias):
            yield (3, 12), "a type statement, PEP 695"
        elif isinstance(node, cst.TypeParameters):
            if any(param.default is not None for param in node.params):
                yield (3, 13), "a type parameter default, PEP 696"
            else:
                yield (3, 12), "type parameters, PEP 695"
        elif isinstance(node, cst.TemplatedString):
            yield (3, 14), "a template string, PEP 750"
        elif isinstance(node, cst.ExceptHandler) and isinstance(node.type, cst.Tuple) and not node.type.lpar:
            yield (3, 14), "except without parentheses, PEP 758"
        elif isinstance(node, cst.FormattedString) and _needs_pep701(module, node):
            yield (3, 12), _pep701_what(module, node)


def _pep701_what(module, node) -> str:
    """What makes an f-string one that only Python 3.12+ reads, in words."""
    import libcst as cst

    quote = node.start.lstrip("fFrRbB")[:1]
    fields = [module.code_for_node(part) for part in node.parts if isinstance(part, cst.FormattedStringExpression)]
    if any(quote in field for field in fields):
        return "an f-string that reuses its quotes inside {}, PEP 701"
    if any("\\" in field for field in fields):
        return "a backslash inside an f-string's {}, PEP 701"
    if any("#" in field for field in fields):
        return "a comment inside an f-string's {}, PEP 701"
    return "an f-string that PEP 701 allows"


def _needs_pep701(module, node) -> bool:
    """Whether an f-string is one only Python 3.12+ reads (PEP 701: its own quotes, a backslash or a
    comment inside a replacement field, or fields nested deeper): it does not parse on its own here,
    although libcst read it."""
    if sys.version_info >= (3, 12):
        return False
    code = module.code_for_node(node)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(f"({code})")
    except SyntaxError:
        return True
    except (ValueError, MemoryError, RecursionError):
        return False
    return False
