"""The keyword-adding edit of fixes (TFL101's `attention_mask=`, TFL502's renames): the call's own
layout is kept, and comments stay with the argument they were written next to."""

import ast

import pytest

from tf_lint.fixes.calls import add_keywords
from tf_lint.sources import Document


def _fixed(source: str) -> str:
    document = Document(text=source, path="t.py")
    call = ast.parse(source).body[0].value
    edit = add_keywords(document, call, [("attention_mask", "mask")])
    assert edit is not None
    start, end = document.offset(edit.start), document.offset(edit.end)
    fixed = source[:start] + edit.content + source[end:]
    ast.parse(fixed)
    return fixed


@pytest.mark.parametrize("source, expected", [
    ("f(a, b)\n", "f(a, b, attention_mask=mask)\n"),
    ("f(a, b,)\n", "f(a, b, attention_mask=mask,)\n"),
    ("f(\n    a,\n    b,\n)\n", "f(\n    a,\n    b,\n    attention_mask=mask,\n)\n"),
    # A comment after `(` or after an argument's comma is not copied onto the added line.
    ("f(  # why\n    x\n)\n", "f(  # why\n    x,\n    attention_mask=mask\n)\n"),
    ("f(\n    a,  # first\n    b,\n)\n", "f(\n    a,  # first\n    b,\n    attention_mask=mask,\n)\n"),
    ("f(\n    a,  # first\n    # about b\n    b\n)\n",
     "f(\n    a,  # first\n    # about b\n    b,\n    attention_mask=mask\n)\n"),
])
def test_added_keyword_follows_the_layout(source, expected):
    assert _fixed(source) == expected


def test_existing_keyword_is_not_added_twice():
    source = "f(a, attention_mask=m)\n"
    document = Document(text=source, path="t.py")
    assert add_keywords(document, ast.parse(source).body[0].value, [("attention_mask", "mask")]) is None
