"""`reportlint check`, top to bottom: discover the drafts, take results from the cache
or lint them, apply the baseline, report, and give the exit code.

A usage or configuration problem is a CheckError (exit 2, `file:line: what`)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from lint.findings import SEVERITY_RANK
from lint.options import Options
from lint.read.discover import discover
from lint.strings import say

PROGRESS_MIN_FILES = 20
INDEX_MIN_FILES = 8  # files a run must check to use the cache's status index


class CheckError(Exception):
    pass


def run_check(paths: list[Path], options: Options) -> int:
    from lint.linters import Linters
    from lint.workers import lint_all

    files = [p for p in discover(paths) if not options.config.excluded(p)]
    cache = open_cache(options, index=len(files) >= INDEX_MIN_FILES)
    linters = Linters(options, cache.plans if cache else None)
    if options.diff:
        from lint.fix import print_diffs

        return print_diffs(linters, files, options.lang, options.quiet, options.unsafe_fixes)
    context = _run_context(options, linters) if cache and cache.index else None
    if context is not None:
        replayed = _replay(files, linters, cache, context)
        if replayed is not None:
            _emit(replayed[0], options)
            return replayed[1]
    results, sources, fixes = _collect(lint_all(files, linters, cache, options), len(files), options.quiet)
    if cache:
        cache.save()  # the index takes the results as linted, before a baseline filters them
    if options.write_baseline:
        return _write_baseline(options.write_baseline, results, options)
    if options.baseline:
        results = _only_new(results, options.baseline)
    output = _render(results, sources, options, linters)
    _emit(output, options)
    if options.fix and not options.quiet:
        click.echo(fixes.summary(options.lang), err=True)
    code = exit_code(results, options.fail_on)
    if all(any(f.rule == "E001" for f in r.findings) for r in results):
        click.echo(say(options.lang, "nothing_checked"), err=True)
    if cache:
        keys = [(r.path, r.key) for r in results]
        if context is not None and all(key for _, key in keys):
            cache.remember_run(keys, context, output, code)
        cache.save()
    return code


def open_cache(options: Options, index: bool):
    """The result cache, or None: --no-cache, and --fix and --diff (which must read what they write)."""
    if not options.use_cache or options.fix or options.diff:
        return None
    from lint.cache import seal
    from lint.cache.results import ResultCache, cache_directory, prepare, usable

    directory = cache_directory(options.config.root, options.cache_dir)
    if not usable(directory):
        click.echo(say(options.lang, "cache.foreign", directory=directory), err=True)
        return None
    if not seal.available():
        return None  # no private key to seal it with: no result cache
    try:
        prepare(directory)
    except OSError:
        return None  # a read-only tree, a full disk …: lint without a cache
    return ResultCache(directory, index=index, fingerprints=options.needs_fingerprints)


def exit_code(results, fail_on: str) -> int:
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings) else 0


def _collect(items, count: int, quiet: bool):
    from lint.fix import FixTally

    results, sources, tally = [], {}, FixTally()
    if not quiet and count >= PROGRESS_MIN_FILES and sys.stderr.isatty():
        items = _progress(items, count)
    for result, applied in items:
        tally.add(applied)
        if result.lines:
            sources[result.path] = result.lines
        result.lines = None
        results.append(result)
    return results, sources, tally


def _progress(items, count: int):
    with click.progressbar(length=count, label="reportlint", file=sys.stderr, show_pos=True) as bar:
        for item in items:
            yield item
            bar.update(1)


def _run_context(options: Options, linters) -> list | None:
    """What shapes a run's output besides its files' results (None: never replayed)."""
    if options.write_baseline:
        return None
    baseline = None
    if options.baseline:
        import hashlib

        from lint.files import read_regular

        try:
            baseline = hashlib.sha256(read_regular(options.baseline)).hexdigest()
        except OSError:
            return None
    rules = linters.plan_key()
    if rules is None:
        return None
    return [rules, options.fmt, options.lang, options.fail_on, options.quiet, options.statistics,
            _colored(options), options.want_sources, baseline]


def _replay(files: list[Path], linters, cache, context: list) -> tuple[str, int] | None:
    """An earlier run's output and exit code, if every file is unchanged by the index
    (nothing is read or decoded) and the options are the same."""
    keys = []
    for path in files:
        key = cache.indexed_key(path, linters.digest(path))
        if key is None:
            return None
        keys.append((str(path), key))
    return cache.replay(keys, context)


def _only_new(results, baseline: Path):
    from lint.findings.baseline import BaselineError, load_baseline, only_new

    try:
        return only_new(results, load_baseline(baseline))
    except BaselineError as exc:
        raise CheckError(str(exc)) from None


def _write_baseline(path: Path, results, options: Options) -> int:
    from lint.findings.baseline import BaselineError, write_baseline

    try:
        count = write_baseline(path, results)
    except BaselineError as exc:
        raise CheckError(str(exc)) from None
    if not options.quiet:
        click.echo(say(options.lang, "baseline.recorded", count=count, path=path), err=True)
    return 0


def _render(results, sources: dict, options: Options, linters) -> str:
    from lint.report import reporter

    if options.statistics:
        from lint.report.statistics import render as statistics

        return statistics(results, options.lang, {"rules": linters.catalog()})
    return reporter(options.fmt)(results, options.lang, {
        "sources": sources, "quiet": options.quiet, "color": _colored(options), "rules": linters.catalog()})


def _colored(options: Options) -> bool:
    return options.colored(sys.stdout.isatty())


def _emit(output: str, options: Options) -> None:
    target = options.output
    if target is None:
        from lint.console import write

        write(output, options.fmt)
        return
    from lint.console import utf8

    try:
        target.write_bytes(utf8(output))
    except OSError as exc:
        raise CheckError(f"{target}: cannot write the report: {exc.strerror or exc}") from None
