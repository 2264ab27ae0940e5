"""Which transformers releases a file is checked against, and why: first found wins.

1. ``--target-transformers-version``; then what a notebook or page installs itself (:func:`for_source`: its
install cells are nearer than the project's files); 2. ``target-transformers-version`` in ``[tool.tf-lint]``; 3. the
project's declared requirement on transformers, from the nearest project root above the file (the nearest
directory holding one of the files below, whether or not it declares transformers; not crossing a ``.git``
root): lock files with exact versions (``uv.lock``, ``poetry.lock``, ``pdm.lock``, ``Pipfile.lock``),
``pyproject.toml`` (``[project]`` dependencies and optional dependencies, ``[tool.poetry.dependencies]``),
``requirements*.txt`` (following ``-r`` includes), ``setup.cfg``
(``install_requires``) and ``install_requires`` / ``extras_require`` in ``setup.py`` (read with ``ast``, never
run: a literal, or a module-level constant list, string or dict of lists, lists joined with ``+``, and
transformers' own ``deps = {b: a for a, b in (re.findall(PATTERN, x)[0] for x in _deps)}`` table, whose
entries ``deps["torch"]`` are evaluated exactly);
4. the installed transformers (found, never imported); 5. the newest bundled release.

A declared requirement is read with ``packaging`` (PEP 508/440). A requirement with no version
(``transformers``) says nothing and the search goes on. Every bundled minor release that the requirement
allows is checked: code must work on each (``transformers>=4.38,<5`` means 4.38 to 4.57).
"""

from __future__ import annotations

import ast
import dataclasses
import os
import re
import sys
from dataclasses import dataclass
from typing import Iterable, Optional, Tuple

_LOCKS = ("uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock")


@dataclass(frozen=True)
class Declared:
    """A project's requirement on transformers: ``==4.40.2`` / ``>=4.38,<5``, where it was found and which
    bundled releases it allows (oldest first)."""

    specifier: str
    source: str  # "requirements.txt:1"; "cell 1" where the file installs it itself
    releases: Tuple[str, ...]
    installed_by: str = ""  # "notebook", "page": the file's own install command (then ``text`` is its words)
    text: str = ""
    package: str = "transformers"  # or "trl", "peft"

    def describe(self) -> str:
        return self.text or f"{self.package}{self.specifier}"

    def shown(self) -> str:
        """``4.40.2`` for an exact pin (or the newest release, for ``-U``), else the requirement."""
        exact = re.fullmatch(r"===?\s*([\d.]+)", self.specifier)
        if exact:
            return exact.group(1)
        return self.releases[-1] if not self.specifier and self.releases else self.describe()

    def said(self) -> str:
        """Where the requirement comes from, as messages say it: ``your notebook installs
        `transformers==4.56.2` (cell 1)``, ``your requirement `transformers<5,>=4.38` (requirements.txt:1)``."""
        if self.installed_by:
            newest = "the newest " if not self.specifier and "://" not in self.text else ""
            return f"your {self.installed_by} installs {newest}`{self.describe()}` ({self.source})"
        return f"your requirement `{self.describe()}` ({self.source})"


def allowed_releases(specifier: str, package: str = "transformers") -> Tuple[str, ...]:
    """Bundled releases of the minor versions that ``specifier`` allows: a minor counts when any of its
    patch releases up to the bundled one is allowed (``==4.40.1`` is checked as 4.40.2)."""
    from packaging.specifiers import SpecifierSet

    from tf_lint.knowledge import store

    spec = SpecifierSet(specifier)
    found = []
    for version in _bundled(package):
        major, minor, patch = (store.version_tuple(version) + (0, 0, 0))[:3]
        if any(spec.contains(f"{major}.{minor}.{p}", prereleases=True) for p in range(patch + 1)):
            found.append(version)
    return tuple(found)


