"""Which files to lint: walk directories, honour ``.gitignore`` and the configured excludes.

A file named explicitly is always linted. A walk reads the files the include patterns match, and also
each YAML file that a launch command of its project hands to a script's parser as a recipe
(:func:`tf_lint.launches.recipe_launches`): CI workflows, docker-compose files, accelerate and DeepSpeed
configs are never read unless the include patterns name them. Directories are walked without following symlinks to
directories (no loops, nothing outside the tree), skipping virtual environments (a ``pyvenv.cfg``
marks one whatever its name) and the default excludes.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, Iterator, List, Optional, Sequence, Tuple

from tf_lint.config import RECIPE_SUFFIXES, Settings

if TYPE_CHECKING:  # imported when a directory is walked: files named explicitly (pre-commit) never need it
    import pathspec


class _GitIgnores:
    """The ``.gitignore`` files that apply to a directory: its own and its ancestors' up to the repo."""

    def __init__(self) -> None:
        self._cache = {}

    def spec(self, directory: str) -> Optional[pathspec.GitIgnoreSpec]:
        if directory in self._cache:
            return self._cache[directory]
        spec = None
        path = os.path.join(directory, ".gitignore")
        if os.path.isfile(path):
            import pathspec

            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    spec = pathspec.GitIgnoreSpec.from_lines(f.read().splitlines())
            except OSError:
                spec = None
        self._cache[directory] = spec
        return spec

    def chain(self, directory: str) -> List[Tuple[str, pathspec.GitIgnoreSpec]]:
        """(directory, spec) for every .gitignore from the repository root down to ``directory``."""
        chain = []
        current = os.path.abspath(directory)
        while True:
            spec = self.spec(current)
            if spec is not None:
                chain.append((current, spec))
            if os.path.exists(os.path.join(current, ".git")):
                break
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        chain.reverse()
        return chain


def _ignored(path: str, is_dir: bool, chain: Sequence[Tuple[str, pathspec.GitIgnoreSpec]]) -> bool:
    ignored = False
    for base, spec in chain:
        rel = os.path.relpath(path, base).replace(os.sep, "/")
        if rel.startswith(".."):
            continue
        if is_dir:
            rel += "/"
        result = spec.check_file(rel)
        if result.include is not None:
            ignored = result.include
    return ignored


def _identity(path: str) -> Tuple[int, int]:
    """What makes two paths one file (a link and its target, ``a.py`` and ``./a.py``)."""
    try:
        st = os.stat(path)
        return st.st_dev, st.st_ino
    except OSError:
        return -1, hash(os.path.realpath(path))


def discover(paths: Sequence[str], settings_for: Callable[[str], Settings]) -> Iterator[str]:
    """Yield the files to lint under ``paths``, in a stable order, each once."""
    seen = set()
    gitignores = _GitIgnores()
    for root in paths:
        if os.path.isfile(root) or not os.path.isdir(root):
            # Named explicitly (or missing: the engine reports it): always linted. Keyed like walked
            # files, so that `tf-lint a.py .` lints a.py once.
            key = _identity(root)
            if key not in seen:
                seen.add(key)
                yield root
            continue
        for path, key in _walk(root, settings_for, gitignores):
            if key not in seen:
                seen.add(key)
                yield path


def _walk(root: str, settings_for, gitignores: _GitIgnores) -> Iterator[Tuple[str, Tuple[int, int]]]:
    """(path, identity) of each file to lint under ``root``. Paths relative to the config's root are
    computed once per directory: the walk is on the path of every run, cached or not."""
    real_root = os.path.realpath(root)
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
            device = os.stat(directory).st_dev
        except OSError:
            continue
        chain = gitignores.chain(directory)
        settings = settings_for(directory)
        base = os.path.relpath(directory, settings.root).replace(os.sep, "/")
        # Outside the config's root, patterns see base names, as for files named explicitly.
        prefix = "" if base == "." or base.startswith("..") else base + "/"
        include, exclude = settings.include_spec(), settings.exclude_spec()
        subdirs = []
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file()  # a symlink to a file inside the walk is fine
            except OSError:
                continue
            rel = prefix + entry.name
            if is_dir:
                if entry.name == ".git" or exclude.match_file(rel + "/"):
                    continue
                if os.path.exists(os.path.join(entry.path, "pyvenv.cfg")):
                    continue
                if chain and _ignored(entry.path, True, chain):
                    continue
                subdirs.append(entry.path)
            elif is_file and (include.match_file(rel)
                              or (entry.name.endswith(RECIPE_SUFFIXES) and _is_recipe(entry.path))):
                if entry.is_symlink():
                    if not _inside(os.path.realpath(entry.path), real_root):
                        continue  # never follow a link out of the tree we were given
                    key = _identity(entry.path)
                else:
                    key = (device, entry.inode())
                if exclude.match_file(rel) or (chain and _ignored(entry.path, False, chain)):
                    continue
                yield entry.path, key
        stack.extend(reversed(subdirs))


def _is_recipe(path: str) -> bool:
    from tf_lint.launches import recipe_launches

    return bool(recipe_launches(path))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
