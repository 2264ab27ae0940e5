"""The ``tf-lint`` command: ``tf-lint [check] PATHS``, ``tf-lint rules``, ``tf-lint rule CODE``.

Exit status: 0 clean, 1 findings remain (or ``--diff`` would change something), 2 usage, config or
internal errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Dict, List, Optional, Sequence, TextIO

from tf_lint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width: asked itself, it imports shutil (and its
    compression modules) on every start, for each option added, to answer."""

    def __init__(self, prog: str, **kwargs) -> None:
        if kwargs.get("width") is None:
            kwargs["width"] = max(_columns(), 12) - 2
        super().__init__(prog, **kwargs)


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` tells it: $COLUMNS, the terminal, or 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # usage errors exit 2, as argparse does, with our prefix
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"tf-lint: error: {message}\n")


def _check_parser() -> argparse.ArgumentParser:
    from tf_lint.output import FORMATS

    p = _Parser(prog="tf-lint", description="Find and fix Hugging Face Transformers mistakes before run time.",
                epilog="Other commands: `tf-lint rules` lists the rules, `tf-lint rule CODE` explains one.")
    p.add_argument("paths", nargs="*", default=["."], help="files or directories to check (default: .)")
    p.add_argument("--fix", action="store_true", help="apply safe fixes")
    p.add_argument("--unsafe-fixes", action="store_true", help="also apply (and count) unsafe fixes")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    p.add_argument("--add-noqa", action="store_true", help="add `# noqa: CODE` comments to silence current findings")
    p.add_argument("--select", action="append", metavar="CODES", help="codes or prefixes to enable (comma-separated)")
    p.add_argument("--extend-select", action="append", metavar="CODES", help="codes or prefixes to add to the selection")
    p.add_argument("--ignore", action="append", metavar="CODES", help="codes or prefixes to disable")
    p.add_argument("--extend-include", action="append", metavar="PATTERNS",
                   help="more files for directory walks to lint, e.g. '*.md,*.mdx' (comma-separated)")
    p.add_argument("--format", choices=FORMATS, default=None, help="output format (default: text)")
    p.add_argument("--output-format", dest="format", choices=FORMATS, help=argparse.SUPPRESS)
    p.add_argument("--statistics", action="store_true", help="show counts per rule instead of findings")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    p.add_argument("-q", "--quiet", action="store_true", help="print findings only: no code frames, no summary")
    p.add_argument("--config", metavar="PATH", help="use this pyproject.toml or TOML file instead of discovery")
    p.add_argument("--target-transformers-version", metavar="X.Y",
                   help="the transformers version the checked code targets (default: the installed one)")
    p.add_argument("--target-trl-version", metavar="X.Y",
                   help="the TRL version the checked code targets (default: the pin, else the installed one)")
    p.add_argument("--target-peft-version", metavar="X.Y",
                   help="the PEFT version the checked code targets (default: the pin, else the installed one)")
    p.add_argument("--device-memory", metavar="SIZE", help="target GPU memory for the memory rules, e.g. 24GiB")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in text output")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes for large runs (default: the CPUs available)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    p.add_argument("--cache-dir", metavar="DIR", default=None,
                   help="where the result cache lives (default: .tf_lint_cache in the current directory)")
    p.add_argument("--show-settings", action="store_true",
                   help="print the settings each given file is checked with (target transformers, TRL and PEFT "
                        "versions and where they came from, selection, ...) and exit")
    p.add_argument("--version", action="version", version=f"tf-lint {__version__}")
    return p


class Terminated(BaseException):
    """SIGTERM, raised in the main thread like ``KeyboardInterrupt`` for SIGINT, so that a write in
    progress removes its temporary file and the worker processes are shut down."""


def _raise_terminated(signum, frame):
    raise Terminated()