def _bundled(package: str):
    from tf_lint.knowledge import store

    if package == "transformers":
        return store.bundled_versions()
    from tf_lint.knowledge.packages import bundled_versions

    return bundled_versions(package)


def declared_for(directory: str, package: str = "transformers", cache: Optional[dict] = None) -> Optional[Declared]:
    """The nearest declared, versioned requirement on ``package`` (transformers, trl, peft) at or above
    ``directory``. ``cache``: what each folder declared, by (folder, package), kept by the caller for
    as long as it keeps its settings (a whole tree's files share their parents' answers: without it,
    every folder of transformers' 400 model folders listed and parsed every parent again)."""
    if cache is None:
        read = lambda folder: _declared_in(folder, package)  # noqa: E731
    else:
        def read(folder: str):
            key = (folder, package)
            if key not in cache:
                cache[key] = _declared_in(folder, package)
            return cache[key]
    found = _nearest_root(directory, read)
    return found if isinstance(found, Declared) else None


def _nearest_root(directory: str, read):
    """``read(directory)`` for ``directory`` and each parent in turn, up to the first that answers (a
    project root answers: what it declares, or False), stopping at a ``.git`` root or the file system's."""
    directory = os.path.abspath(directory)
    while True:
        found = read(directory)
        if found is not None:
            return found
        parent = os.path.dirname(directory)
        if parent == directory or os.path.exists(os.path.join(directory, ".git")):
            return None
        directory = parent


def project_root(directory: str) -> str:
    """The project a file belongs to: the nearest folder at or above ``directory`` that holds a project
    file (:func:`_root_files`) or ``.git``; else ``directory`` itself."""
    def root(folder: str) -> Optional[str]:
        names = _listing(folder) or []
        return folder if _root_files(names) or ".git" in names else None

    return _nearest_root(directory, root) or os.path.abspath(directory)


def _listing(directory: str) -> Optional[list]:
    try:
        return sorted(os.listdir(directory))
    except OSError:
        return None


def _root_files(names: list) -> list:
    """The files among ``names`` that make their directory a project root, in the order they are read."""
    candidates = [n for n in _LOCKS if n in names]
    candidates += [n for n in ("pyproject.toml",) if n in names]
    candidates += [n for n in names if re.fullmatch(r"requirements.*\.txt", n)]
    candidates += [n for n in ("setup.cfg", "setup.py") if n in names]
    return candidates


def _declared_in(directory: str, package: str = "transformers"):
    names = _listing(directory)
    if names is None:
        return None
    candidates = _root_files(names)
    if not candidates:
        return None
    for name in candidates:
        path = os.path.join(directory, name)
        for requirement, line, where in _requirements(path, package=package):
            declared = _declared(requirement, f"{where}:{line}", package)
            if declared is not None:
                return declared
    return False  # the nearest project root: it declares no versioned requirement on the package


def _declared(text: str, source: str, package: str = "transformers") -> Optional[Declared]:
    if package not in text.lower():
        return None  # most lines name other packages: no need to parse them
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        requirement = Requirement(text.strip())
    except InvalidRequirement:
        return None
    if requirement.name.lower() != package or not str(requirement.specifier):
        return None
    specifier = str(requirement.specifier)
    return Declared(specifier, source, allowed_releases(specifier, package), package=package)


