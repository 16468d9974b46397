"""Linting the files of a run, in their order: results the cache holds first (no draft
read), then the others linted here or, when there are enough, by worker processes.
Workers get the run's Options and the rules' digest of each file, so their output is
the same as -j1's."""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path

from lint.linters import Linters
from lint.options import Options

PARALLEL_MIN_FILES = 8  # a worker costs an interpreter start and a rule-pack load (~0.3 s)


def lint_all(files: list[Path], linters: Linters, cache, options: Options):
    """(result, fixes applied) for each file, in order."""
    done = {}
    if cache:
        with _collector_paused():
            for index, path in enumerate(files):
                hit = cache.get(path, linters.digest(path))
                if hit is not None:
                    done[index] = _trimmed(hit, options)
    tasks = [(path, linters.digest(path) if cache else "") for i, path in enumerate(files) if i not in done]
    fresh = _lint_fresh(tasks, linters, cache, options)
    for index, path in enumerate(files):
        if index in done:
            yield done.pop(index), 0
            continue
        result, applied = next(fresh)
        if cache:
            cache.record(path, linters.digest(path), result)
        yield result, applied


MAX_JOBS = 32  # past this, processes cost more than they give (and a pids limit may be near)


def jobs_for(options: Options, files: int) -> int:
    jobs = options.jobs or os.cpu_count() or 1
    return 1 if files < PARALLEL_MIN_FILES else max(1, min(jobs, files, MAX_JOBS, 4 * (os.cpu_count() or 1)))


def _lint_fresh(tasks: list[tuple[Path, str]], linters: Linters, cache, options: Options):
    jobs = jobs_for(options, len(tasks))
    if jobs == 1:
        for path, digest in tasks:
            yield _check_one(linters, cache, options, path, digest)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    linters.pack  # noqa: B018 - a broken rule file is reported here once, not by every worker
    done = 0
    try:
        with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(options, cache is not None)) as pool:
            try:
                for item in pool.map(_worker_task, tasks, chunksize=max(1, len(tasks) // (jobs * 8))):
                    done += 1
                    yield item
            except KeyboardInterrupt:
                # Workers ignore SIGINT and finish the file in hand (a fix is written whole or not at all).
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    except (OSError, BrokenProcessPool):
        # No process could be started (a pids limit, a container): the rest, here.
        for path, digest in tasks[done:]:
            yield _check_one(linters, cache, options, path, digest)


def _check_one(linters: Linters, cache, options: Options, path: Path, digest: str):
    """Lint (or fix) one file; keep only the source lines the text reporter will quote."""
    if options.fix:
        from lint.fix import fix_file

        result, applied = fix_file(linters.for_path(path), path, options.lang, options.unsafe_fixes)
    elif cache:
        result, applied = cache.lint(path, digest, lambda: linters.for_path(path), options.settings.max_bytes), 0
    else:
        result, applied = linters.for_path(path).lint_path(path), 0
    return _trimmed(result, options), applied


def _trimmed(result, options: Options):
    result.lines = result.quoted_lines() if options.want_sources else None
    return result


_WORKER: dict = {}


def _start_worker(options: Options, cached: bool) -> None:
    import signal

    from lint.check import open_cache

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the main process decided whether there is a cache (and said why not): workers follow it
    cache = open_cache(options, index=False) if cached else None
    _WORKER.update(options=options, linters=Linters(options), cache=cache)


def _worker_task(task: tuple[Path, str]):
    return _check_one(_WORKER["linters"], _WORKER["cache"], _WORKER["options"], *task)


@contextmanager
def _collector_paused():
    """Cached results are tens of thousands of small objects without cycles: the cyclic
    garbage collector, run every few hundred allocations, would only walk them in vain
    (a tenth of a warm run). They are frozen out of its reach; refcounts still free them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
