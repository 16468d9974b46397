"""`reportlint check`: settings from config and options, files, lint or fix, report.

The CLI parses options; this module decides what they mean together. A usage or
configuration problem is a CheckError (exit 2, `file:line: what` where there is one).
"""
from __future__ import annotations

import gc
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from lint.findings import SEVERITY_RANK

PROGRESS_MIN_FILES = 20
PARALLEL_MIN_FILES = 8
INDEX_MIN_FILES = 8  # files a run must check to use the cache's index of file status


class CheckError(Exception):
    pass


@dataclass
class Plan:
    """Everything the run needs, resolved from the config file and the options. The
    rule pack is loaded when first needed: a run answered from the cache never is."""

    config: object
    rule_paths: list[Path]
    lang: str
    fail_on: str
    settings: dict
    select: list[str]
    ignore: list[str]
    _pack: object = None
    _pack_digest: str | None = None

    @property
    def pack(self):
        if self._pack is None:
            from lint.config import ConfigError, apply_rule_settings
            from lint.pack.load import PackError, load_pack_cached

            try:
                pack = load_pack_cached(self.rule_paths)
                apply_rule_settings(pack, self.config)
            except (ConfigError, PackError) as exc:
                raise CheckError(str(exc)) from None
            self._pack = pack
        return self._pack

    @property
    def max_bytes(self) -> int:
        from lint.read.source import DEFAULT_MAX_BYTES

        return self.settings.get("max_bytes") or DEFAULT_MAX_BYTES

    def rules_key(self, ignored: tuple = ()) -> str | None:
        """A key for the rules a file with these per-file ignores is linted with, made
        without loading them (None when a rule file cannot be read)."""
        import hashlib

        if self._pack_digest is None:
            from lint.pack.files import pack_digest

            try:
                self._pack_digest = pack_digest(self.rule_paths)
            except OSError:
                self._pack_digest = ""
        if not self._pack_digest:
            return None
        parts = [self._pack_digest, os.getcwd(), str(self.config.path), repr(self.config.rule_settings), self.lang,
                 sorted((k, repr(v)) for k, v in self.settings.items()), self.select, self.ignore + list(ignored)]
        return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def make_plan(options: dict) -> Plan:
    from lint.config import Config, ConfigError, find_config, load_config
    from lint.findings import split_codes
    from lint.pack.files import default_rules_dir

    try:
        config_path = options.get("config_path") or (None if options.get("isolated") else find_config())
        config = load_config(config_path) if config_path else Config()
    except ConfigError as exc:
        raise CheckError(str(exc)) from None
    encoding = options.get("encoding") or config.encoding
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise CheckError(f"unknown encoding '{encoding}'") from None
    settings = {"reporter": options.get("reporter") or config.reporter or "department", "encoding": encoding}
    if config.max_bytes:
        settings["max_bytes"] = config.max_bytes
    if config.rule_timeout:
        settings["rule_timeout"] = config.rule_timeout
    rule_paths = [default_rules_dir(), *config.rules, *(Path(p) for p in options.get("rule_paths") or ())]
    return Plan(config, rule_paths, options.get("lang") or config.lang or "zh",
                options.get("fail_on") or config.fail_on or "error", settings,
                split_codes(options.get("select") or ()) or config.select,
                config.ignore + split_codes(options.get("ignore") or ()))


