"""The knowledge of TRL and PEFT, per release, as rules ask for it: the names ``from trl import X`` gives and
the keyword arguments each public class and function accepts (:mod:`tf_lint.knowledge.package_source`).

Where it comes from, as for transformers (:mod:`tf_lint.knowledge.store`): the installed package (found with
``importlib.util.find_spec``, never imported; parsed once and cached per version in the user cache), else a
bundled snapshot (``snapshots/trl-<version>.json.gz`` whole for the newest release of each major version,
``trl-<version>.delta.json.gz`` as a delta against the next newer one: see :mod:`tf_lint.knowledge.delta`).

Which release a file is checked against (:func:`target_releases`): ``--target-trl-version`` /
``--target-peft-version``, a notebook's or page's own install, ``target-trl-version`` /
``target-peft-version`` in ``[tool.tf-lint]``, the project's pins (every bundled minor release a range
allows), the installed package, else the newest bundled release.
"""

from __future__ import annotations

import functools
import os
import re
from typing import Any, Dict, FrozenSet, List, Optional, Set, Tuple

from tf_lint.knowledge import store
from tf_lint.knowledge.package_source import FORMAT, TRANSFORMERS_FIELD_BASES

PACKAGES = ("trl", "peft")
_NAME = re.compile(r"^(trl|peft)-(\d+(?:\.\d+)*)(?:\.delta)?\.json(?:\.gz)?$")


@functools.lru_cache(maxsize=None)  # the bundled files do not change while tf-lint runs
def _bundled(package: str) -> Tuple[str, ...]:
    try:
        names = os.listdir(store.SNAPSHOT_DIR)
    except OSError:
        return ()
    found = {m.group(2) for m in map(_NAME.match, names) if m and m.group(1) == package}
    return tuple(sorted(found, key=store.version_tuple))


def bundled_versions(package: str) -> List[str]:
    """The bundled releases of ``package``, oldest first."""
    return list(_bundled(package))


_LOADED: Dict[Tuple[str, str], Dict[str, Any]] = {}


def load_snapshot(package: str, version: str) -> Dict[str, Any]:
    """A bundled release's data (rebuilt from its delta chain; kept per process). Read-only."""
    cached = _LOADED.get((package, version))
    if cached is not None:
        return cached
    for name in (f"{package}-{version}.json.gz", f"{package}-{version}.delta.json.gz"):
        path = os.path.join(store.SNAPSHOT_DIR, name)
        if os.path.exists(path):
            data = store._read_json(path)
            if ".delta." in name:
                from tf_lint.knowledge.delta import patch

                data = patch(load_snapshot(package, data["base"]), data["patch"])
            _LOADED[(package, version)] = data
            return data
    raise LookupError(f"no bundled knowledge of {package} {version}")


