"""``[tool.tf-lint]`` in the nearest ``pyproject.toml``, validated, and the settings it gives.

An unknown key or a bad value is a ``ConfigError`` naming the file, the key and what is allowed (the
CLI turns it into exit status 2). Command-line options override the file.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Optional, Sequence, Tuple

DEFAULT_EXCLUDES: Tuple[str, ...] = (
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints", ".mypy_cache",
    ".nox", ".pants.d", ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox", ".venv", ".vscode",
    "__pypackages__", "__pycache__", "_build", "buck-out", "build", "dist", "node_modules",
    "site-packages", "venv", ".tf_lint_cache",
)

# Markdown and MDX are opt-in: `extend-include = ["*.md", "*.mdx"]` or `--extend-include`. Shell scripts are
# read by default: one without a launch command of a project script yields nothing. A YAML file is read when
# a launch command of its project hands it to a parser as a recipe (tf_lint/discovery.py), or when the
# include patterns name it.
DEFAULT_INCLUDE: Tuple[str, ...] = ("*.py", "*.pyi", "*.ipynb", "*.sh", "*.bash")
RECIPE_SUFFIXES: Tuple[str, ...] = (".yaml", ".yml")

_SELECTOR = re.compile(r"^(ALL|TFL\d{0,3})$")
_VERSION = re.compile(r"^\d+(\.\d+){0,2}$")
_MEMORY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(GiB|GB|G|MiB|MB|M)?\s*$", re.IGNORECASE)


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    select: Tuple[str, ...] = ("TFL",)
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    exclude: Tuple[str, ...] = DEFAULT_EXCLUDES
    extend_exclude: Tuple[str, ...] = ()
    include: Tuple[str, ...] = DEFAULT_INCLUDE
    extend_include: Tuple[str, ...] = ()
    target_transformers_version: Optional[str] = None
    target_source: Optional[str] = None  # where the target version was set ("command line", "pyproject.toml:12")
    declared: Optional[Any] = None  # the project's requirement on transformers (tf_lint.target.Declared)
    target_trl_version: Optional[str] = None
    target_peft_version: Optional[str] = None
    package_sources: Tuple[Tuple[str, str], ...] = ()  # ("trl", "command line"): where a TRL/PEFT target was set
    package_declared: Tuple[Tuple[str, Any], ...] = ()  # ("trl", Declared): the project's requirement on TRL/PEFT
    device_memory_gib: float = 80.0
    # Where the device memory was set ("command line", "pyproject.toml:7 [tool.tf-lint]"); None: the
    # default, and the device the project records is taken instead where there is one (tf_lint.device).
    device_source: Optional[str] = None
    checkpoints: Tuple[Tuple[str, str], ...] = ()
    root: str = field(default_factory=os.getcwd)  # patterns are relative to this directory
    config_path: Optional[str] = None

    @property
    def selected(self) -> Tuple[str, ...]:
        return tuple("TFL" if s == "ALL" else s for s in self.select + self.extend_select)

    @property
    def ignored(self) -> Tuple[str, ...]:
        return tuple("TFL" if s == "ALL" else s for s in self.ignore)

    def is_enabled(self, code: str, path: Optional[str] = None) -> bool:
        from tf_lint.codes import is_selected

        ignored = self.ignored + (self.ignored_for(path) if path else ())
        return is_selected(code, self.selected, ignored)

    def ignored_for(self, path: str) -> Tuple[str, ...]:
        if not self.per_file_ignores:
            return ()
        rel = _relative(path, self.root)
        codes: List[str] = []
        for pattern, pattern_codes in self.per_file_ignores:
            if _spec((pattern,)).match_file(rel):
                codes.extend("TFL" if c == "ALL" else c for c in pattern_codes)
        return tuple(codes)

    def exclude_spec(self):
        return _spec(self.exclude + self.extend_exclude)

    def include_spec(self):
        """Which files a directory walk lints (a file named explicitly is always linted)."""
        return _spec(self.include + self.extend_include)

    def includes(self, path: str) -> bool:
        """Whether the include patterns name ``path`` (relative to the config's root, else by name)."""
        rel = _relative(path, self.root)
        return self.include_spec().match_file(os.path.basename(path) if rel.startswith("..") else rel)


def _relative(path: str, root: str) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive
        return path
    return rel.replace(os.sep, "/")


_SPECS: Dict[Tuple[str, ...], Any] = {}


def _spec(patterns: Tuple[str, ...]):
    spec = _SPECS.get(patterns)
    if spec is None:
        import pathspec

        spec = _SPECS[patterns] = pathspec.GitIgnoreSpec.from_lines(patterns)
    return spec


# --- reading and validating ------------------------------------------------------------------------

def _codes(source: str, key: str, value: Any) -> Tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: '{key}' must be a list of rule codes or prefixes, like [\"TFL1\", \"TFL201\"]")
    return tuple(_selector(source, key, v) for v in value)


def _selector(source: str, key: str, value: str) -> str:
    from tf_lint.codes import known_codes

    code = value.strip().upper()
    if not _SELECTOR.match(code) or not (code == "ALL" or any(c.startswith(code) for c in known_codes())):
        known = ", ".join(known_codes())
        raise ConfigError(f"{source}: '{key}' has unknown rule selector {value!r}; known codes: {known} "
                          "(or a prefix of them, or ALL)")
    return code


def _patterns(source: str, key: str, value: Any) -> Tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: '{key}' must be a list of gitignore-style patterns")
    return tuple(value)


def parse_version(source: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not _VERSION.match(value.strip()):
        raise ConfigError(f"{source}: '{key}' must be a version like \"5.24\" or \"4.57.6\", got {value!r}")
    return value.strip()


def parse_memory(source: str, key: str, value: Any) -> float:
    """GiB as a number, or a string with a unit: "24GiB", "80 GB", "40960MiB"."""
    if isinstance(value, bool):
        value = None
    if isinstance(value, (int, float)) and value > 0:
        return float(value)
    match = _MEMORY.match(value) if isinstance(value, str) else None
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"{source}: '{key}' must be a positive size in GiB, a number or a string such as "
                          f"\"24GiB\" or \"40960MiB\", got {value!r}")
    number, unit = float(match.group(1)), (match.group(2) or "GiB").lower()
    factor = {"gib": 1.0, "g": 1.0, "gb": 1e9 / 2**30, "mib": 1 / 1024, "m": 1 / 1024, "mb": 1e6 / 2**30}[unit]
    return number * factor


def _per_file_ignores(source: str, key: str, value: Any) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: '{key}' must be a table of pattern = [codes], like \"tests/*\" = [\"TFL101\"]")
    return tuple((pattern, _codes(source, f"{key}.{pattern}", codes)) for pattern, codes in value.items())


