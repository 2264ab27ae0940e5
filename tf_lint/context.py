"""What a rule may ask about the document it is checking: below the registry (whose ``Rule`` holds one)
and the engine (which makes one per document), so that neither needs the other's types for it."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, Optional

from tf_lint.config import Settings
from tf_lint.sources.document import Document
from tf_lint.tree import TreeIndex

if TYPE_CHECKING:  # the facts layer (and the knowledge it loads) is imported by the first rule that asks
    from tf_lint.analysis import Facts


@dataclass
class RuleContext:
    """What a rule may ask about the document it is checking."""

    document: Document
    tree: ast.Module
    settings: Settings
    index: Optional[TreeIndex] = None  # the engine's one traversal of ``tree``, shared with the facts
    _facts: Optional["Facts"] = None
    # What one rule computed about the whole document and another rule needs too (the memory rules'
    # training configurations), by a key the rules' module owns.
    shared: Dict[str, object] = field(default_factory=dict)

    @property
    def facts(self) -> "Facts":
        if self._facts is None:
            from tf_lint.analysis import Facts

            self._facts = Facts(self.tree, self.document.path, self.index)
        return self._facts