class Linters:
    """One Linter per set of per-file ignores, so ignored rules neither report nor fix;
    results through the cache when there is one."""

    def __init__(self, plan: Plan, cache=None):
        self.plan = plan
        self.cache = cache
        self._made: dict[tuple, object] = {}
        self._digests: dict[tuple, str] = {}
        self._max_bytes = plan.max_bytes

    def lint(self, path: Path):
        if self.cache is None:
            return self.for_path(path).lint_path(path)
        return self.cache.lint(self.for_path(path), path, self.rules_digest(path))

    def cached(self, path: Path, lines: bool):
        """The cached result (with its quoted lines if `lines`), or None."""
        return self.cache.lookup(path, self.rules_digest(path), self._max_bytes, lines=lines)

    def for_path(self, path: Path):
        return self._linter(self._ignored(path))

    def rules_digest(self, path: Path) -> str:
        """The digest of the rules the file is linted with: remembered by the cache, or
        computed from the loaded rules (and then remembered)."""
        from lint.cache.results import linter_digest

        ignored = self._ignored(path)
        digest = self._digests.get(ignored)
        if digest is None:
            key = self.plan.rules_key(ignored)
            digest = self.cache.rules_digest(key) if key else None
            if digest is None:
                digest, data = linter_digest(self._linter(ignored))
                if key:
                    self.cache.remember_rules(key, digest, data)
            self._digests[ignored] = digest
        return digest

    def _ignored(self, path: Path) -> tuple:
        if not self.plan.config.per_file_ignores:
            return ()
        return tuple(self.plan.config.ignored_for(str(path)))

    def _linter(self, ignored: tuple):
        if ignored not in self._made:
            from lint.engine import Linter, select_rules

            rules = select_rules(self.plan.pack, self.plan.select, self.plan.ignore + list(ignored))
            self._made[ignored] = Linter(self.plan.pack, rules, self.plan.settings, self.plan.lang)
        return self._made[ignored]


class FixTally:
    def __init__(self):
        self.fixes = 0
        self.files = 0

    def add(self, applied: int) -> None:
        if applied:
            self.fixes += applied
            self.files += 1

    def summary(self, lang: str, done: bool = True) -> str:
        if lang == "en":
            return f"{'fixed' if done else 'would fix'} {self.fixes} finding(s) in {self.files} file(s)"
        return f"{'已修复' if done else '可修复'} {self.fixes} 处问题（{self.files} 个文件）"


def run_check(paths: list[Path], options: dict) -> int:
    from lint.read.discover import discover

    plan = make_plan(options)
    files = [p for p in discover(paths) if not plan.config.excluded(p)]
    quiet = options.get("quiet")
    if options.get("diff"):
        return _print_diffs(Linters(plan), files, plan.lang, quiet)
    fmt = options.get("fmt") or "text"
    want_sources = fmt == "text" and not quiet and not options.get("statistics")
    results, sources, tally = [], {}, FixTally()
    cache = open_cache(plan, options, len(files))
    linters = Linters(plan, cache)
    run = _run_context(plan, options, fmt, want_sources) if cache and cache.index else None
    if run is not None:
        replayed = _replay(files, linters, run)
        if replayed is not None:
            _emit(replayed[0], options.get("output"))
            return replayed[1]
    for result, applied in _progress(_lint_all(files, linters, options, want_sources), len(files), quiet):
        tally.add(applied)
        if result.lines:
            sources[result.path] = result.lines
        result.lines = None
        results.append(result)
    if cache:
        cache.save()  # the index takes the results as linted, before a baseline filters them
    if options.get("write_baseline"):
        return _write_baseline(options["write_baseline"], results, plan.lang, quiet)
    if options.get("baseline"):
        from lint.findings.baseline import BaselineError, load_baseline, only_new

        try:
            results = only_new(results, load_baseline(options["baseline"]))
        except BaselineError as exc:
            raise CheckError(str(exc)) from None
    keys = [(r.path, r.key) for r in results]
    output = _render(results, fmt, plan, options, sources, cache)
    _emit(output, options.get("output"))
    if options.get("fix") and not quiet:
        click.echo(tally.summary(plan.lang), err=True)
    threshold = SEVERITY_RANK[plan.fail_on]
    code = 1 if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings) else 0
    if cache:
        if run is not None and all(key for _, key in keys):
            cache.remember_run(_run_key(run, keys), output, code)
        cache.save()
    return code


def _run_context(plan: Plan, options: dict, fmt: str, want_sources: bool) -> list | None:
    """What shapes a run's output besides its files' results (None: never replayed)."""
    if options.get("write_baseline"):
        return None
    baseline = None
    if options.get("baseline"):
        import hashlib

        try:
            baseline = hashlib.sha256(Path(options["baseline"]).read_bytes()).hexdigest()
        except OSError:
            return None
    rules = plan.rules_key()
    if rules is None:
        return None
    return [rules, fmt, plan.lang, plan.fail_on, bool(options.get("quiet")), bool(options.get("statistics")),
            _color(fmt, options), want_sources, baseline]