def _checkpoints(source: str, key: str, value: Any) -> Tuple[Tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f"{source}: '{key}' must be a table of checkpoint = \"model_type\", "
                          "like \"my-org/my-bert\" = \"bert\"")
    return tuple(value.items())


_KEYS = {
    "select": ("select", _codes),
    "ignore": ("ignore", _codes),
    "extend-select": ("extend_select", _codes),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "exclude": ("exclude", _patterns),
    "extend-exclude": ("extend_exclude", _patterns),
    "include": ("include", _patterns),
    "extend-include": ("extend_include", _patterns),
    "target-transformers-version": ("target_transformers_version", parse_version),
    "target-trl-version": ("target_trl_version", parse_version),
    "target-peft-version": ("target_peft_version", parse_version),
    "device-memory": ("device_memory_gib", parse_memory),
    "checkpoints": ("checkpoints", _checkpoints),
}


def settings_from_table(table: Dict[str, Any], source: str, root: str) -> Settings:
    values: Dict[str, Any] = {"root": root, "config_path": source}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{source}: unknown key '{key}' in [tool.tf-lint]; allowed keys: "
                              + ", ".join(sorted(_KEYS)))
        name, parse = _KEYS[key]
        values[name] = parse(source, key, value)
    if "target_transformers_version" in values:
        from tf_lint.target import _line_of

        values["target_source"] = f"{source}:{_line_of(source, 'target-transformers-version')} [tool.tf-lint]"
    if "device_memory_gib" in values:
        from tf_lint.target import _line_of

        values["device_source"] = f"{source}:{_line_of(source, 'device-memory')} [tool.tf-lint]"
    sources = []
    for package in _PACKAGES:
        if f"target_{package}_version" in values:
            from tf_lint.target import _line_of

            sources.append((package, f"{source}:{_line_of(source, f'target-{package}-version')} [tool.tf-lint]"))
    if sources:
        values["package_sources"] = tuple(sources)
    return Settings(**values)


_PACKAGES = ("trl", "peft")  # packages with a target of their own besides transformers


def _read_toml(path: str) -> Dict[str, Any]:
    if sys.version_info >= (3, 11):  # imported here: most runs find no tf-lint table to parse
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _settings_from_data(path: str, data: Dict[str, Any], table: Any) -> Settings:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.tf-lint] must be a table")
    return settings_from_table(table, path, os.path.dirname(os.path.abspath(path)))


def load_config_file(path: str) -> Settings:
    """Read ``path``: a ``pyproject.toml`` (its ``[tool.tf-lint]`` table) or a TOML file of settings."""
    data = _read_toml(path)
    table = data.get("tool", {}).get("tf-lint") if isinstance(data.get("tool"), dict) else None
    if table is None:
        table = {} if os.path.basename(path) == "pyproject.toml" else data
    return _settings_from_data(path, data, table)


