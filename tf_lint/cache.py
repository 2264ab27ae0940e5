"""The per-file result cache: a re-run over an unchanged tree reads results instead of linting.

An entry is reused only when everything its result depends on is unchanged:
- the file itself: its path, size and modification time (ns), as ruff does;
- the file's settings (every field of its ``Settings``: selection, target version, device memory...);
- the other files its result was computed from (a checkpoint's ``config.json`` in a local folder or
  the Hugging Face cache: see ``tf_lint.deps``), including ones whose absence was noted;
- tf-lint's version (and its source files) and the knowledge it lints with (the target transformers
  version as resolved, installed or bundled): part of each entry's key.
Only check runs use the cache; ``--fix``, ``--diff`` and ``--add-noqa`` always lint.

Layout: ``.tf_lint_cache/`` (or ``--cache-dir``) holds ``CACHEDIR.TAG``, a ``.gitignore`` and one
``results.json``, written atomically at the end of a run (entries of other versions never match
and are replaced as files are linted again).
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Dict, List, Optional

from tf_lint import __version__, deps
from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Position

DEFAULT_DIR = ".tf_lint_cache"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by tf-lint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")


def run_fingerprint(target_version: Optional[str]) -> str:
    """What lint results depend on besides the file and its settings: tf-lint itself (its version, and
    its own source files' sizes and times, so that an editable install being worked on never serves
    stale results) and the knowledge chosen for the target transformers version."""
    from tf_lint.knowledge import store

    parts = [__version__, str(store.FORMAT)]
    package = os.path.dirname(os.path.abspath(__file__))
    for folder, _dirs, names in os.walk(package):
        for name in sorted(names):
            if name.endswith((".py", ".json", ".gz")):
                st = os.stat(os.path.join(folder, name))
                parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    try:
        choice = store.choose(target_version)
    except LookupError:
        parts.append("no-knowledge")
    else:
        parts += [choice.version, choice.origin]
        if choice.root:  # an installed transformers: its location and when it was installed
            st = os.stat(os.path.join(choice.root, "__init__.py"))
            parts.append(f"{os.path.realpath(choice.root)}:{st.st_mtime_ns}")
    return "|".join(parts)


class ResultCache:
    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.path = os.path.join(directory, "results.json")
        self._entries: Optional[Dict[str, Any]] = None
        self._dirty = False
        self._keys: Dict[int, Any] = {}

    def settings_key(self, settings) -> str:
        """One key for the settings and the knowledge they select (memoised per settings object)."""
        cached = self._keys.get(id(settings))
        if cached is None or cached[0] is not settings:
            # Where checkpoints' cached files are looked up is part of what the results depend on.
            hub = "|".join(os.environ.get(v, "") for v in ("HF_HUB_CACHE", "HF_HOME", "HOME"))
            # repr(settings) holds the resolved target: a declared requirement and the releases it allows.
            from tf_lint.knowledge.packages import installed_fingerprint

            text = repr(settings) + "|" + run_fingerprint(settings.target_transformers_version) + "|" + hub \
                + "|" + installed_fingerprint()
            cached = self._keys[id(settings)] = (settings, hashlib.sha256(text.encode()).hexdigest()[:20])
        return cached[1]

    def _load(self) -> Dict[str, Any]:
        if self._entries is None:
            try:
                with open(self.path, encoding="utf-8") as f:
                    data = json.load(f)
                self._entries = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self._entries = {}
        return self._entries

    @staticmethod
    def stamp(path: str, settings_key: str) -> Optional[List[Any]]:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return [st.st_mtime_ns, st.st_size, settings_key]

    def get(self, path: str, settings_key: str) -> Optional[List[Diagnostic]]:
        stamp = self.stamp(path, settings_key)
        entry = self._load().get(os.path.abspath(path))
        if stamp is None or entry is None or entry.get("stamp") != stamp:
            return None
        if not deps.unchanged(entry.get("deps", ())):  # a checkpoint's cached files changed
            return None
        try:
            return [_diagnostic(d, path) for d in entry["diagnostics"]]
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, path: str, settings_key: str, diagnostics: List[Diagnostic], depends_on=()) -> None:
        stamp = self.stamp(path, settings_key)
        if stamp is None:
            return
        self._load()[os.path.abspath(path)] = {"stamp": stamp, "deps": list(depends_on),
                                               "diagnostics": [_record(d) for d in diagnostics]}
        self._dirty = True

    def save(self) -> None:
        if not self._dirty:
            return
        from tf_lint.writer import write_atomic

        try:
            os.makedirs(self.directory, exist_ok=True)
            tag = os.path.join(self.directory, "CACHEDIR.TAG")
            if not os.path.exists(tag):
                with open(tag, "w") as f:
                    f.write(_TAG)
                with open(os.path.join(self.directory, ".gitignore"), "w") as f:
                    f.write("# Automatically created by tf-lint.\n*\n")
            write_atomic(self.path, json.dumps(self._entries, separators=(",", ":")).encode())
        except OSError:
            pass  # a read-only tree: lint without caching


def clean(directory: str) -> bool:
    if os.path.isdir(directory) and os.path.exists(os.path.join(directory, "CACHEDIR.TAG")):
        import shutil

        shutil.rmtree(directory)
        return True
    return False


def _pos(p: Position) -> List[int]:
    return [p.row, p.column]


def _record(d: Diagnostic) -> Dict[str, Any]:
    fix = None
    if d.fix is not None:
        locate = d.locate or (lambda pos: (None, pos))
        fix = {"applicability": d.fix.applicability.value, "message": d.fix.message,
               "edits": [[_pos(locate(e.start)[1]), _pos(locate(e.end)[1]), e.content] for e in d.fix.edits]}
    return {"code": d.code, "message": d.message, "start": _pos(d.start), "end": _pos(d.end), "cell": d.cell,
            "noqa_row": d.noqa_row, "doc_noqa_row": d.doc_noqa_row, "doc_index": d.doc_index,
            "statement_rows": list(d.statement_rows), "source_line": d.source_line, "fix": fix}


def _diagnostic(r: Dict[str, Any], path: str) -> Diagnostic:
    fix = None
    if r["fix"] is not None:
        edits = [Edit(Position(*s), Position(*e), c) for s, e, c in r["fix"]["edits"]]
        fix = Fix(Applicability(r["fix"]["applicability"]), r["fix"]["message"], edits)
    return Diagnostic(r["code"], r["message"], Position(*r["start"]), Position(*r["end"]), fix, path=path,
                      cell=r["cell"], noqa_row=r["noqa_row"], doc_noqa_row=r["doc_noqa_row"],
                      doc_index=r["doc_index"], statement_rows=tuple(r["statement_rows"]),
                      source_line=r["source_line"])