def _run_key(context: list, keys: list[tuple[str, str]]) -> str:
    import hashlib

    digest = hashlib.sha256(repr(context).encode("utf-8", "surrogatepass"))
    for name, key in keys:
        digest.update(f"{name}\0{key}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _replay(files: list[Path], linters: Linters, context: list) -> tuple[str, int] | None:
    """The output and exit code of an earlier run over the same files, every one
    unchanged by the index (nothing is read or decoded), with the same options."""
    keys = []
    for path in files:
        key = linters.cache.indexed_key(path, linters.rules_digest(path))
        if key is None:
            return None
        keys.append((str(path), key))
    return linters.cache.run_output(_run_key(context, keys))


def open_cache(plan: Plan, options: dict, files: int):
    """The result cache, or None: --no-cache, and --fix (which must read what it writes).
    Its index of file status is worth loading for many files, not for a few."""
    if options.get("no_cache") or options.get("fix") or options.get("diff"):
        return None
    from lint.cache.results import ResultCache, cache_directory

    return ResultCache(cache_directory(plan.config.root, options.get("cache_dir")), index=files >= INDEX_MIN_FILES)


def _check_one(linters: Linters, path: Path, options: dict, lang: str, want_sources: bool):
    """Lint (or fix) one file; keep only the source lines the text reporter will quote."""
    if options.get("fix"):
        result, applied = _fix(linters.for_path(path), path, lang)
    else:
        result, applied = linters.lint(path), 0
    return _trimmed(result, want_sources), applied


def _trimmed(result, want_sources: bool):
    result.lines = result.quoted_lines() if want_sources else None
    return result


def jobs_for(options: dict, files: int) -> int:
    jobs = options.get("jobs") or os.cpu_count() or 1
    # A worker costs an interpreter start and a rule-pack load (~0.3 s): not worth it for a few files.
    return 1 if files < PARALLEL_MIN_FILES else max(1, min(jobs, files))


def _lint_all(files: list[Path], linters: Linters, options: dict, want_sources: bool):
    """Results in the order of `files`: cached ones first looked up here, the others
    linted here or by worker processes when there are enough of them."""
    plan, cache = linters.plan, linters.cache
    done = {}
    if cache:
        with _collector_paused():
            for index, path in enumerate(files):
                hit = linters.cached(path, want_sources)
                if hit is not None:
                    done[index] = (_trimmed(hit, want_sources), 0)
    fresh = _lint_fresh([p for i, p in enumerate(files) if i not in done], linters, plan, options, want_sources)
    for index in range(len(files)):
        if index in done:
            yield done.pop(index)
            continue
        result, applied = next(fresh)
        if cache:
            cache.record(result)
        yield result, applied


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


def _lint_fresh(files: list[Path], linters: Linters, plan: Plan, options: dict, want_sources: bool):
    jobs = jobs_for(options, len(files))
    if jobs == 1:
        for path in files:
            yield _check_one(linters, path, options, plan.lang, want_sources)
        return
    from concurrent.futures import ProcessPoolExecutor

    plan.pack  # noqa: B018 - a broken rule file is reported here once, not by every worker
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(options, want_sources)) as pool:
        try:
            yield from pool.map(_worker_task, files, chunksize=max(1, len(files) // (jobs * 8)))
        except KeyboardInterrupt:
            # Workers ignore SIGINT and finish the file in hand (a fix is written whole or not at all).
            pool.shutdown(wait=True, cancel_futures=True)
            raise


_WORKER: dict = {}


def _start_worker(options: dict, want_sources: bool) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    plan = make_plan(options)
    _WORKER.update(linters=Linters(plan, open_cache(plan, options, 0)), options=options, lang=plan.lang, want_sources=want_sources)


def _worker_task(path: Path):
    return _check_one(_WORKER["linters"], path, _WORKER["options"], _WORKER["lang"], _WORKER["want_sources"])


def _render(results, fmt: str, plan: Plan, options: dict, sources: dict, cache) -> str:
    from lint.report import reporter

    if options.get("statistics"):
        from lint.report.statistics import render as statistics

        return statistics(results, plan.lang, {"rules": _catalog(plan, cache)})
    return reporter(fmt)(results, plan.lang, {
        "sources": sources, "quiet": options.get("quiet"), "color": _color(fmt, options),
        "rules": _catalog(plan, cache),
    })


def _color(fmt: str, options: dict) -> bool:
    color = options.get("color")
    if color is None:
        color = fmt == "text" and not options.get("output") and sys.stdout.isatty()
    return bool(color)


def _catalog(plan: Plan, cache) -> list[dict]:
    """The catalogue of the rules checked, as the cache remembers it, else from the rules."""
    key = plan.rules_key() if cache else None
    catalog = cache.catalog(key) if key else None
    if catalog is None:
        from lint.engine import select_rules
        from lint.report import rule_catalog

        catalog = rule_catalog(select_rules(plan.pack, plan.select, plan.ignore), plan.lang, _fixable)
        if key:
            cache.remember_catalog(key, catalog)
    return catalog


def _fixable(rule) -> bool:
    from lint.checks import KINDS

    return KINDS[rule.check].fixable(rule.params)


def _emit(output: str, target: Path | None) -> None:
    if target is None:
        click.echo(output, nl=False)
        return
    try:
        target.write_text(output, encoding="utf-8")
    except OSError as exc:
        raise CheckError(f"{target}: cannot write the report: {exc.strerror or exc}") from None


def _progress(items, count: int, quiet: bool):
    if quiet or count < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return items
    return _bar(items, count)


def _bar(items, count: int):
    with click.progressbar(length=count, label="reportlint", file=sys.stderr, show_pos=True) as bar:
        for item in items:
            yield item
            bar.update(1)


def _write_baseline(path: Path, results, lang: str, quiet: bool) -> int:
    from lint.findings.baseline import BaselineError, write_baseline

    try:
        count = write_baseline(path, results)
    except BaselineError as exc:
        raise CheckError(str(exc)) from None
    if not quiet:
        click.echo(f"{'已记录' if lang == 'zh' else 'recorded'} {count} "
                   f"{'条问题到' if lang == 'zh' else 'finding(s) in'} {path}", err=True)
    return 0


def _docx_refusal(path: Path, lang: str) -> None:
    click.echo(f"reportlint: {path}: " + ("--fix/--diff 不改写 .docx 文件，请在 Word 中修改" if lang == "zh"
                                           else "--fix/--diff do not rewrite .docx files; edit it in Word"), err=True)


def _fix(linter, path: Path, lang: str):
    from lint.fix import FixRefused, fix_path

    if path.suffix.lower() == ".docx":
        _docx_refusal(path, lang)
        return linter.lint_path(path), 0
    try:
        outcome = fix_path(linter, path, write=True)
    except FixRefused as exc:
        click.echo(f"reportlint: {path}: {'未修改' if lang == 'zh' else 'not fixed'}: {exc}", err=True)
        return linter.lint_path(path), 0
    return outcome.result, outcome.applied


def _print_diffs(linters: Linters, files: list[Path], lang: str, quiet: bool) -> int:
    from lint.fix import FixRefused, fix_path, unified_diff

    tally = FixTally()
    for path in files:
        if path.suffix.lower() == ".docx":
            _docx_refusal(path, lang)
            continue
        try:
            outcome = fix_path(linters.for_path(path), path, write=False)
        except FixRefused as exc:
            click.echo(f"reportlint: {path}: {exc}", err=True)
            continue
        tally.add(outcome.applied)
        click.echo(unified_diff(outcome), nl=False)
    if not quiet:
        click.echo(tally.summary(lang, done=False), err=True)
    return 1 if tally.fixes else 0