def _relative(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def _line_of(path: str, needle: str) -> int:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                if needle in line:
                    return number
    except OSError:
        pass
    return 1


def _requirements(path: str, seen: Optional[set] = None,
                  package: str = "transformers") -> Iterable[Tuple[str, int, str]]:
    """(requirement string, line, file) for each requirement the file declares (of the tables that name
    packages as keys, poetry's and lock files', those of ``package``)."""
    name = os.path.basename(path)
    where = _relative(path)
    try:
        if name.endswith(".txt"):
            yield from _requirements_txt(path, seen or set(), package)
        elif name == "pyproject.toml":
            yield from _pyproject(path, where, package)
        elif name == "setup.cfg":
            yield from _setup_cfg(path, where)
        elif name == "setup.py":
            yield from _setup_py(path, where)
        else:
            yield from _lock(path, where, package)
    except (OSError, ValueError, SyntaxError):
        return


def _requirements_txt(path: str, seen: set, package: str = "transformers") -> Iterable[Tuple[str, int, str]]:
    from tf_lint import deps

    deps.note(path)  # a notebook's ``-r`` file: its result is cached only while the file is unchanged
    real = os.path.realpath(path)
    if real in seen:
        return
    seen.add(real)
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    for number, raw in enumerate(lines, 1):
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        include = re.match(r"^(?:-r|--requirement)[=\s]*(\S+)$", line)
        if include:
            yield from _requirements(os.path.join(os.path.dirname(path), include.group(1)), seen, package)
        elif line and not line.startswith("-"):
            yield line, number, _relative(path)


def _toml(path: str):
    if sys.version_info >= (3, 11):  # imported here: most files' projects declare no pyproject
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    with open(path, "rb") as f:
        return tomllib.load(f)


def _pyproject(path: str, where: str, package: str = "transformers") -> Iterable[Tuple[str, int, str]]:
    data = _toml(path)
    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    lists = [project.get("dependencies") or []]
    optional = project.get("optional-dependencies")
    if isinstance(optional, dict):
        lists += list(optional.values())
    for entries in lists:
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, str):
                yield entry, _line_of(path, entry), where
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), dict) else {}
    deps = poetry.get("dependencies")
    if isinstance(deps, dict):
        for key, value in deps.items():
            if key.lower() == package:
                version = value.get("version") if isinstance(value, dict) else value
                if isinstance(version, str):
                    yield f"{package}{_poetry_specifier(version)}", _line_of(path, key), where


def _poetry_specifier(version: str) -> str:
    """Poetry's ``^4.40`` / ``~4.40.1`` / ``4.40.2`` as PEP 440."""
    version = version.strip()
    if version in ("*", ""):
        return ""
    caret = re.fullmatch(r"\^(\d+)(?:\.(\d+))?(?:\.(\d+))?", version)
    if caret:
        parts = [int(p) for p in caret.groups() if p is not None]
        upper = parts[0] + 1 if parts[0] else (f"0.{parts[1] + 1}" if len(parts) > 1 else 1)
        return f">={'.'.join(map(str, parts))},<{upper}"
    tilde = re.fullmatch(r"~(\d+)\.(\d+)(?:\.\d+)?", version)
    if tilde:
        return f">={version[1:]},<{tilde.group(1)}.{int(tilde.group(2)) + 1}"
    if re.fullmatch(r"\d+(\.\d+)*", version):
        return f"=={version}"
    return version


def _setup_cfg(path: str, where: str) -> Iterable[Tuple[str, int, str]]:
    import configparser

    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    for section in ("options",):
        if parser.has_option(section, "install_requires"):
            for entry in parser.get(section, "install_requires").splitlines():
                entry = entry.split("#", 1)[0].strip()
                if entry:
                    yield entry, _line_of(path, entry), where
    if parser.has_section("options.extras_require"):
        for _, value in parser.items("options.extras_require"):
            for entry in value.splitlines():
                entry = entry.split("#", 1)[0].strip()
                if entry:
                    yield entry, _line_of(path, entry), where


