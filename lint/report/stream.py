"""Output as a stream: each file's part of the report is rendered where the file was
linted (a worker), crosses to the main process as text with a few counts (an Outcome),
and is written at once, in file order. Nothing holds every finding of a run: the
closing summary, the checklist lines and the exit code need only the Tally's counts.

A format module gives:

    head(view) -> str                  written first (SARIF: the log up to its results)
    chunk(result, view) -> str         one file's part ("" when it has nothing to say)
    SEPARATOR                          written between two non-empty chunks
    tail(view, tally, written) -> str  written last (`written`: whether any chunk was)
    meta(result, view) -> tuple        optional: numbers its tail needs (JUnit's counts)
    HEAD_NEEDS_TALLY                   optional: the head is written last, before the
                                       spooled chunks (JUnit's totals are attributes)
"""
from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import field, replace
from typing import NamedTuple

from lint.findings import SEVERITY_RANK, FileResult
from lint.record import record
from lint.report import FORMATS

SPOOL_IN_MEMORY = 8 * 1024 * 1024  # a spooled body past this goes to a temporary file
MEMO_MAX_CHARS = 32 * 1024 * 1024  # output kept for the run memo (replay) up to this


@record(frozen=True)
class View:
    """How the run's output looks: all a worker needs to render a file's part."""

    fmt: str = "text"
    lang: str = "zh"
    quiet: bool = False
    color: bool = False
    statistics: bool = False
    catalog: tuple = ()  # the rules checked, as reporters may know them (dicts)
    min_severity: str = "info"  # findings below it are not shown
    docs_url: str | None = None  # the rules' documentation, for links to a rule (SARIF helpUri)
    parts: tuple = ()  # (role, label) of the checklist's parts, in its order (review)
    deadline: tuple | None = None  # (month, day) in the year after the report, for this reporter (review)

    @property
    def module(self):
        if self.fmt == "review":
            return importlib.import_module("lint.review.record")
        name = "statistics" if self.statistics else FORMATS[self.fmt]
        return importlib.import_module(f"lint.report.{name}")

    @property
    def keeps_summaries(self) -> bool:
        """Whether the closing summary lists each file (its checklist and counts)."""
        return self.fmt in ("text", "grouped") and not self.quiet and not self.statistics


class Outcome(NamedTuple):
    """What one file's linting gives the main process: its rendered part and counts."""

    path: str
    chunk: str
    counts: tuple[int, int, int]  # errors, warnings, infos
    checklist: tuple = ()  # (label, present|missing|unchecked)
    unread: bool = False  # E001: nothing of the file was read
    rules: tuple = ()  # (rule, findings) pairs, for --statistics
    meta: tuple = ()  # what the format's tail needs of each file
    key: str | None = None  # the result cache's key of the bytes linted
    status: list | None = None  # the file's status when read (the cache's index)
    applied: int = 0  # fixes applied (--fix)
    baseline: tuple = ()  # (path, rule, fingerprint, message) of each finding, for --write-baseline
    worst: int = -1  # the rank of the most severe finding, shown or not (-1: none): the exit code
    coverage: tuple = ()  # (label, present|missing) of what rules summarise (the outline's tasks)


def outcome_of(result: FileResult, view: View, known: Counter | None = None, record: bool = False,
               applied: int = 0) -> Outcome:
    """A file's result as its Outcome: without the findings a baseline knows (`known`,
    consumed as they match), rendered for the view."""
    findings = result.findings
    if known:
        findings = _unknown(findings, known)
    worst = max((SEVERITY_RANK[f.severity] for f in findings), default=-1)
    if view.min_severity != "info":
        least = SEVERITY_RANK[view.min_severity]
        findings = [f for f in findings if SEVERITY_RANK[f.severity] >= least]
    if findings is not result.findings:
        result = replace(result, findings=findings)
    module = view.module
    counts = [0, 0, 0]
    for f in findings:
        counts[2 - SEVERITY_RANK[f.severity]] += 1
    return Outcome(
        result.path, module.chunk(result, view), tuple(counts), tuple(result.checklist),
        any(f.rule == "E001" for f in findings),
        tuple(Counter(f.rule for f in findings).items()) if view.statistics else (),
        module.meta(result, view) if hasattr(module, "meta") else (),
        result.key, result.status, applied,
        tuple((f.path, f.rule, f.fingerprint, f.message) for f in findings) if record else (), worst,
        tuple(result.coverage))


