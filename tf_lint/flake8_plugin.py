"""``flake8 --select TFL``: the same engine on the tree flake8 already parsed.

flake8 does its own ``# noqa`` handling and adds 1 to the column we give it, so columns are passed
0-based. Settings (target version, device memory, checkpoints, select/ignore) come from the same
``[tool.tf-lint]`` configuration as the CLI.
"""

from __future__ import annotations

import ast
from typing import Iterator, List, Optional, Tuple

from tf_lint import __version__


class TfLintChecker:
    name = "tf-lint"
    version = __version__

    def __init__(self, tree: ast.Module, filename: str = "stdin", lines: Optional[List[str]] = None) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    def run(self) -> Iterator[Tuple[int, int, str, type]]:
        from tf_lint.config import ConfigError, ConfigResolver, Settings
        from tf_lint.engine import Linter
        from tf_lint.sources import Document

        if self.lines is not None:
            text = "".join(self.lines)
        else:
            with open(self.filename, encoding="utf-8") as f:
                text = f.read()
        try:
            settings = ConfigResolver().for_path(self.filename)
        except ConfigError as exc:
            yield 1, 0, f"TFL002 tf-lint config error: {exc}", type(self)
            settings = Settings()
            return
        linter = Linter(settings, apply_noqa=False)
        for diag in linter.check_document(Document(text=text, path=self.filename), self.tree):
            yield diag.start.row, diag.start.column - 1, f"{diag.code} {diag.message}", type(self)
