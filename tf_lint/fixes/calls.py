"""Add a keyword argument to a call, keeping the call's own layout.

libcst is imported inside the function, never at module import: only documents with something to fix
pay for it. The edit replaces the call's own text, so the rest of the document stays byte for byte.
"""

from __future__ import annotations

import ast
from typing import Optional, Sequence, Tuple

from tf_lint.diagnostics import Edit


def add_keyword(document, call: ast.Call, keyword: str, value: str) -> Optional[Edit]:
    return add_keywords(document, call, [(keyword, value)])


def add_keywords(document, call: ast.Call, pairs: Sequence[Tuple[str, str]]) -> Optional[Edit]:
    """An edit that adds ``keyword=value`` arguments, in order, after the last argument of ``call``.

    A one-line call gets ``, keyword=value``; a call with one argument per line gets a new line with the
    same indentation; a trailing comma stays a trailing comma. ``None`` if the call's text cannot be
    rewritten (it does not parse on its own, or already has that keyword).
    """
    import libcst as cst

    start, end = document.start_of(call), document.end_of(call)
    text = document.segment(start, end)
    try:
        tree = cst.parse_expression(text)
    except Exception:  # libcst's ParserSyntaxError and friends
        return None
    if not isinstance(tree, cst.Call):
        return None
    for keyword, value in pairs:
        tree = with_keyword(cst, tree, keyword, value)
        if tree is None:
            return None
    return Edit(start, end, tree_code(tree, text))


def with_keyword(cst, tree, keyword: str, value: str):
    try:
        new_value = cst.parse_expression(value)
    except Exception:
        return None
    if any(a.keyword is not None and a.keyword.value == keyword for a in tree.args):
        return None
    new_arg = cst.Arg(value=new_value, keyword=cst.Name(keyword),
                      equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                            whitespace_after=cst.SimpleWhitespace("")))
    args = list(tree.args)
    if not args:
        return tree.with_changes(args=[new_arg])
    last = args[-1]
    separator = _separator(cst, tree, args)
    if isinstance(last.comma, cst.Comma):  # trailing comma: the new argument takes it over
        args[-1] = last.with_changes(comma=separator)
        args.append(new_arg.with_changes(comma=last.comma))
    else:
        args[-1] = last.with_changes(comma=separator, whitespace_after_arg=cst.SimpleWhitespace(""))
        args.append(new_arg.with_changes(whitespace_after_arg=last.whitespace_after_arg))
    return tree.with_changes(args=args)


def _separator(cst, call, args):
    """The comma to put between the last argument and the new one, in the call's own style."""
    if len(args) > 1 and isinstance(args[-2].comma, cst.Comma):
        comma = args[-2].comma
        return comma.with_changes(whitespace_after=_without_comments(cst, comma.whitespace_after))
    # One argument: multi-line if the text after ``(`` breaks the line.
    opening = call.whitespace_before_args
    if isinstance(opening, cst.ParenthesizedWhitespace):
        return cst.Comma(whitespace_before=cst.SimpleWhitespace(""),
                         whitespace_after=_without_comments(cst, opening))
    return cst.Comma(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(" "))


def _without_comments(cst, whitespace):
    """A line break copied from the call's own style, without the comments that were on it: a comment
    belongs to the argument it was written next to, not to the one the fix adds."""
    if not isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace
    first = whitespace.first_line
    return whitespace.with_changes(
        first_line=first.with_changes(whitespace=cst.SimpleWhitespace(""), comment=None),
        empty_lines=[line for line in whitespace.empty_lines if line.comment is None])


def tree_code(node, source: str = "") -> str:
    """``node``'s code, its line breaks written like the first one of ``source`` (the text it was parsed
    from): libcst stores the parsed text's own line break as "the default" and would write ``\n``."""
    import libcst as cst

    newline = next((ending for ending in ("\r\n", "\r", "\n") if ending in source), "\n")
    return cst.Module(body=[], default_newline=newline).code_for_node(node)
