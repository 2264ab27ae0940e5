"""The facts layer: what each expression of a document holds, with evidence."""

from tf_lint.analysis.facts import Facts
from tf_lint.analysis.values import Constant, ImportedName, LocalClass, LocalFunction, Model, TupleValue, Value

__all__ = ["Facts", "Constant", "ImportedName", "LocalClass", "LocalFunction", "Model", "TupleValue", "Value"]