def _unknown(findings: list, known: Counter) -> list:
    """The findings a baseline does not know; each baseline entry absorbs one."""
    kept = []
    for f in findings:
        if known[f.fingerprint] > 0:
            known[f.fingerprint] -= 1
        else:
            kept.append(f)
    return kept


@record
class Tally:
    """What a run keeps of its files: counts, and the short lines a summary names."""

    files: int = 0
    totals: list = field(default_factory=lambda: [0, 0, 0])
    worst: int = -1
    unread: list = field(default_factory=list)  # the first few files that could not be read
    unread_count: int = 0
    rules: Counter = field(default_factory=Counter)
    summaries: list = field(default_factory=list)  # per file: (path, checklist, counts, coverage), text only
    meta: tuple = ()  # the files' `meta` numbers, summed
    applied: int = 0
    fixed_files: int = 0

    UNREAD_KEPT = 5

    def add(self, outcome: Outcome, keep_summary: bool) -> None:
        self.files += 1
        for i, n in enumerate(outcome.counts):
            self.totals[i] += n
        self.worst = max(self.worst, outcome.worst)
        if outcome.unread:
            self.unread_count += 1
            if len(self.unread) < self.UNREAD_KEPT:
                self.unread.append(outcome.path)
        self.rules.update(dict(outcome.rules))
        if keep_summary:
            self.summaries.append((outcome.path, outcome.checklist, outcome.counts, outcome.coverage))
        if outcome.meta:
            self.meta = tuple(a + b for a, b in zip(self.meta, outcome.meta)) if self.meta else outcome.meta
        self.applied += outcome.applied
        self.fixed_files += outcome.applied > 0

    @property
    def nothing_read(self) -> bool:
        return self.unread_count == self.files


class Writer:
    """Writes a run's output to a sink (write(str)) as the outcomes arrive, in order;
    keeps what it wrote for the run memo while that stays small."""

    def __init__(self, sink, view: View, memo: bool = False):
        self.sink, self.view, self.module = sink, view, view.module
        self.tally = Tally()
        self._written = False
        self._memo: list[str] | None = [] if memo else None
        self._memo_size = 0
        self._late_head = getattr(self.module, "HEAD_NEEDS_TALLY", False)
        self._body = _spool() if self._late_head else None
        if not self._late_head:
            self._write(self.module.head(view))

    def add(self, outcome: Outcome) -> None:
        self.tally.add(outcome, keep_summary=self.view.keeps_summaries)
        if not outcome.chunk:
            return
        text = (self.module.SEPARATOR if self._written else "") + outcome.chunk
        self._written = True
        if self._body is not None:
            self._body.write(text)
        else:
            self._write(text)

    def close(self) -> None:
        tail = self.module.tail(self.view, self.tally, self._written)
        if self._body is not None:
            self._write(self.module.head(self.view, self.tally))
            self._body.seek(0)
            while block := self._body.read(1 << 20):
                self._write(block)
            self._body.close()
        self._write(tail)

    def output(self) -> str | None:
        """Everything written, if it was kept (small enough) for the run memo."""
        return None if self._memo is None else "".join(self._memo)

    def _write(self, text: str) -> None:
        if not text:
            return
        self.sink.write(text)
        if self._memo is not None:
            self._memo_size += len(text)
            self._memo = self._memo if self._memo_size <= MEMO_MAX_CHARS else None
            if self._memo is not None:
                self._memo.append(text)


def _spool():
    import tempfile

    return tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY, "w+", encoding="utf-8", errors="surrogatepass")


class StringSink:
    def __init__(self):
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


def render_results(results, view: View) -> str:
    """A whole output as one string (tests, and callers that hold their results)."""
    sink = StringSink()
    writer = Writer(sink, view)
    for result in results:
        writer.add(outcome_of(result, view))
    writer.close()
    return sink.getvalue()
