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
from lint.report.stream import View
from lint.strings import say

PROGRESS_MIN_FILES = 20
INDEX_MIN_FILES = 8  # files a run must check to use the cache's status index


class CheckError(Exception):
    pass


def run_check(paths: list[Path], options: Options) -> int:
    from lint.linters import Linters

    files = drafts_in(paths, options)
    cache = open_cache(options, index=len(files) >= INDEX_MIN_FILES)
    linters = Linters(options, cache.plans if cache else None)
    if options.diff:
        from lint.fix import print_diffs

        return print_diffs(linters, files, options.lang, options.quiet, options.unsafe_fixes)
    context = _run_context(options, linters) if cache and cache.index else None
    if context is not None:
        replayed = _replay(files, linters, cache, context)
        if replayed is not None:
            cache.save()  # what the plans memo learnt meanwhile (a digest it had to make again)
            sink = _open_sink(options)
            sink.write_utf8(replayed[0])
            _close(sink, options)
            return replayed[1]
    from lint.workers import collector_paused

    with collector_paused():
        return _lint_and_report(files, options, linters, cache, context)


def _lint_and_report(files: list[Path], options: Options, linters, cache, context) -> int:
    from lint.workers import Run

    view = _view(options, linters)
    known = None if options.write_baseline else _known(options.baseline)  # a new baseline records everything
    run = Run(options, view, linters, cache, known, bool(options.write_baseline), pairing_for(files, options, linters))
    recorder = _BaselineRecorder() if options.write_baseline else None
    run_key = _RunKeyOrNone(context)
    writer = _stream(files, run, recorder, run_key, memo=context is not None)
    if cache:
        cache.save()  # the index takes the results as linted, before a baseline filters them
    if recorder:
        return _write_baseline(options.write_baseline, recorder, options)
    tally = writer.tally
    if options.fix and not options.quiet:
        from lint.fix import fix_summary

        click.echo(fix_summary(tally.applied, tally.fixed_files, options.lang), err=True)
    code = 1 if tally.worst >= SEVERITY_RANK[options.fail_on] and not options.exit_zero else 0
    if tally.nothing_read:
        click.echo(say(options.lang, "nothing_checked"), err=True)
    output = writer.output()
    if cache and run_key.usable and output is not None:
        cache.remember_run(run_key.hexdigest(), output, code)
        cache.save()
    return code


def _stream(files: list[Path], run, recorder, run_key, memo: bool):
    """Lint the files and write each one's part of the output as it comes: the Writer."""
    from lint.console import OutputError
    from lint.report.stream import Writer
    from lint.workers import lint_all

    options = run.options
    sink = None if recorder else _open_sink(options)
    outcomes = lint_all(files, run)
    if not options.quiet and len(files) >= PROGRESS_MIN_FILES and sys.stderr.isatty():
        outcomes = _progress(outcomes, len(files))
    try:
        writer = Writer(sink or _Discard(), run.view, memo=memo)
        for outcome in outcomes:
            writer.add(outcome)
            run_key.add(outcome.path, outcome.key)
            if recorder:
                recorder.add(outcome.baseline)
        writer.close()
    except OutputError as exc:
        sink.abort()
        raise CheckError(str(exc)) from None
    except BaseException:
        if sink:
            sink.abort()
        raise
    if sink:
        _close(sink, options)
    return writer


def check_stdin(others: list[Path], name: str | None, options: Options) -> int:
    """`check -`: the draft on standard input, reported (and configured: per-file
    ignores, its format by its suffix) under --stdin-filename. Nothing is cached or fixed."""
    from dataclasses import replace

    from lint.linters import Linters
    from lint.read.source import UnreadableInput
    from lint.report.stream import Writer, outcome_of

    if others:
        raise CheckError("'-' (standard input) cannot be checked with other paths")
    if options.fix or options.diff:
        raise CheckError("--fix and --diff need a file: standard input cannot be written back")
    path = Path(name or "-")
    limit = options.settings.max_bytes
    stdin = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
    data = stdin.read(limit + 1)
    linters = Linters(replace(options, use_cache=False))
    linter = linters.for_path(path)
    if len(data) > limit:
        result = linter.unreadable(str(path), UnreadableInput("too_large"))
    else:
        result = linter.lint_path(path, str(path), data)
    view = _view(options, linters)
    sink = _open_sink(options)
    writer = Writer(sink, view)
    writer.add(outcome_of(result, view))
    writer.close()
    _close(sink, options)
    return 1 if writer.tally.worst >= SEVERITY_RANK[options.fail_on] and not options.exit_zero else 0


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


