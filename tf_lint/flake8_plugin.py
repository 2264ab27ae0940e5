"""``flake8 --select TFL``: the same engine on the tree flake8 already parsed.

flake8 does its own ``# noqa`` handling and adds 1 to the column we give it, so columns are passed
0-based. Settings (target version, device memory, checkpoints, select/ignore) come from the same
``[tool.tf-lint]`` configuration as the CLI.

Opt-in rules (``default_enabled = False``, such as TFL802) are added to flake8's default ignore list,
as flake8-bugbear does for its B9 group: plain ``flake8`` never shows them. They run when the
``[tool.tf-lint]`` configuration selects them, or when flake8's own ``--select`` /
``--extend-select`` names them more specifically than ``TFL`` (``--extend-select TFL802``).
"""

from __future__ import annotations

import ast
from typing import Iterator, List, Optional, Tuple

from tf_lint import __version__


class TfLintChecker:
    name = "tf-lint"
    version = __version__

    # Opt-in codes that flake8's own options name (``--extend-select TFL802``); set by parse_options.
    flake8_opt_ins: Tuple[str, ...] = ()

    @classmethod
    def add_options(cls, parser) -> None:
        from tf_lint.codes import opt_in_codes

        parser.extend_default_ignore(sorted(opt_in_codes()))

    @classmethod
    def parse_options(cls, options) -> None:
        from tf_lint.codes import WHOLE_SET, opt_in_codes

        named = list(getattr(options, "select", None) or ()) + list(getattr(options, "extend_select", None) or ())
        cls.flake8_opt_ins = tuple(sorted(
            code for code in opt_in_codes()
            if any(len(s) > len(WHOLE_SET) and code.startswith(s.strip().upper()) for s in named)))

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
        if self.flake8_opt_ins:
            import dataclasses

            settings = dataclasses.replace(settings, extend_select=settings.extend_select + self.flake8_opt_ins)
        linter = Linter(settings, apply_noqa=False)
        for diag in linter.check_document(Document(text=text, path=self.filename), self.tree):
            yield diag.start.row, diag.start.column - 1, f"{diag.code} {diag.message}", type(self)