def installed(package: str) -> Optional[store.Installed]:
    """The ``package`` this Python would import, located without importing it, and its version (from the
    ``*.dist-info`` beside it)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    locations = [os.fspath(p) for p in (spec.submodule_search_locations or [])] if spec is not None else []
    root = next((p for p in locations if os.path.isfile(os.path.join(p, "__init__.py"))), None)
    if root is None:
        return None
    version = store.distribution_version(root, package)
    return store.Installed(version, root) if version else None


@functools.lru_cache(maxsize=1)
def installed_fingerprint() -> str:
    """The installed TRL and PEFT (version, location, when installed): what results checked against them
    depend on, for the result cache."""
    parts = []
    for package in PACKAGES:
        have = installed(package)
        if have is not None:
            try:
                stamp = os.stat(os.path.join(have.root, "__init__.py")).st_mtime_ns
            except OSError:
                stamp = 0
            parts.append(f"{package}:{have.version}:{os.path.realpath(have.root)}:{stamp}")
    return "|".join(parts)


def load_installed(package: str, root: str, version: str) -> Dict[str, Any]:
    """Parsed knowledge of the installed ``package`` at ``root``: from the user cache, else parsed now."""
    import hashlib

    stamp = [os.path.realpath(root), version, str(FORMAT)]
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            if name.endswith(".py"):
                try:
                    st = os.stat(os.path.join(dirpath, name))
                except OSError:
                    continue
                stamp.append(f"{os.path.relpath(os.path.join(dirpath, name), root)}:{st.st_mtime_ns}:{st.st_size}")
    key = hashlib.sha1("\n".join(sorted(stamp)).encode()).hexdigest()[:16]
    from tf_lint.knowledge.package_source import parse_distribution

    return store.cached_parse(package, version, key, FORMAT, lambda: parse_distribution(root, package, version))


class PackageKnowledge:
    """One release of TRL or PEFT."""

    def __init__(self, data: Dict[str, Any], origin: str = "snapshot", reason: str = "") -> None:
        self.data = data
        self.package: str = data.get("package", "")
        self.version: str = data.get("version") or "unknown"
        self.origin = origin
        self.reason = reason
        self._exports: Optional[FrozenSet[str]] = None

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"PackageKnowledge({self.package} {self.version}, {self.origin})"

    @property
    def label(self) -> str:
        return f"{self.package} {self.version}"

    @property
    def exports(self) -> FrozenSet[str]:
        if self._exports is None:
            self._exports = frozenset(self.data.get("exports", ()))
        return self._exports

    def has_name(self, name: str) -> bool:
        """Whether ``from trl import name`` / ``trl.name`` works in this release."""
        return name in self.exports or name in self.data.get("modules", ())

    def has_module(self, name: str) -> bool:
        return name in self.data.get("modules", ()) or name in self.exports

    def close_names(self, name: str) -> List[str]:
        import difflib

        return difflib.get_close_matches(name, sorted(self.exports), n=1, cutoff=0.85)

    def signature(self, name: str, method: Optional[str] = None) -> Optional[Dict[str, Any]]:
        """The record of an exported callable (or of its ``from_pretrained``), None when unknown."""
        record = self.data.get("callables", {}).get(name)
        if record is not None and method is not None:
            record = record.get("methods", {}).get(method)
        return record

    def keywords(self, name: str, transformers=None, method: Optional[str] = None) -> Optional[Set[str]]:
        """Every keyword a call of ``name`` accepts, or None when that cannot be known (``**kwargs`` kept, a
        base outside the package, a transformers base whose fields ``transformers`` — the transformers
        knowledge of the same target — does not hold). Kept per release: every keyword of a call asks."""
        key = (name, method, getattr(transformers, "key", None) or getattr(transformers, "version", None))
        cache = self.__dict__.setdefault("_keyword_cache", {})
        if key not in cache:
            cache[key] = self._keywords(name, transformers, method)
        return cache[key]

    def _keywords(self, name: str, transformers, method: Optional[str]) -> Optional[Set[str]]:
        record = self.signature(name, method)
        if record is None or record.get("open"):
            return None
        accepted = set(record.get("params", ()))
        for base in record.get("extends", ()):
            if base not in TRANSFORMERS_FIELD_BASES or transformers is None:
                return None
            fields = transformers.training_argument_fields(base.rsplit(".", 1)[1])
            if not fields:
                return None
            accepted |= {n for n, f in fields.items() if f.get("init", True) is not False}
        return accepted

    def own_keywords(self, name: str) -> Set[str]:
        """The keywords the package itself declares for ``name`` (not those of a transformers base)."""
        record = self.signature(name)
        return set(record.get("params", ())) if record else set()

    def renamed(self, name: str, method: Optional[str] = None) -> Dict[str, str]:
        """Deprecated keyword -> the keyword the release's own source says replaces it."""
        record = self.signature(name, method)
        return dict(record.get("renamed", {})) if record else {}

    def config_of(self, name: str) -> Optional[str]:
        """The config class a trainer's ``args`` takes (``SFTTrainer`` -> ``SFTConfig``)."""
        record = self.signature(name)
        config = record.get("config") if record else None
        return config if config and config in self.exports else None


# --- choosing a release ------------------------------------------------------------------------------

_SNAPSHOTS: Dict[Tuple[str, str], PackageKnowledge] = {}
_BY_TARGET: Dict[Tuple[str, Optional[str]], PackageKnowledge] = {}


def snapshot(package: str, version: str) -> PackageKnowledge:
    cached = _SNAPSHOTS.get((package, version))
    if cached is None:
        cached = _SNAPSHOTS[(package, version)] = PackageKnowledge(load_snapshot(package, version))
    return cached


