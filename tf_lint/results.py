"""What linting one file gives; light to import, so that a run served from the result cache never
loads the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

from tf_lint.diagnostics import Diagnostic

# The codes the engine itself gives (see tf_lint.rules.meta).
SYNTAX_ERROR = "TFL001"
RULE_ERROR = "TFL002"
RESOURCE_LIMIT = "TFL003"


@dataclass
class FileResult:
    path: str
    diagnostics: List[Diagnostic] = field(default_factory=list)
    fixed: int = 0
    new_content: Optional[bytes] = None  # set when fixes changed the file
    original: bytes = b""
    error: Optional[str] = None  # could not read the file at all
    messages: List[str] = field(default_factory=list)  # refused fixes and the like
    deps: List[list] = field(default_factory=list)  # other files the result depends on, stamped
