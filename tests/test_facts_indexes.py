"""The facts' indexes over the document's one traversal: what they answer is what scanning the tree
answered, and the shortcuts they allow only skip what cannot matter."""

import ast

from tf_lint.analysis import Facts, ImportedName


def _facts(text: str) -> Facts:
    return Facts(ast.parse(text))


def test_only_an_import_of_the_module_itself_or_dunder_import_can_hold_it():
    for text in ("import transformers\n", "import transformers as tr\n", "import os, transformers.models.bert\n",
                 "m = __import__('transformers')\n", "def f():\n    import transformers\n"):
        assert _facts(text).may_hold_module("transformers"), text
    for text in ("from transformers import AutoModel\n", "import transformers.models as m\n",
                 "from . import transformers\n", "import transformers_extra\n", "transformers = 1\n",
                 "x = 'transformers'\n"):
        assert not _facts(text).may_hold_module("transformers"), text


def test_every_expression_holding_the_module_is_in_a_document_that_may_hold_it():
    text = ("import transformers as tr\nimport transformers.utils\nt = __import__('transformers')\n"
            "a, b = tr, transformers\nc = tr.AutoModel\nused = [a, b, t]\n")
    facts = _facts(text)
    held = [n for n in ast.walk(facts.tree) if isinstance(n, ast.expr)
            and facts.value(n) == ImportedName("transformers")]
    assert {n.id for n in held if isinstance(n, ast.Name)} >= {"tr", "transformers", "a", "b", "t"}
    assert facts.may_hold_module("transformers")


def test_only_an_absolute_import_of_the_package_or_dunder_import_can_hold_its_names():
    for text in ("import transformers\n", "import transformers.models.bert as b\n", "from transformers import *\n",
                 "from transformers.models.bert import BertModel\n", "x = __import__('transformers.utils')\n",
                 "def f():\n    from transformers import AutoModel\n"):
        assert _facts(text).may_hold_names_of("transformers"), text
    for text in ("from .modeling_utils import PreTrainedModel\n", "from . import transformers\n",
                 "import transformers_extra\n", "from mylib.transformers import AutoModel\n",
                 "transformers = 1\nAutoModel = transformers\n", "x = 'transformers'\n"):
        assert not _facts(text).may_hold_names_of("transformers"), text


def test_every_name_of_the_package_is_in_a_document_that_may_hold_its_names():
    text = ("from transformers import AutoModel as A\nimport transformers.models as m\n"
            "t = __import__('transformers')\nB = A\nc = m.bert\nd = t.pipeline\nused = [A, B, c, d]\n")
    facts = _facts(text)
    held = {n.id for n in ast.walk(facts.tree) if isinstance(n, ast.Name)
            and isinstance(facts.value(n), ImportedName) and facts.value(n).qualname.startswith("transformers")}
    assert held >= {"A", "B", "m", "t", "c", "d"}
    assert facts.may_hold_names_of("transformers") and not facts.may_hold_names_of("trl")


def _scanned_references(tree, name):
    """The definition: every def/class named ``name`` and every load of it, in ``ast.walk`` order,
    with the call it is the callee of."""
    callees = {id(n.func): n for n in ast.walk(tree) if isinstance(n, ast.Call)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            found.append((node, None))
        elif isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Store):
            found.append((node, callees.get(id(node))))
        elif isinstance(node, ast.Attribute) and node.attr == name:
            found.append((node, callees.get(id(node))))
    return found


def test_references_are_every_def_and_load_of_a_name_with_its_call():
    text = ("class A:\n    def forward(self, x):\n        return x\n"
            "def f(a):\n    return A()\n"
            "a = A()\nb = a.forward(1)\nf(A)\ng = f\ndel f\nasync def h():\n    await h.forward()\n")
    facts = _facts(text)
    for name in ("f", "A", "forward", "h", "a", "x", "nothing"):  # defs of the file, and other names
        assert facts._references_to(name) == _scanned_references(facts.tree, name), name
    assert [type(node).__name__ for node, _ in facts._references_to("f")] == ["FunctionDef", "Name", "Name", "Name"]
    assert sum(call is not None for _, call in facts._references_to("f")) == 1  # ``f(A)``


def test_a_value_is_settled_only_once_its_evaluation_is_over():
    facts = _facts("import torch\nx = torch.zeros(2)\ny = x\n")
    name = [n for n in ast.walk(facts.tree) if isinstance(n, ast.Name) and n.id == "x"
            and isinstance(n.ctx, ast.Load)][0]
    assert not facts.settled(name)
    facts.value(name)
    assert facts.settled(name)
