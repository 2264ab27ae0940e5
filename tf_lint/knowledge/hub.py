"""A checkpoint's files on this machine, read offline: a local folder, or the Hugging Face cache laid
out as huggingface_hub lays it out (``models--ORG--NAME/refs/main`` names the snapshot folder).

Never a network call, never an import of huggingface_hub. Every lookup tells the result cache which
files its answer depends on (``tf_lint.deps``), also when the answer comes from this module's memo
and when a file does not exist (a later download changes the answer).
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Dict, List, Optional, Tuple

from tf_lint import deps

_REPO_ID = re.compile(r"^[\w.-]+(/[\w.-]+)?$")
# Memos, each with the stamps of the files it was computed from (checked on every use):
# (name, base_dir, cache dir, cwd) -> (folder or None, where, noted paths, stamps);
# path -> (data or None, stamps)
_FOLDERS: Dict[Tuple[str, str, str, str], Tuple[Optional[str], str, List[str], list]] = {}
_JSON: Dict[str, Tuple[Optional[Dict[str, Any]], list]] = {}


def hub_cache_dir() -> str:
    """Where huggingface_hub keeps downloaded repositories, by its own precedence of variables."""
    explicit = os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
    if explicit:
        return os.path.expanduser(explicit)
    home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "huggingface")
    return os.path.join(os.path.expanduser(home), "hub")


def is_repo_id(name: str) -> bool:
    return bool(_REPO_ID.match(name))


def checkpoint_folder(name: str, base_dir: Optional[str] = None) -> Tuple[Optional[str], str]:
    """(folder, "local" | "cache") holding ``name``'s files, or (None, "") when there is none here.

    A local folder is looked up relative to ``base_dir`` (the linted file's folder), then the current
    directory; then the snapshot the cache's ``refs/main`` names."""
    key = (name, base_dir or "", hub_cache_dir(), os.getcwd())
    memo = _FOLDERS.get(key)
    if memo is None or not deps.unchanged(memo[3]):  # files appear and change under a long process
        noted: List[str] = []
        folder, where = _find(name, base_dir, noted)
        memo = _FOLDERS[key] = (folder, where, noted, deps.stamp(noted))
    deps.note(*memo[2])
    return memo[0], memo[1]


def _find(name: str, base_dir: Optional[str], noted: List[str]) -> Tuple[Optional[str], str]:
    expanded = os.path.expanduser(name)
    candidates = [expanded] if os.path.isabs(expanded) else [
        os.path.join(d, expanded) for d in (base_dir, os.getcwd()) if d]
    for candidate in candidates:
        noted.append(os.path.join(candidate, "config.json"))
        if os.path.isdir(candidate):
            return candidate, "local"
    if not is_repo_id(name):
        return None, ""
    repo = os.path.join(hub_cache_dir(), "models--" + name.replace("/", "--"))
    refs = os.path.join(repo, "refs", "main")
    noted.append(refs)
    try:
        with open(refs, encoding="utf-8") as f:
            revision = f.read().strip()
    except OSError:
        return None, ""
    folder = os.path.join(repo, "snapshots", revision)
    return (folder, "cache") if revision and os.path.isdir(folder) else (None, "")


_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_REPO_FOLDER_PREFIX = {"model": "models--", "dataset": "datasets--", "space": "spaces--"}


def is_commit_hash(revision: str) -> bool:
    """A full 40-hex commit id: what ``revision=`` must be to pin a Hub repository's files."""
    return bool(_COMMIT.match(revision))


def cached_commit(repo_id: str, revision: str = "main", repo_type: str = "model") -> Optional[str]:
    """The commit the Hugging Face cache holds for ``repo_id`` at ``revision`` (a branch or tag):
    ``refs/<revision>`` of the cache folder, as huggingface_hub writes it after a download. None when
    the cache has no such ref (or the ref is not a commit id)."""
    prefix = _REPO_FOLDER_PREFIX.get(repo_type)
    if prefix is None or not is_repo_id(repo_id) or not revision or ".." in revision.split("/"):
        return None
    refs = os.path.join(hub_cache_dir(), prefix + repo_id.replace("/", "--"), "refs", *revision.split("/"))
    deps.note(refs)
    try:
        with open(refs, encoding="utf-8") as f:
            commit = f.read().strip()
    except (OSError, ValueError):
        return None
    return commit if is_commit_hash(commit) else None


def read_json(folder: str, filename: str) -> Optional[Dict[str, Any]]:
    """A JSON object from a checkpoint folder (``config.json``...), or None."""
    path = os.path.join(folder, filename)
    deps.note(path)
    memo = _JSON.get(path)
    if memo is None or not deps.unchanged(memo[1]):
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError):
            data = None
        memo = _JSON[path] = (data if isinstance(data, dict) else None, deps.stamp([path]))
    return memo[0]


def clear() -> None:
    """Forget what was read (tests that change the files; a new tf-lint process starts empty)."""
    _FOLDERS.clear()
    _JSON.clear()