def main(argv: Optional[Sequence[str]] = None) -> int:
    import signal

    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM
        previous = None
    try:
        return _main(argv)
    except Terminated:
        sys.stderr.write("tf-lint: terminated\n")
        return 128 + signal.SIGTERM
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: Optional[Sequence[str]]) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "rules":
            return _list_rules(args[1:], sys.stdout)
        if args and args[0] == "rule":
            return _explain_rule(args[1:], sys.stdout)
        if args and args[0] == "clean":
            return _clean(args[1:], sys.stdout)
        if args and args[0] == "estimate":
            return _estimate(args[1:], sys.stdout, sys.stderr)
        if args and args[0] == "server":
            return _server(args[1:], sys.stderr)
        if args and args[0] == "check":
            args = args[1:]
        return _check(_check_parser().parse_args(args), sys.stdout, sys.stderr)
    except BrokenPipeError:  # `tf-lint ... | head`
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_CLEAN
    except KeyboardInterrupt:
        sys.stderr.write("tf-lint: interrupted\n")
        return 130


def _server(args: Sequence[str], err: TextIO) -> int:
    try:
        from tf_lint.server import main as serve
    except ImportError as exc:  # pygls / lsprotocol are the `server` extra
        err.write(f"tf-lint: error: the language server needs pygls and lsprotocol ({exc}); "
                  "install them with: pip install 'tf-lint[server]'\n")
        return EXIT_ERROR
    return serve(args)


def _list_rules(args: Sequence[str], out: TextIO) -> int:
    from tf_lint.registry import all_rules

    parser = _Parser(prog="tf-lint rules", description="List every rule.")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    opts = parser.parse_args(args)
    rules = all_rules()
    if opts.format == "json":
        import json

        out.write(json.dumps([{"code": r.code, "name": r.name, "summary": r.summary,
                               "fix": r.fix_availability, "url": r.url()} for r in rules], indent=2) + "\n")
        return EXIT_CLEAN
    width = max(len(r.name) for r in rules)
    for rule in rules:
        fix = {"always": "fix", "sometimes": "fix (sometimes)", "none": ""}[rule.fix_availability]
        out.write(f"{rule.code}  {rule.name:<{width}}  {rule.summary}" + (f"  [{fix}]" if fix else "") + "\n")
    return EXIT_CLEAN


def _clean(args: Sequence[str], out: TextIO) -> int:
    from tf_lint.cache import DEFAULT_DIR, clean

    parser = _Parser(prog="tf-lint clean", description="Remove the result cache.")
    parser.add_argument("--cache-dir", default=DEFAULT_DIR)
    opts = parser.parse_args(args)
    removed = clean(opts.cache_dir)
    out.write(f"Removed {opts.cache_dir}\n" if removed else f"No cache at {opts.cache_dir}\n")
    return EXIT_CLEAN