def _setup_py(path: str, where: str) -> Iterable[Tuple[str, int, str]]:
    """``install_requires`` / ``extras_require`` of ``setup(...)``, read with ``ast``, never run: a literal,
    or a module-level constant (``REQUIRED_PKGS = [...]``), a string of requirement lines, lists joined
    with ``+``, and a dict of such lists. Each requirement's line is its own string's."""
    with open(path, "rb") as f:
        tree = ast.parse(f.read())
    constants = _module_constants(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("install_requires", "extras_require"):
            value = _setup_value(node.value, constants, set())
            if isinstance(value, dict):
                value = [entry for entries in value.values() if isinstance(entries, list) for entry in entries]
            for text, line in value if isinstance(value, list) else ():
                entry = text.split("#", 1)[0].strip()
                if entry:
                    yield entry, line, where


def _module_constants(tree: ast.Module) -> dict:
    """Names bound once, at module level, by a plain assignment: ``name -> value node``. A name bound
    anywhere else too (again, augmented, a loop or ``with`` target, in a function) is left out: which
    value ``setup`` sees is not known without running the file."""
    values: dict = {}
    counts: dict = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            counts[node.id] = counts.get(node.id, 0) + 1
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            values[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            values[node.target.id] = node.value
    constants = {name: value for name, value in values.items() if counts.get(name) == 1}
    for node in tree.body:  # ``import re``, never rebound: the evaluator may apply its findall
        if isinstance(node, ast.Import) and not counts.get("re"):
            if any(alias.name == "re" and alias.asname is None for alias in node.names):
                constants["re"] = node
    return constants


def _setup_value(node: ast.AST, constants: dict, seen: set):
    """A requirement list as ``[(text, line)]`` (a string counts as a list of its lines), a dict of such
    lists, or None when the value is not a constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        lines = node.value.split("\n")
        exact = node.end_lineno - node.lineno == len(lines) - 1  # written with real line breaks
        return [(line, node.lineno + i if exact else node.lineno) for i, line in enumerate(lines)]
    if isinstance(node, (ast.List, ast.Tuple)):
        found = []
        for element in node.elts:
            value = _setup_value(element, constants, seen)
            if not isinstance(value, list):
                return None
            found.extend(value)
        return found
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _setup_value(node.left, constants, seen), _setup_value(node.right, constants, seen)
        if isinstance(left, list) and isinstance(right, list):
            if _is_text(node.left, constants) and _is_text(node.right, constants) and left and right:
                # "torch\ntrans" + "formers==4.40": one string, its lines rejoined at the seam
                left, right = left[:-1] + [(left[-1][0] + right[0][0], left[-1][1])], right[1:]
            return left + right
        return None
    if isinstance(node, ast.Dict):
        found = {}
        for key, value in zip(node.keys, node.values):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return None
            entries = _setup_value(value, constants, seen)
            if not isinstance(entries, list):
                return None
            found[key.value] = entries
        return found
    if isinstance(node, ast.Name) and node.id in constants and node.id not in seen:
        return _setup_value(constants[node.id], constants, seen | {node.id})
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in constants \
            and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        # transformers' own setup.py idiom, copied by many projects: ``deps = {b: a for a, b in
        # (re.findall(PATTERN, x)[0] for x in _deps)}`` then ``install_requires = [deps["torch"], ...]``.
        try:
            table = _evaluate(constants[node.value.id], constants, {}, seen | {node.value.id})
        except _NotConstant:
            return None
        entry = table.get(node.slice.value) if isinstance(table, dict) else None
        return [(str(entry), entry.line)] if isinstance(entry, _Text) else None
    return None


class _NotConstant(Exception):
    pass


class _Text(str):
    """A string the file wrote, with the line it was written on (kept through ``re.findall``)."""

    line: int

    def __new__(cls, value: str, line: int):
        text = super().__new__(cls, value)
        text.line = line
        return text


_MAX_ITEMS = 2000


def _evaluate(node: ast.AST, constants: dict, env: dict, seen: frozenset):
    """The value of a constant expression built only from literals, module constants, comprehensions,
    subscripts and ``re.findall`` with a literal pattern on short literal strings: evaluated exactly,
    never run. Anything else raises :class:`_NotConstant`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int)) and not isinstance(node.value, bool):
        return _Text(node.value, node.lineno) if isinstance(node.value, str) else node.value
    if isinstance(node, ast.Name):
        if node.id in env:
            return env[node.id]
        if node.id in constants and node.id not in seen and not isinstance(constants[node.id], ast.Import):
            return _evaluate(constants[node.id], constants, {}, seen | {node.id})
        raise _NotConstant
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_evaluate(element, constants, env, seen) for element in node.elts]
    if isinstance(node, ast.Subscript):
        value, key = _evaluate(node.value, constants, env, seen), _evaluate(node.slice, constants, env, seen)
        try:
            return value[key]
        except (IndexError, KeyError, TypeError):
            raise _NotConstant from None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "findall" \
            and isinstance(node.func.value, ast.Name) and isinstance(constants.get("re"), ast.Import) \
            and node.func.value.id == "re" and "re" not in env and len(node.args) == 2 and not node.keywords:
        pattern, subject = (_evaluate(arg, constants, env, seen) for arg in node.args)
        if not (isinstance(pattern, str) and isinstance(subject, _Text) and len(pattern) < 300 and len(subject) < 300):
            raise _NotConstant
        try:
            found = re.findall(pattern, subject)
        except re.error:
            raise _NotConstant from None
        line = subject.line
        return [tuple(_Text(group, line) for group in item) if isinstance(item, tuple) else _Text(item, line)
                for item in found]
    if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.DictComp)):
        results: list = []
        for bound in _bindings(node.generators, constants, env, seen):
            if isinstance(node, ast.DictComp):
                key = _evaluate(node.key, constants, bound, seen)
                if not isinstance(key, (str, int)):
                    raise _NotConstant
                results.append((str(key) if isinstance(key, str) else key,
                                _evaluate(node.value, constants, bound, seen)))
            else:
                results.append(_evaluate(node.elt, constants, bound, seen))
        return dict(results) if isinstance(node, ast.DictComp) else results
    raise _NotConstant


