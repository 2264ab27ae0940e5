"""Where knowledge comes from: the installed transformers (parsed once, cached per version in the user
cache directory) or a snapshot bundled with tf-lint, and which one a run uses.

Version selection, in order:

1. ``--target-transformers-version`` / ``target-transformers-version`` when given: the installed
   transformers if its version matches (``5.24`` matches ``5.24.0``), else the bundled snapshot of
   that version, else the nearest bundled snapshot of the same major version (``5.10`` -> ``5.24.0``),
   else the nearest bundled one at all;
2. else the installed transformers (found with ``importlib.util.find_spec``, never imported);
3. else the newest bundled snapshot.

The cache lives in ``$TF_LINT_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/tf-lint``, else
``~/.cache/tf-lint``; a cache file is keyed by version, parser format and the package's location and
modification times, so an upgrade or an editable checkout that changes is parsed again.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

from tf_lint.knowledge.data_format import FORMAT

SNAPSHOT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "snapshots")
# ``transformers-4.57.6.json.gz`` (whole) or ``transformers-4.40.2.delta.json.gz`` (a delta: see ``delta.py``).
_SNAPSHOT_NAME = re.compile(r"^transformers-(\d+(?:\.\d+)*)(?:\.delta)?\.json(?:\.gz)?$")


@dataclass(frozen=True)
class Installed:
    version: str
    root: str  # the package directory


@dataclass(frozen=True)
class Choice:
    """Which data answers for a requested target version, and why."""

    version: str
    origin: str  # "installed" or "snapshot"
    reason: str
    root: Optional[str] = None  # package directory, for "installed"


def cache_dir() -> str:
    explicit = os.environ.get("TF_LINT_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "tf-lint")


@functools.lru_cache(maxsize=4096)  # asked for the same few versions by every rule and estimate
def version_tuple(version: str) -> Tuple[int, ...]:
    parts = []
    for piece in version.split("."):
        match = re.match(r"\d+", piece)
        if not match:
            break
        parts.append(int(match.group()))
    return tuple(parts)


def version_matches(target: str, version: str) -> bool:
    """``5.24`` matches ``5.24.0`` and ``5.24.3``; ``5`` matches any 5.x."""
    wanted, have = version_tuple(target), version_tuple(version)
    return bool(wanted) and have[: len(wanted)] == wanted


def installed() -> Optional[Installed]:
    """The transformers that this Python would import, located without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("transformers")  # a top-level name: imports nothing
    except (ImportError, ValueError):
        return None
    locations = [os.fspath(p) for p in (spec.submodule_search_locations or [])] if spec is not None else []
    root = next((p for p in locations if os.path.isfile(os.path.join(p, "__init__.py"))), None)
    if root is None:
        return None
    version = distribution_version(root)
    return Installed(version, root) if version else None


def distribution_version(root: str, package: str = "transformers") -> Optional[str]:
    """The installed distribution's version (transformers, trl, peft), from its ``*.dist-info/METADATA``
    beside the package: the file ``importlib.metadata`` reads, read directly because importing
    ``importlib.metadata`` alone costs ~50 ms here (the whole warm-load budget). Falls back to
    ``importlib.metadata`` (an editable install keeps its metadata elsewhere), then to the package's own
    ``__version__`` line."""
    site = os.path.dirname(root)
    try:
        entries = os.listdir(site)
    except OSError:
        entries = []
    for entry in entries:
        if entry.startswith(f"{package}-") and entry.endswith(".dist-info"):
            try:
                with open(os.path.join(site, entry, "METADATA"), encoding="utf-8") as f:
                    for line in f:
                        if line.startswith("Version:"):
                            return line.split(":", 1)[1].strip()
                        if not line.strip():
                            break
            except OSError:
                continue
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version(package)
    except (ImportError, PackageNotFoundError, ValueError):
        from tf_lint.knowledge.source import package_version

        return package_version(root)


def bundled_versions() -> List[str]:
    try:
        names = os.listdir(SNAPSHOT_DIR)
    except OSError:
        return []
    found = [m.group(1) for m in map(_SNAPSHOT_NAME.match, names) if m]
    return sorted(set(found), key=version_tuple)


