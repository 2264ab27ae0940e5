"""Reading the fixture tree: which files exist and what each bad file expects."""

import io
import os
import re
import tokenize
from typing import Dict, List, Set, Tuple

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")
_EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>TFL\d{3}(?:\s*,\s*TFL\d{3})*)")


def fixture_files(kind: str) -> List[str]:
    """Paths (relative to fixtures/) of ``bad`` or ``good`` Python fixtures."""
    found = []
    for code in sorted(os.listdir(FIXTURES)):
        folder = os.path.join(FIXTURES, code)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.startswith(kind + "_") and name.endswith(".py") and not name.endswith(".fixed.py"):
                found.append(f"{code}/{name}")
    return found


def expected_findings(text: str) -> Set[Tuple[int, str]]:
    result = set()
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT:
            match = _EXPECT.search(tok.string)
            if match:
                for code in match.group("codes").split(","):
                    result.add((tok.start[0], code.strip()))
    return result


def rule_dirs() -> Dict[str, str]:
    return {name: os.path.join(FIXTURES, name) for name in sorted(os.listdir(FIXTURES))
            if os.path.isdir(os.path.join(FIXTURES, name)) and name.startswith("TFL")}