def _bindings(generators, constants: dict, env: dict, seen: frozenset):
    """Each binding of a comprehension's ``for`` clauses (no ``if``: a filter is left unevaluated)."""
    if not generators:
        yield env
        return
    first = generators[0]
    if first.ifs or first.is_async:
        raise _NotConstant
    items = _evaluate(first.iter, constants, env, seen)
    if not isinstance(items, (list, tuple)) or len(items) > _MAX_ITEMS:
        raise _NotConstant
    for item in items:
        bound = dict(env)
        _bind(first.target, item, bound)
        yield from _bindings(generators[1:], constants, bound, seen)


def _bind(target: ast.AST, value, env: dict) -> None:
    if isinstance(target, ast.Name):
        env[target.id] = value
    elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (list, tuple)) \
            and len(value) == len(target.elts) and not any(isinstance(e, ast.Starred) for e in target.elts):
        for element, part in zip(target.elts, value):
            _bind(element, part, env)
    else:
        raise _NotConstant


def _is_text(node: ast.AST, constants: dict) -> bool:
    """Whether a constant expression is a string (not a list)."""
    while isinstance(node, ast.Name) and node.id in constants:
        node = constants[node.id]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_text(node.left, constants)
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _lock(path: str, where: str, package: str = "transformers") -> Iterable[Tuple[str, int, str]]:
    """The locked version of ``package`` (uv, poetry, pdm: ``[[package]]`` tables; Pipfile.lock: JSON)."""
    if path.endswith(".json") or os.path.basename(path) == "Pipfile.lock":
        import json

        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for group in ("default", "develop"):
            entry = (data.get(group) or {}).get(package)
            if isinstance(entry, dict) and isinstance(entry.get("version"), str):
                yield f"{package}{entry['version']}", _line_of(path, f'"{package}"'), where
        return
    data = _toml(path)
    for entry in data.get("package", ()) if isinstance(data.get("package"), list) else ():
        if isinstance(entry, dict) and str(entry.get("name", "")).lower() == package \
                and isinstance(entry.get("version"), str):
            yield f"{package}=={entry['version']}", _line_of(path, f'name = "{package}"'), where