def _estimate(args: Sequence[str], out: TextIO, err: TextIO) -> int:
    """``tf-lint estimate PATHS``: the memory table of every training configuration found."""
    import json

    from tf_lint.analysis import Facts
    from tf_lint.config import ConfigError, ConfigResolver
    from tf_lint.discovery import discover
    from tf_lint.engine import parse
    from tf_lint.device import describe_device, memory_of
    from tf_lint.estimate import CONFIG_NAMES, UNSIZED_NAMES, document_place, explain, render_text, report
    from tf_lint.knowledge import knowledge_for
    from tf_lint.sources import SourceError, read_source

    parser = _Parser(prog="tf-lint estimate",
                     description="Estimate the peak GPU memory of the training and evaluation steps in the code.")
    parser.add_argument("paths", nargs="*", default=["."])
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--device-memory", metavar="SIZE", help="target GPU memory, e.g. 24GiB")
    parser.add_argument("--target-transformers-version", metavar="VERSION",
                        help="the transformers version the code runs with (its default dtype for loaded models)")
    parser.add_argument("--config", metavar="PATH")
    parser.add_argument("--extend-include", metavar="PATTERNS",
                        help="more files to read, as for checking (e.g. '*.md,*.mdx' for the launch lines of pages)")
    parser.add_argument("--unsized", action="store_true",
                        help="also list each training-arguments call and launch left unsized, with the reason")
    opts = parser.parse_args(args)
    try:
        from tf_lint.config import split_codes

        overrides = {"device_memory_gib": opts.device_memory, "extend_include": split_codes(opts.extend_include)}
        if opts.target_transformers_version:
            overrides["target_transformers_version"] = opts.target_transformers_version
        resolver = ConfigResolver(opts.config, overrides)
        resolver.check_overrides()
        files = list(discover(opts.paths, resolver.for_path))
    except ConfigError as exc:
        err.write(f"tf-lint: config error: {exc}\n")
        return EXIT_ERROR
    found: Dict[str, list] = {}
    for path in files:
        settings = resolver.for_path(path)
        device, from_context = memory_of(path, settings)
        device_name = from_context.describe() if from_context is not None else describe_device(settings)
        try:
            with open(path, "rb") as f:
                source = read_source(path, f.read())
        except (OSError, SourceError) as exc:
            err.write(f"tf-lint: error: {path}: {exc}\n")
            continue
        for document in source.documents:
            if document.language in ("shell", "recipe"):  # launch commands and recipes (tf_lint.launch_cases)
                from tf_lint.launch_cases import document_launches, report as launch_report, script_reports

                major = knowledge_for(settings).major
                for launch, launch_case, why in document_launches(document, settings, major):
                    if launch_case is not None:
                        found.setdefault(path, []).append(launch_report(launch_case, device, device_name))
                        continue
                    # A script whose own code builds its training arguments, as this command runs it.
                    reports = script_reports(launch, major, device, device_name)
                    found.setdefault(path, []).extend(reports)
                    if not reports and opts.unsized:
                        found.setdefault(path, []).append({"line": launch.where, "unsized": why or "not sized"})
                continue
            if not any(name in document.text for name in (UNSIZED_NAMES if opts.unsized else CONFIG_NAMES)):
                continue
            tree, error = parse(document)
            if tree is None:
                continue
            major = knowledge_for(settings).major
            cases, unsized = explain(tree, Facts(tree, path), path, major, placeholders=True)
            for case in cases:
                found.setdefault(path, []).append(report(case, device, device_name))
            for call, why in unsized if opts.unsized else ():
                found.setdefault(path, []).append({"line": document_place(document, call), "unsized": why})
    if opts.format == "json":
        out.write(json.dumps(found, indent=2) + "\n")
    elif not found:
        out.write("No training configuration with a known model found.\n")
    else:
        out.write("\n\n".join(render_text(path, reports) for path, reports in found.items()) + "\n")
    return EXIT_CLEAN


def _explain_rule(args: Sequence[str], out: TextIO) -> int:
    from tf_lint.registry import get_rule

    if len(args) != 1:
        sys.stderr.write("usage: tf-lint rule CODE\n")
        return EXIT_ERROR
    rule = get_rule(args[0])
    if rule is None:
        sys.stderr.write(f"tf-lint: error: unknown rule {args[0]!r}; `tf-lint rules` lists them\n")
        return EXIT_ERROR
    fix = {"always": "Fix is always available.", "sometimes": "Fix is sometimes available.",
           "none": "Fix is not available."}[rule.fix_availability]
    out.write(f"# {rule.name} ({rule.code})\n\n{rule.summary}\n\n{fix}\n\n{rule.documentation()}\n")
    return EXIT_CLEAN