def _mentions_table(path: str) -> bool:
    """Cheap test before parsing: most pyproject.toml files have no tf-lint table."""
    try:
        with open(path, "rb") as f:
            return b"tf-lint" in f.read()
    except OSError:
        return False


class ConfigResolver:
    """The settings for each file: from ``--config`` if given, else the nearest ``pyproject.toml`` with a
    ``[tool.tf-lint]`` table above the file, else the defaults; command-line overrides on top."""

    def __init__(self, config_path: Optional[str] = None, overrides: Optional[Dict[str, Any]] = None) -> None:
        self.overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
        self.check_overrides()  # before they are applied to the --config file's settings
        self._by_dir: Dict[str, Settings] = {}
        self._fixed = self._apply(load_config_file(config_path)) if config_path else None
        self._default: Optional[Settings] = None
        self._declared: Dict[Tuple[int, str], Tuple[Settings, Settings]] = {}
        self._declared_in: Dict[Tuple[str, str], object] = {}  # what each folder declares (target.declared_for)

    def _apply(self, settings: Settings) -> Settings:
        overrides = dict(self.overrides)
        if "select" in overrides:
            # As in ruff, a --select on the command line replaces the file's whole selection: its
            # ignore and extend-select no longer apply (per-file-ignores still do).
            overrides.setdefault("ignore", ())
            overrides.setdefault("extend_select", ())
        elif "ignore" in overrides:
            overrides["ignore"] = settings.ignore + tuple(overrides["ignore"])
        if "extend_include" in overrides:
            overrides["extend_include"] = settings.extend_include + tuple(overrides["extend_include"])
        if "extend_select" in overrides and "select" not in overrides:
            overrides["extend_select"] = settings.extend_select + tuple(overrides["extend_select"])
        if "target_transformers_version" in overrides:
            overrides["target_source"] = "command line"
        if "device_memory_gib" in overrides:
            overrides["device_source"] = "command line"
        named = [p for p in _PACKAGES if f"target_{p}_version" in overrides]
        if named:
            overrides["package_sources"] = tuple((p, w) for p, w in settings.package_sources if p not in named) \
                + tuple((p, "command line") for p in named)
        return replace(settings, **overrides)

    def for_path(self, path: str) -> Settings:
        directory = os.path.dirname(os.path.abspath(path)) if not os.path.isdir(path) else os.path.abspath(path)
        settings = self._fixed if self._fixed is not None else self._for_dir(directory)
        # No explicit target: the project's declared requirement on transformers (and TRL, PEFT), if it has one.
        key = (id(settings), directory)
        found = self._declared.get(key)
        if found is None or found[0] is not settings:
            from tf_lint.target import declared_for, declared_packages

            changes: Dict[str, Any] = {}
            if settings.target_transformers_version is None:
                declared = declared_for(directory, cache=self._declared_in)
                if declared:
                    changes["declared"] = declared
            packages = declared_packages(directory, settings, self._declared_in)
            if packages:
                changes["package_declared"] = packages
            found = self._declared[key] = (settings, replace(settings, **changes) if changes else settings)
        return found[1]

    def _for_dir(self, directory: str) -> Settings:
        cached = self._by_dir.get(directory)
        if cached is not None:
            return cached
        candidate = os.path.join(directory, "pyproject.toml")
        settings: Optional[Settings] = None
        if os.path.isfile(candidate) and _mentions_table(candidate):
            data = _read_toml(candidate)
            tool = data.get("tool")
            if isinstance(tool, dict) and "tf-lint" in tool:
                settings = self._apply(_settings_from_data(candidate, data, tool["tf-lint"]))
        if settings is None:
            parent = os.path.dirname(directory)
            if parent == directory:
                if self._default is None:
                    self._default = self._apply(Settings())
                settings = self._default
            else:
                settings = self._for_dir(parent)
        self._by_dir[directory] = settings
        return settings

    def check_overrides(self) -> None:
        """Validate and normalise command-line values (selectors, version, memory), for a clean exit 2.
        Idempotent: the constructor calls it, and so may the CLI."""
        for key in ("select", "ignore", "extend_select"):
            if key in self.overrides:
                self.overrides[key] = tuple(_selector("command line", "--" + key.replace("_", "-"), v)
                                            for v in self.overrides[key])
        for package in ("transformers",) + _PACKAGES:
            key = f"target_{package}_version"
            if key in self.overrides:
                self.overrides[key] = parse_version("command line", f"--target-{package}-version", self.overrides[key])
        if "device_memory_gib" in self.overrides:
            self.overrides["device_memory_gib"] = parse_memory(
                "command line", "--device-memory", self.overrides["device_memory_gib"])


def split_codes(values: Optional[Sequence[str]]) -> Optional[Tuple[str, ...]]:
    """``--select TFL1,TFL201 --select TFL5`` -> ("TFL1", "TFL201", "TFL5")."""
    if values is None:
        return None
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())