def choose(package: str, target: Optional[str], check_installed: bool = True) -> store.Choice:
    """The release that answers for ``target`` (None: no target set), as :func:`store.choose` does for
    transformers: the installed one when it matches, else the bundled one of that minor version, else the
    nearest bundled one."""
    have = installed(package) if check_installed else None
    bundled = bundled_versions(package)
    if target is None:
        if have is not None:
            return store.Choice(have.version, "installed", f"the installed {package}", have.root)
        if not bundled:
            raise LookupError(f"no {package} installed and no bundled knowledge")
        return store.Choice(bundled[-1], "snapshot", f"no {package} installed: the newest release tf-lint knows")
    if have is not None and store.version_matches(target, have.version):
        return store.Choice(have.version, "installed", f"the installed {package} matches {target}", have.root)
    exact = [v for v in bundled if store.version_matches(target, v)]
    if exact:
        return store.Choice(exact[-1], "snapshot", f"bundled knowledge of {package} {exact[-1]}")
    if not bundled:
        raise LookupError(f"no knowledge of {package} {target}")
    wanted = store.version_tuple(target) + (0, 0, 0)
    nearest = min(bundled, key=lambda v: (tuple(abs(a - b) for a, b in zip(
        (store.version_tuple(v) + (0, 0, 0))[:3], wanted[:3])), store.version_tuple(v)))
    return store.Choice(nearest, "snapshot", f"no knowledge of {package} {target}: the nearest bundled release, "
                                             f"{nearest}")


def load_knowledge(package: str, target: Optional[str]) -> PackageKnowledge:
    cached = _BY_TARGET.get((package, target))
    if cached is None:
        choice = choose(package, target)
        if choice.origin == "installed":
            data = load_installed(package, choice.root, choice.version)
        else:
            data = snapshot(package, choice.version).data
        cached = _BY_TARGET[(package, target)] = PackageKnowledge(data, choice.origin, choice.reason)
    return cached


def declared(settings: Any, package: str):
    """The requirement on ``package`` the file is checked with (:class:`tf_lint.target.Declared`), if any."""
    for name, found in getattr(settings, "package_declared", ()) or ():
        if name == package:
            return found
    return None


def explicit_target(settings: Any, package: str) -> Optional[str]:
    return getattr(settings, f"target_{package}_version", None) if settings is not None else None


def target_releases(settings: Any, package: str) -> List[PackageKnowledge]:
    """Every release of ``package`` the code must work on, oldest first: an explicit target, else those
    a declared requirement allows, else the installed or newest bundled release."""
    explicit = explicit_target(settings, package)
    if explicit is None:
        found = declared(settings, package)
        if found is not None:
            # A requirement no bundled release satisfies (``peft==0.2.0``, older than the oldest bundled):
            # the release is unknown, and nothing is checked.
            return [snapshot(package, v) for v in found.releases]
    try:
        return [load_knowledge(package, explicit)]
    except LookupError:
        return []


def requirement_note(settings: Any, package: str, release: PackageKnowledge) -> str:
    """``; your notebook installs `trl==0.9.6` (cell 1)``, ``; your requirement `trl>=0.12` (...) allows 0.12.2``."""
    if explicit_target(settings, package) is not None:
        return ""
    found = declared(settings, package)
    if found is None:
        return ""
    if len(found.releases) < 2:
        return f"; {found.said()}" if found.installed_by else ""
    return f"; {found.said()} allows {release.version}"


def first_release(package: str, predicate, after: Optional[str] = None) -> Optional[PackageKnowledge]:
    """The oldest bundled release (newer than ``after``) for which ``predicate`` holds."""
    floor = store.version_tuple(after) if after else ()
    for v in bundled_versions(package):
        if store.version_tuple(v) > floor and predicate(snapshot(package, v)):
            return snapshot(package, v)
    return None


def last_release(package: str, predicate, before: str) -> Optional[PackageKnowledge]:
    """The newest bundled release older than ``before`` for which ``predicate`` holds."""
    ceiling = store.version_tuple(before)
    for v in reversed(bundled_versions(package)):
        if store.version_tuple(v) < ceiling and predicate(snapshot(package, v)):
            return snapshot(package, v)
    return None


def clear_cache() -> None:
    _BY_TARGET.clear()
    _SNAPSHOTS.clear()
    _bundled.cache_clear()


# --- why a name or a keyword is missing from a release -----------------------------------------------

def explain_missing(package: str, name: str, target: PackageKnowledge):
    """Why ``target`` has no top-level ``name`` when another bundled release has it (a
    :class:`tf_lint.knowledge.changes.Change`: "removed" since the first release without it, or
    "added-later"), else None."""
    from tf_lint.knowledge.changes import Change

    if target.has_name(name):
        return None
    had = last_release(package, lambda k: k.has_name(name), before=target.version)
    if had is not None:
        since = _next_release(package, had.version) or target.version
        return Change(name, "removed", since=_minor(since),
                      source=f"tf-lint's bundled knowledge of {package} {had.version} and {since}")
    later = first_release(package, lambda k: k.has_name(name), after=target.version)
    if later is not None:
        return Change(name, "added-later", since=f"after {target.version}",
                      advice=f"it exists in {package} {later.version}",
                      source=f"tf-lint's bundled knowledge of {package} {later.version}")
    return None