def installed_by_file(installs, directory: str, kind: str, package: str = "transformers") -> Optional[Declared]:
    """The requirement on ``package`` that a file's own install commands declare (a notebook's install
    cells, a page's install blocks; :mod:`tf_lint.installs`), or None. The last command that declares a
    version wins: the code after it runs with what it installed. ``-r FILE`` is read from ``directory``
    (the notebook's folder), with the requirement files' rules."""
    found: Optional[Declared] = None
    for install in installs:
        if install.requirement_file:
            path = os.path.join(directory, install.requirement_file)
            for requirement, line, where in _requirements(path, package=package):
                declared = _declared(requirement, f"{install.where}, {where}:{line}", package)
                if declared is not None:
                    found = dataclasses.replace(declared, installed_by=kind, text=requirement.strip())
            continue
        if install.package != package or not install.declares:
            continue
        if install.newest:
            releases = tuple(_bundled(package)[-1:])
        else:
            releases = allowed_releases(install.specifier, package)
        found = Declared(install.specifier, install.where, releases, kind, install.text, package)
    return found


def for_source(settings, source):
    """``settings`` for one file, with what the file installs itself: a notebook's install cells (or a
    page's install blocks) are nearer than the project's files and win over them and over
    ``target-transformers-version`` (``target-trl-version``, ``target-peft-version``) in the configuration;
    only the command line's ``--target-...-version`` wins over them (the user asked for that release by name).
    The same for transformers, TRL and PEFT, each on its own."""
    if not source.installs:
        return settings
    directory = os.path.dirname(os.path.abspath(source.path))
    changes = {}
    if settings.target_source != "command line":
        declared = installed_by_file(source.installs, directory, source.kind)
        if declared is not None and declared != settings.declared:
            changes.update(target_transformers_version=None, target_source=None, declared=declared)
    package_declared = dict(settings.package_declared)
    installed_here = set()
    for package in ("trl", "peft"):
        if dict(settings.package_sources).get(package) == "command line":
            continue
        declared = installed_by_file(source.installs, directory, source.kind, package)
        if declared is not None and declared != package_declared.get(package):
            package_declared[package] = declared
            installed_here.add(package)
            changes[f"target_{package}_version"] = None
    if installed_here:
        changes["package_declared"] = tuple(sorted(package_declared.items()))
        changes["package_sources"] = tuple((p, w) for p, w in settings.package_sources if p not in installed_here)
    return dataclasses.replace(settings, **changes) if changes else settings


def declared_packages(directory: str, settings, cache: Optional[dict] = None) -> tuple:
    """The project's requirements on TRL and PEFT (those without an explicit target), for the settings."""
    found = []
    for package in ("trl", "peft"):
        if getattr(settings, f"target_{package}_version", None) is None:
            declared = declared_for(directory, package, cache)
            if declared is not None:
                found.append((package, declared))
    return tuple(found)


@dataclass(frozen=True)
class DeclaredPython:
    """The Python a project declares: ``requires-python`` in ``pyproject.toml`` (its oldest allowed
    minor version), else ``.python-version``."""

    minimum: Tuple[int, int]  # (3, 13)
    says: str  # "requires Python >=3.13" (requires-python) / "pins Python 3.13" (.python-version)
    source: str  # "pyproject.toml:4"


def python_for(directory: str) -> Optional[DeclaredPython]:
    """The Python declared by the nearest project root at or above ``directory`` (the same root as the
    transformers requirement's; a ``.python-version`` also makes a root). Every file that could change
    the answer is noted for the result cache."""
    found = _nearest_root(directory, _python_in)
    return found if isinstance(found, DeclaredPython) else None