def _check(opts: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from tf_lint.config import ConfigError, ConfigResolver, split_codes
    from tf_lint.discovery import discover
    from tf_lint.results import RULE_ERROR, FileResult
    from tf_lint.runner import default_jobs, hold, lint_files
    from tf_lint.noqa import add_noqa
    from tf_lint.output import (summary, write_github, write_json, write_sarif,
                                write_statistics, write_text)
    from tf_lint.output.progress import Progress, wanted as progress_wanted
    from tf_lint.writer import write_atomic

    overrides = {
        "select": split_codes(opts.select),
        "ignore": split_codes(opts.ignore),
        "extend_select": split_codes(opts.extend_select),
        "target_transformers_version": opts.target_transformers_version,
        "target_trl_version": opts.target_trl_version,
        "target_peft_version": opts.target_peft_version,
        "device_memory_gib": opts.device_memory,
        "extend_include": split_codes(opts.extend_include),
    }
    try:
        resolver = ConfigResolver(opts.config, overrides)
        resolver.check_overrides()
        files = list(discover(opts.paths, resolver.for_path))
    except ConfigError as exc:
        err.write(f"tf-lint: config error: {exc}\n")
        return EXIT_ERROR

    if opts.show_settings:
        return _show_settings(files, resolver, out, err)
    fixing = opts.fix or opts.diff
    results: List[FileResult] = []
    errors = 0
    changed_files = written = 0
    tasks = []
    for path in files:
        try:
            settings = resolver.for_path(path)
        except ConfigError as exc:
            err.write(f"tf-lint: config error: {exc}\n")
            return EXIT_ERROR
        if not os.path.exists(path):
            err.write(f"tf-lint: error: {path}: no such file or directory\n")
            errors += 1
            continue
        tasks.append((path, settings))
    cache = None
    if not (opts.no_cache or fixing or opts.add_noqa):
        from tf_lint.cache import DEFAULT_DIR, ResultCache

        cache = ResultCache(opts.cache_dir or DEFAULT_DIR)
    jobs = opts.jobs if opts.jobs and opts.jobs > 0 else default_jobs()
    fmt = opts.format or "text"
    progress = None
    if progress_wanted(err, fmt, opts.quiet, len(tasks)):
        progress = Progress(err, len(tasks))
    try:
        linted = list(lint_files(tasks, fix=fixing, unsafe_fixes=opts.unsafe_fixes, jobs=jobs, cache=cache,
                                 progress=progress and progress.update))
    finally:
        if progress is not None:
            progress.clear()
    for result in linted:
        path = result.path
        results.append(result)
        if result.error:
            err.write(f"tf-lint: error: {result.error}\n")
            errors += 1
        for message in result.messages:
            err.write(f"tf-lint: warning: {message}\n")
        if result.new_content is not None:
            changed_files += 1
            if opts.diff:
                out.writelines(_unified_diff(path, result.original, result.new_content))
            else:
                try:
                    write_atomic(path, result.new_content)
                except OSError as exc:
                    err.write(f"tf-lint: error: {path}: cannot write the fix: {exc}\n")
                    errors += 1
                else:
                    written += 1
                    hold("write", written)

    diagnostics = sorted((d for r in results for d in r.diagnostics), key=lambda d: d.sort_key())
    fixed = 0 if opts.diff else sum(r.fixed for r in results)
    if any(d.code == RULE_ERROR for d in diagnostics):
        errors += 1

    if opts.add_noqa:
        added = _add_noqa(results, add_noqa, write_atomic, err)
        err.write(f"Added {added} noqa directive{'s' if added != 1 else ''}.\n")
        return EXIT_ERROR if errors else EXIT_CLEAN

    def fixable(d) -> bool:
        from tf_lint.diagnostics import Applicability

        return d.fix is not None and (d.fix.applicability is Applicability.SAFE or opts.unsafe_fixes)

    if opts.diff:
        if not opts.quiet:
            n = sum(r.fixed for r in results)
            err.write(f"Would fix {n} error{'s' if n != 1 else ''} in {changed_files} file"
                      f"{'s' if changed_files != 1 else ''}.\n" if n else "No errors would be fixed.\n")
        if errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if changed_files and not opts.exit_zero else EXIT_CLEAN
    if opts.statistics:
        write_statistics(diagnostics, out, fixable)
    elif fmt in ("text", "concise"):
        color = opts.color == "always" or (opts.color == "auto" and out.isatty() and not os.environ.get("NO_COLOR"))
        frames = fmt == "text" and out.isatty() and not opts.quiet
        write_text(diagnostics, out, color=color, frames=frames, fixable=fixable)
        if not opts.quiet:
            for line in summary(diagnostics, fixed, opts.unsafe_fixes):
                out.write(line + "\n")
    elif fmt == "json":
        write_json(diagnostics, out)
    elif fmt == "sarif":
        write_sarif(diagnostics, out)
    elif fmt == "github":
        write_github(diagnostics, out)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if diagnostics and not opts.exit_zero else EXIT_CLEAN


def _show_settings(files, resolver, out: TextIO, err: TextIO) -> int:
    """``--show-settings FILE``: the resolved settings of each file, as ruff's ``--show-settings``."""
    from tf_lint.config import ConfigError
    from tf_lint.device import UNKNOWN_DISTRIBUTED, describe_device, device_for, distributed_for
    from tf_lint.target import describe, describe_package, describe_python

    for path in files:
        try:
            settings = resolver.for_path(path)
        except ConfigError as exc:
            err.write(f"tf-lint: config error: {exc}\n")
            return EXIT_ERROR
        settings = _with_installs(path, settings)
        out.write(f"Settings for {path}:\n")
        out.write(f"  target-transformers-version = {describe(settings)}\n")
        for package in ("trl", "peft"):
            out.write(f"  target-{package}-version = {describe_package(settings, package)}\n")
        out.write(f"  python = {describe_python(path)}\n")
        out.write(f"  config = {settings.config_path or '(defaults)'}\n")
        for name in ("select", "ignore", "extend_select", "per_file_ignores", "include", "extend_include",
                     "extend_exclude", "device_memory_gib", "checkpoints"):
            out.write(f"  {name.replace('_', '-')} = {getattr(settings, name)!r}\n")
        found = device_for(path, settings)
        out.write(f"  device = {found.describe() if found is not None else describe_device(settings)}\n")
        if path.endswith(".py"):
            launched = distributed_for(path)
            if launched is UNKNOWN_DISTRIBUTED:
                out.write("  accelerate = launched by `accelerate launch` with a configuration not read here\n")
            elif launched is not None:
                out.write(f"  accelerate = {launched.describe()}\n")
    return EXIT_CLEAN


def _with_installs(path: str, settings):
    """A notebook's or page's settings with what it installs itself (as the lint uses them)."""
    from tf_lint.sources import SourceError, read_source
    from tf_lint.target import for_source

    if not path.lower().endswith((".ipynb", ".md", ".mdx", ".markdown")):
        return settings
    try:
        with open(path, "rb") as f:
            return for_source(settings, read_source(path, f.read()))
    except (OSError, SourceError):
        return settings


def _add_noqa(results, add_noqa, write_atomic, err) -> int:
    from tf_lint.sources import read_source

    added = 0
    for result in results:
        if not result.diagnostics or result.error:
            continue
        source = read_source(result.path, result.original)
        by_doc: Dict[int, Dict[int, List[str]]] = {}
        for diag in result.diagnostics:
            index = diag.doc_index
            by_doc.setdefault(index, {}).setdefault(diag.doc_noqa_row, []).append(diag.code)
        new_texts = {}
        for index, rows in by_doc.items():
            text, count = add_noqa(source.documents[index].text, rows)
            if count:
                new_texts[index] = text
                added += count
        if new_texts:
            try:
                write_atomic(result.path, source.rebuild(new_texts))
            except OSError as exc:
                err.write(f"tf-lint: error: {result.path}: cannot write: {exc}\n")
    return added


def _unified_diff(path: str, old: bytes, new: bytes) -> List[str]:
    import difflib

    def lines(data: bytes) -> List[str]:
        return data.decode("utf-8", "replace").splitlines(keepends=True)

    diff = list(difflib.unified_diff(lines(old), lines(new), fromfile=_diff_name("a", path), tofile=_diff_name("b", path)))
    return [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in diff]


def _diff_name(side: str, path: str) -> str:
    return path if os.path.isabs(path) else f"{side}/{path}"