def drafts_in(paths: list[Path], options: Options, force_exclude: bool | None = None) -> list[Path]:
    """The drafts to check (CheckError naming a directory that cannot be listed)."""
    from lint.read.discover import Unlistable

    try:
        return discover(paths, options.config.selection(options.force_exclude if force_exclude is None
                                                        else force_exclude))
    except Unlistable as exc:
        raise CheckError(str(exc)) from None


def pairing_for(files: list[Path], options: Options, linters):
    """With --previous or --pair: each report's predecessor, and a summary on stderr."""
    if not options.pairing:
        return None
    from lint.pairing import pair_reports

    candidates = drafts_in(list(options.previous), options, False) if options.previous else files
    pairing = pair_reports(files, candidates if not options.pair else [*files, *candidates], linters)
    if not options.quiet:
        from lint.report.text import safe

        click.echo(say(options.lang, "pairing.summary", paired=len(pairing.previous), unpaired=len(pairing.unpaired)),
                   err=True)
        for path, why in pairing.unpaired:
            click.echo(safe(say(options.lang, "pairing.unpaired", path=path, why=say(options.lang, f"pairing.{why}"))),
                       err=True)
    return pairing


def _view(options: Options, linters) -> View:
    # The catalogue is made even when the format does not name the rules: a rule setting
    # that is wrong is then reported (exit 2) though there was no file to lint.
    catalog = tuple(linters.catalog())
    return View(options.fmt, options.lang, options.quiet, _colored(options), options.statistics, catalog,
                options.min_severity, options.config.docs_url)


def _known(baseline: Path | None):
    """The fingerprints a baseline knows (CheckError when it cannot be read)."""
    if baseline is None:
        return None
    from lint.findings.baseline import BaselineError, load_baseline

    try:
        return load_baseline(baseline)
    except BaselineError as exc:
        raise CheckError(str(exc)) from None


class _RunKeyOrNone:
    """The run memo's key as files pass, when the run may be remembered at all."""

    def __init__(self, context: list | None):
        self._key = None
        if context is not None:
            from lint.cache.runs import RunKey  # here: a run that is not remembered needs no json

            self._key = RunKey(context)

    def add(self, name: str, key: str | None) -> None:
        if self._key is not None:
            self._key.add(name, key)

    @property
    def usable(self) -> bool:
        return self._key is not None and self._key.complete

    def hexdigest(self) -> str:
        return self._key.hexdigest()


class _BaselineRecorder:
    def __init__(self):
        self.entries: list[tuple] = []

    def add(self, entries: tuple) -> None:
        self.entries.extend(entries)


class _Discard:
    def write(self, text: str) -> None:
        pass


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
            _colored(options), options.want_sources, baseline, options.min_severity, options.exit_zero,
            options.config.docs_url]


def _replay(files: list[Path], linters, cache, context: list) -> tuple[bytes, int] | None:
    """An earlier run's output and exit code, if every file is unchanged by the index
    (nothing is read or decoded) and the options are the same."""
    from lint.cache.runs import RunKey

    run_key = RunKey(context)
    for path in files:
        key = cache.indexed_key(path, linters.digest(path))
        if key is None:
            return None
        run_key.add(str(path), key)
    return cache.replay(run_key.hexdigest())


def _write_baseline(path: Path, recorder, options: Options) -> int:
    from lint.findings.baseline import BaselineError, write_baseline

    try:
        count = write_baseline(path, recorder.entries)
    except BaselineError as exc:
        raise CheckError(str(exc)) from None
    if not options.quiet:
        click.echo(say(options.lang, "baseline.recorded", count=count, path=path), err=True)
    return 0


def _colored(options: Options) -> bool:
    return options.colored(sys.stdout.isatty())


def _close(sink, options: Options) -> None:
    from lint.console import OutputError

    try:
        sink.close()
    except OutputError as exc:
        sink.abort()
        raise CheckError(str(exc)) from None


def _open_sink(options: Options):
    if options.output is None:
        from lint.console import StreamSink

        return StreamSink(options.fmt)
    from lint.console import FileSink

    try:
        return FileSink(options.output)
    except OSError as exc:
        raise CheckError(f"{options.output}: cannot write the report: {exc.strerror or exc}") from None
