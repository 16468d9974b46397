"""Linting the files of a run, in their order, as a stream of Outcomes: results the
cache's index knows are taken from their entries (no draft read), the others are
linted here or, when there are enough, by worker processes. Each file's part of the
output is rendered where it was linted; at most a few batches of files are in flight,
so memory does not grow with the number of files. Workers get the run's Options, the
View and the rules' digest of each file, so their output is the same as -j1's."""
from __future__ import annotations

import gc
import os
from collections import deque
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from lint.linters import Linters
from lint.options import Options
from lint.record import record
from lint.report.stream import Outcome, View, outcome_of

PARALLEL_MIN_FILES = 8  # a worker costs an interpreter start and a rule-pack load (~0.3 s)
MAX_JOBS = 32  # past this, processes cost more than they give (and a pids limit may be near)
MAX_BATCH = 16  # files a worker takes at once: few enough that their outcomes stay small
IN_FLIGHT = 4  # batches per worker submitted ahead of the one being written


@record
class Run:
    """What linting a file needs besides the file: shared by the main process and workers."""

    options: Options
    view: View
    linters: Linters
    cache: object = None
    known: object = None  # the baseline's fingerprints (a Counter), or None
    record: bool = False  # keep each finding's identity for --write-baseline
    pairing: object = None  # lint.pairing.Pairing: last year's report of each report, or None

    def outcome(self, path: Path, digest: str) -> Outcome:
        """Lint (or fix) one file and render its part of the output."""
        options, linters, cache = self.options, self.linters, self.cache
        if options.fix:
            from lint.fix import fix_file

            result, applied = fix_file(linters.for_path(path), path, options.lang, options.unsafe_fixes)
        elif cache:
            result, applied = cache.lint(path, digest, lambda: linters.for_path(path), options.settings.max_bytes), 0
        else:
            previous = self.pairing.of(path) if self.pairing else None
            result, applied = linters.for_path(path).lint_path(path, previous=previous), 0
        return outcome_of(result, self.view, self.known, self.record, applied)


def lint_all(files: list[Path], run: Run):
    """The Outcome of each file, in order."""
    cache, linters = run.cache, run.linters
    digests = [linters.digest(path) if cache else "" for path in files]
    keys = [cache.indexed_key(path, digest) for path, digest in zip(files, digests)] if cache else [None] * len(files)
    fresh = _lint_fresh([(path, digest) for path, digest, key in zip(files, digests, keys) if key is None], run)
    for path, digest, key in zip(files, digests, keys):
        if key is None:
            outcome = next(fresh)
        else:
            result = cache.entry(key)
            outcome = outcome_of(result, run.view, run.known, run.record) if result else run.outcome(path, digest)
        if cache:
            cache.record(path, digest, outcome.key, outcome.status)
        yield outcome


def jobs_for(options: Options, files: int) -> int:
    jobs = options.jobs or os.cpu_count() or 1
    return 1 if files < PARALLEL_MIN_FILES else max(1, min(jobs, files, MAX_JOBS, 4 * (os.cpu_count() or 1)))


def _lint_fresh(tasks: list[tuple[Path, str]], run: Run):
    jobs = jobs_for(run.options, len(tasks))
    if jobs == 1:
        for task in tasks:
            yield run.outcome(*task)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    run.linters.pack  # noqa: B018 - a broken rule file is reported here once, not by every worker
    size = max(1, min(MAX_BATCH, len(tasks) // (jobs * 8)))
    batches = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    done = 0
    try:
        start = (run.options, run.view, run.cache is not None, run.known, run.record, run.pairing)
        with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=start) as pool:
            try:
                for outcomes in _in_order(pool, batches, jobs * IN_FLIGHT):
                    yield from outcomes
                    done += len(outcomes)
            except KeyboardInterrupt:
                # Workers ignore SIGINT and finish the file in hand (a fix is written whole or not at all).
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    except (OSError, BrokenProcessPool):
        # No process could be started (a pids limit, a container): the rest, here.
        for task in tasks[done:]:
            yield run.outcome(*task)


def _in_order(pool, batches: list, ahead: int):
    """Each batch's outcomes, in order, with at most `ahead` batches submitted and unread."""
    queue = iter(batches)
    pending = deque(pool.submit(_worker_batch, batch) for batch in islice(queue, ahead))
    while pending:
        outcomes = pending.popleft().result()
        following = next(queue, None)
        if following is not None:
            pending.append(pool.submit(_worker_batch, following))
        yield outcomes


_WORKER: dict = {}


def _start_worker(options: Options, view: View, cached: bool, known, record: bool, pairing) -> None:
    import signal

    from lint.check import open_cache

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(os.getppid())
    # the main process decided whether there is a cache (and said why not): workers follow it
    cache = open_cache(options, index=False) if cached else None
    _WORKER["run"] = Run(options, view, Linters(options), cache, known, record, pairing)


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """A worker ends when the main process is gone (SIGKILL, OOM killer): none is left
    behind blocked on a queue nobody will write to."""
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="reportlint-parent-watch", daemon=True).start()


def _worker_batch(batch: list[tuple[Path, str]]) -> list[Outcome]:
    run = _WORKER["run"]
    return [run.outcome(*task) for task in batch]


@contextmanager
def collector_paused():
    """A run makes many small objects without cycles (findings, their dicts): the cyclic
    garbage collector, run every few hundred allocations, would only walk them in vain.
    It is paused for the run; refcounts still free them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
