"""Bundled snapshots stored as differences: most releases differ from the next by a few hundred names.

A snapshot is either whole (the newest release of each major version) or a *delta* against the next newer
release of the same major version: ``{"base": "4.41.2", "patch": PATCH}``. A patch mirrors the JSON value it
changes: ``{"=": value}`` replaces it; ``{"+": [...], "-": [...]}`` adds and removes strings of a sorted list of
unique strings (``exports``); ``{"d": {key: PATCH}, "r": [keys]}`` patches a dict's keys and removes others.
:func:`diff` and :func:`patch` are exact inverses (``patch(old, diff(old, new)) == new``); the generator checks
it for every release it writes.
"""

from __future__ import annotations

from typing import Any, Dict, Optional


def _sorted_strings(value: Any) -> bool:
    return (isinstance(value, list) and all(isinstance(x, str) for x in value)
            and all(a < b for a, b in zip(value, value[1:])))


def diff(old: Any, new: Any) -> Optional[Dict[str, Any]]:
    """The patch that turns ``old`` into ``new`` (None when they are equal)."""
    if old == new:
        return None
    if isinstance(old, dict) and isinstance(new, dict):
        changed: Dict[str, Any] = {}
        for key, value in new.items():
            sub = diff(old[key], value) if key in old else {"=": value}
            if sub is not None:
                changed[key] = sub
        removed = sorted(k for k in old if k not in new)
        out: Dict[str, Any] = {}
        if changed:
            out["d"] = changed
        if removed:
            out["r"] = removed
        return out
    if _sorted_strings(old) and _sorted_strings(new):
        before, after = set(old), set(new)
        return {"+": sorted(after - before), "-": sorted(before - after)}
    return {"=": new}


def patch(old: Any, change: Dict[str, Any]) -> Any:
    """``old`` with ``change`` applied. ``old`` is not modified; parts the patch leaves alone are shared."""
    if "=" in change:
        return change["="]
    if "+" in change:
        return sorted((set(old) - set(change["-"])) | set(change["+"]))
    out = dict(old)
    for key in change.get("r", ()):
        del out[key]
    for key, sub in change.get("d", {}).items():
        out[key] = patch(old.get(key), sub)
    return out