def choose(target: Optional[str], have: Optional[Installed] = None, bundled: Optional[List[str]] = None,
           check_installed: bool = True) -> Choice:
    if have is None and check_installed:
        have = installed()
    if bundled is None:
        bundled = bundled_versions()
    if target is None:
        if have is not None:
            return Choice(have.version, "installed", "the installed transformers", have.root)
        if not bundled:
            raise LookupError("no transformers installed and no bundled knowledge")
        return Choice(bundled[-1], "snapshot", "no transformers installed: the newest version tf-lint knows")
    if have is not None and version_matches(target, have.version):
        return Choice(have.version, "installed", f"the installed transformers matches {target}", have.root)
    exact = [v for v in bundled if version_matches(target, v)]
    if exact:
        return Choice(exact[-1], "snapshot", f"bundled knowledge of {exact[-1]}")
    if not bundled:
        raise LookupError(f"no knowledge of transformers {target}")
    wanted = version_tuple(target)
    same_major = [v for v in bundled if version_tuple(v)[:1] == wanted[:1]]
    pool = same_major or bundled

    def distance(v: str) -> Tuple[int, ...]:
        have_v = version_tuple(v) + (0, 0, 0)
        want_v = wanted + (0, 0, 0)
        return tuple(abs(a - b) for a, b in zip(have_v[:3], want_v[:3]))

    nearest = min(pool, key=lambda v: (distance(v), version_tuple(v)))
    why = "of the same major version" if same_major else "(no bundled version of that major version)"
    return Choice(nearest, "snapshot", f"no knowledge of {target}: the nearest bundled version {why}, {nearest}")


# --- loading ------------------------------------------------------------------------------------

_LOADED: Dict[str, Dict[str, Any]] = {}


def load_snapshot(version: str) -> Dict[str, Any]:
    """A bundled release's data: read whole, or rebuilt from its delta and the newer release it is based on
    (kept per process: a chain of deltas shares the parts that did not change). Treat it as read-only."""
    cached = _LOADED.get(version)
    if cached is not None:
        return cached
    for name in (f"transformers-{version}.json.gz", f"transformers-{version}.delta.json.gz",
                 f"transformers-{version}.json"):
        path = os.path.join(SNAPSHOT_DIR, name)
        if os.path.exists(path):
            data = _read_json(path)
            if ".delta." in name:
                from tf_lint.knowledge.delta import patch

                data = patch(load_snapshot(data["base"]), data["patch"])
            _LOADED[version] = data
            return data
    raise LookupError(f"no bundled knowledge of transformers {version}")


def _read_json(path: str) -> Dict[str, Any]:
    if path.endswith(".gz"):
        import gzip

        with gzip.open(path, "rb") as f:
            return json.loads(f.read())
    with open(path, "rb") as f:
        return json.loads(f.read())


def _cache_key(root: str, version: str) -> str:
    stamp = [os.path.realpath(root), version, str(FORMAT)]
    for relative in ("__init__.py", os.path.join("models", "auto"), os.path.join("models", "auto", "modeling_auto.py"),
                     os.path.join("pipelines", "__init__.py"), "training_args.py"):
        try:
            st = os.stat(os.path.join(root, relative))
            stamp.append(f"{relative}:{st.st_mtime_ns}:{st.st_size}")
        except OSError:
            stamp.append(f"{relative}:-")
    import hashlib  # only for an installed transformers: the bundled snapshots need no key

    return hashlib.sha1("\n".join(stamp).encode()).hexdigest()[:16]


def load_installed(root: str, version: str) -> Dict[str, Any]:
    """Parsed knowledge of the transformers package at ``root``: from the cache, else parsed now and cached."""
    from tf_lint.knowledge.source import parse_package

    return cached_parse("transformers", version, _cache_key(root, version), FORMAT, lambda: parse_package(root))


def cached_parse(package: str, version: str, key: str, data_format: int,
                 parse: Callable[[], Dict[str, Any]]) -> Dict[str, Any]:
    """The knowledge of an installed ``package`` release stored in the user cache under ``key`` (what its
    files were when parsed) in ``data_format``; else ``parse()`` now, stored for the next run."""
    safe = re.sub(r"[^0-9A-Za-z.+-]", "_", version)
    path = os.path.join(cache_dir(), "knowledge", f"{package}-{safe}-{key}.json")
    try:
        with open(path, "rb") as f:
            data = json.loads(f.read())
        if data.get("format") == data_format:
            return data
    except (OSError, ValueError):
        pass
    data = parse()
    _write_atomically(path, json.dumps(data, separators=(",", ":"), sort_keys=True).encode())
    return data


def _write_atomically(path: str, payload: bytes) -> None:
    import tempfile

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        pass  # a read-only cache only costs a re-parse next time