def _python_in(directory: str):
    from tf_lint import deps

    pyproject, pinned = os.path.join(directory, "pyproject.toml"), os.path.join(directory, ".python-version")
    deps.note(pyproject, pinned)
    names = _listing(directory)
    if names is None:
        return None
    if "pyproject.toml" in names:
        try:
            project = _toml(pyproject).get("project")
        except (OSError, ValueError):
            project = None
        spec = project.get("requires-python") if isinstance(project, dict) else None
        minimum = _oldest_python(spec) if isinstance(spec, str) else None
        if minimum is not None:
            return DeclaredPython(minimum, f"requires Python {spec.strip()}",
                                  f"{_relative(pyproject)}:{_line_of(pyproject, 'requires-python')}")
    if ".python-version" in names:
        try:
            with open(pinned, encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines()
        except OSError:
            lines = []
        for number, line in enumerate(lines, 1):
            line = line.split("#", 1)[0].strip()
            version = re.match(r"^(?:cpython-|pypy|python)?(\d+)\.(\d+)", line)
            if version:
                return DeclaredPython((int(version.group(1)), int(version.group(2))),
                                      f"pins Python {line}", f"{_relative(pinned)}:{number}")
            if line:
                break  # "system", a virtual environment's name: no version
        return False
    return False if _root_files(names) else None


def describe_python(path: str) -> str:
    """The project's Python for ``--show-settings``: ``3.13 (requires Python >=3.13, pyproject.toml:5;
    tf-lint runs on 3.11)``."""
    running = f"tf-lint runs on {sys.version_info[0]}.{sys.version_info[1]}"
    directory = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    declared = python_for(directory)
    if declared is None:
        return f"not declared ({running})"
    return f"{declared.minimum[0]}.{declared.minimum[1]} ({declared.says}, {declared.source}; {running})"


def _oldest_python(specifier: str) -> Optional[Tuple[int, int]]:
    """The oldest Python 3 minor version a ``requires-python`` specifier allows (``>=3.13`` -> (3, 13))."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        spec = SpecifierSet(specifier)
    except InvalidSpecifier:
        return None
    for minor in range(0, 40):
        if any(spec.contains(f"3.{minor}.{patch}", prereleases=True) for patch in range(0, 20)):
            return 3, minor
    return None


def describe(settings, installed_check: bool = True) -> str:
    """The target and its source, as ``--show-settings`` prints it: ``4.40.2 (requirements.txt:1)``."""
    from tf_lint.knowledge import store

    declared = getattr(settings, "declared", None)
    if settings.target_transformers_version is not None:
        choice = store.choose(settings.target_transformers_version)
        return f"{settings.target_transformers_version} ({settings.target_source or 'configuration'}; " \
               f"checked with {choice.version}, {choice.origin})"
    if declared is not None:
        checked = ", ".join(declared.releases) if declared.releases else "no bundled release"
        where = declared.said() if declared.installed_by else declared.source
        return f"{declared.shown()} ({where}; checked with {checked})"
    choice = store.choose(None, check_installed=installed_check)
    where = f"the installed transformers at {choice.root}" if choice.root else choice.reason
    return f"{choice.version} ({where})"


def describe_package(settings, package: str, installed_check: bool = True) -> str:
    """A TRL or PEFT target and its source, as ``--show-settings`` prints it."""
    from tf_lint.knowledge import packages

    explicit = getattr(settings, f"target_{package}_version", None)
    if explicit is not None:
        where = dict(settings.package_sources).get(package, "configuration")
        try:
            choice = packages.choose(package, explicit, check_installed=installed_check)
        except LookupError:
            return f"{explicit} ({where}; no knowledge of {package})"
        return f"{explicit} ({where}; checked with {choice.version}, {choice.origin})"
    declared = packages.declared(settings, package)
    if declared is not None:
        checked = ", ".join(declared.releases) if declared.releases else "no bundled release"
        where = declared.said() if declared.installed_by else declared.source
        return f"{declared.shown()} ({where}; checked with {checked})"
    try:
        choice = packages.choose(package, None, check_installed=installed_check)
    except LookupError:
        return "(no knowledge)"
    where = f"the installed {package} at {choice.root}" if choice.root else choice.reason
    return f"{choice.version} ({where})"
