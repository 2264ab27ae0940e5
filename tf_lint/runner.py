"""Lint many files: the result cache first, then the misses in this process or in a process pool.

Results come back in the order the files were given, whatever the pool does.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from tf_lint.config import Settings
from tf_lint.results import FileResult

if TYPE_CHECKING:
    from tf_lint.cache import ResultCache
    from tf_lint.engine import Linter

# Below this many files to lint, starting worker processes costs more than it saves.
POOL_THRESHOLD = 48

_WORKER_LINTERS: Dict[Tuple[Settings, bool, bool], "Linter"] = {}

# Test hook, for the interruption tests only: TF_LINT_TEST_HOLD="PHASE:N:PATH" makes the main process,
# when it reaches PHASE ("lint": N results received from linting; "write": N fixed files written),
# create the file PATH and wait there until a signal's handler raises (SIGINT, SIGTERM). The test waits
# for PATH, then signals: the moment is the phase's, not a guess at the machine's speed. Unset (always,
# outside the tests), ``hold`` returns at once.
_HOLD = os.environ.get("TF_LINT_TEST_HOLD", "").split(":", 2)


def hold(phase: str, done: int) -> None:
    if len(_HOLD) == 3 and _HOLD[0] == phase and _HOLD[1] == str(done):
        import time

        open(_HOLD[2], "w").close()
        while True:  # short sleeps: a signal arriving between two of them is still handled promptly
            time.sleep(0.05)


def _lint_one(task: Tuple[str, Settings, bool, bool]) -> FileResult:
    path, settings, fix, unsafe = task
    key = (settings, fix, unsafe)
    linter = _WORKER_LINTERS.get(key)
    if linter is None:
        from tf_lint.engine import Linter  # only when a file is not served from the cache

        linter = _WORKER_LINTERS[key] = Linter(settings, fix=fix, unsafe_fixes=unsafe)
    return linter.process_file(path)


def _lint_in_worker(task: Tuple[str, Settings, bool, bool]) -> FileResult:
    result = _lint_one(task)
    for diag in result.diagnostics:
        diag.freeze()  # lazy fixes and position mappers do not cross process boundaries
    return result


def _worker_signals() -> None:
    """Workers leave interrupts to the main process: Ctrl-C reaches the whole process group, and the
    main process shuts the pool down; SIGTERM just ends a worker (it writes nothing)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def lint_files(tasks: Sequence[Tuple[str, Settings]], *, fix: bool, unsafe_fixes: bool, jobs: int,
               cache: Optional["ResultCache"],
               progress: Optional[Callable[[int], None]] = None) -> Iterator[FileResult]:
    """Lint ``tasks`` (``progress(done)`` is called as results come in, the cached ones first) and yield
    the results in the order of ``tasks`` once all are in."""
    results: List[Optional[FileResult]] = [None] * len(tasks)
    misses: List[int] = []
    use_cache = cache is not None and not fix
    for i, (path, settings) in enumerate(tasks):
        if use_cache:
            cached = cache.get(path, cache.settings_key(settings))
            if cached is not None:
                results[i] = FileResult(path, diagnostics=cached)
                continue
        misses.append(i)
    served = len(tasks) - len(misses)
    if progress is not None:
        progress(served)

    def record(i: int, result: FileResult) -> None:
        results[i] = result
        if use_cache and result.error is None and not any(d.code == "TFL002" for d in result.diagnostics):
            cache.put(result.path, cache.settings_key(tasks[i][1]), result.diagnostics, result.deps)

    if jobs > 1 and len(misses) >= POOL_THRESHOLD:
        from concurrent.futures import ProcessPoolExecutor

        work = [(tasks[i][0], tasks[i][1], fix, unsafe_fixes) for i in misses]
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_signals)
        try:
            for done, (i, result) in enumerate(zip(misses, pool.map(_lint_in_worker, work, chunksize=8)), 1):
                record(i, result)
                if progress is not None:
                    progress(served + done)
                hold("lint", done)
        except BaseException:
            # Interrupted (SIGINT, SIGTERM) or failed: drop the files not started yet rather than lint
            # them all before exiting; the workers finish their current files and exit.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    else:
        for done, i in enumerate(misses, 1):
            record(i, _lint_one((tasks[i][0], tasks[i][1], fix, unsafe_fixes)))
            if progress is not None:
                progress(served + done)
            hold("lint", done)
    if cache is not None:
        cache.save()
    for result in results:
        assert result is not None
        yield result


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