class KeywordLoss:
    """Why a release rejects a keyword of one of its callables, and what accepts the value there instead.

    ``removed_in``: the first release without it (None: no older bundled release accepted it);
    ``added_in``: the first newer release that accepts it (when none older did); ``rename``: the keyword
    the last release that accepted it said replaces it (``@deprecate_kwarg``, a deprecated field handed on
    as is), when the target accepts that one; ``moved_to`` / ``moved_as``: the config class whose field
    takes it now (``SFTTrainer(max_seq_length=)`` -> ``SFTConfig(max_length=)``); ``replaced_by``: what the
    last release's help text says to use instead (a different meaning: advice, never a fix)."""

    def __init__(self, removed_in=None, added_in=None, rename=None, moved_to=None, moved_as=None, replaced_by=None,
                 last=None):
        self.removed_in = removed_in
        self.added_in = added_in
        self.rename = rename
        self.moved_to = moved_to
        self.moved_as = moved_as
        self.replaced_by = replaced_by
        self.last = last  # the last release that accepted it


def keyword_loss(package: str, name: str, keyword: str, target: PackageKnowledge, transformers=None,
                 method: Optional[str] = None) -> Optional[KeywordLoss]:
    """None when ``target`` accepts ``keyword`` in a call of ``name`` or cannot say; else why not."""
    accepted = target.keywords(name, transformers, method)
    if accepted is None or keyword in accepted:
        return None

    def accepts(k: PackageKnowledge) -> bool:
        found = k.keywords(name, transformers, method)
        return found is not None and keyword in found

    had = last_release(package, accepts, before=target.version)
    if had is None:
        later = first_release(package, accepts, after=target.version)
        return KeywordLoss(added_in=later.version if later is not None else None)
    loss = KeywordLoss(removed_in=_next_release(package, had.version) or target.version, last=had.version)
    new = _renamed_along(package, name, keyword, had, target, method)
    if new is not None and new in accepted:
        loss.rename = new
    replaced = (had.signature(name, method) or {}).get("replaced", {}).get(keyword)
    if replaced and not loss.rename:
        loss.replaced_by = replaced
    config = target.config_of(name) if method is None else None
    if config is not None and not loss.rename:
        fields = target.keywords(config, transformers)
        if fields is not None:
            if keyword in fields:
                loss.moved_to, loss.moved_as = config, keyword
            else:
                moved = _renamed_along(package, config, keyword, None, target, None)
                if moved is not None and moved in fields:
                    loss.moved_to, loss.moved_as = config, moved
    return loss


def _renamed_along(package: str, name: str, keyword: str, had: Optional[PackageKnowledge],
                   target: PackageKnowledge, method: Optional[str]) -> Optional[str]:
    """The keyword ``keyword`` became, per the newest release before ``target`` that says so."""
    ceiling = store.version_tuple(target.version)
    for v in reversed(bundled_versions(package)):
        if store.version_tuple(v) >= ceiling:
            continue
        new = snapshot(package, v).renamed(name, method).get(keyword)
        if new:
            return new
    return None


def _next_release(package: str, version: str) -> Optional[str]:
    floor = store.version_tuple(version)
    return next((v for v in bundled_versions(package) if store.version_tuple(v) > floor), None)


def _minor(version: str) -> str:
    return ".".join(map(str, store.version_tuple(version)[:2]))


class Fields:
    """The ``TrainingArguments`` fields of several transformers releases together (every release a file
    may run with accepts them in one of them): what a TRL config inherits, for :meth:`PackageKnowledge.keywords`."""

    def __init__(self, releases) -> None:
        self.releases = list(releases)
        self.key = tuple((k.version, k.origin) for k in self.releases)
        self._merged: Dict[str, Dict[str, Dict[str, Any]]] = {}

    def training_argument_fields(self, cls: str = "TrainingArguments") -> Dict[str, Dict[str, Any]]:
        if cls not in self._merged:
            merged: Dict[str, Dict[str, Any]] = {}
            for k in self.releases:
                merged.update(k.training_argument_fields(cls))
            self._merged[cls] = merged
        return self._merged[cls]
