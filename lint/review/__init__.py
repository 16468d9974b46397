"""`reportlint review`: the reviewer's desk. Every report of a folder (or a province)
linted as `check` lints it, each summarised as a record (record.py, made in the
worker that linted it): unit, year, signature date against the deadline, the five
required parts, counts, findings. The records stream to one of the writers:

    tables.py  text (a matrix for the terminal), json (an array of records), csv
    page.py    html: one self-contained page, sortable, filterable
    sheet.py   xlsx: the matrix and the findings, for Excel and WPS 表格

Memory stays bounded by the largest report: no writer keeps more than one record.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lint.findings import SEVERITY_RANK
from lint.options import Options

REVIEW_FORMATS = ("text", "json", "csv", "xlsx", "html")
PROGRESS_MIN_FILES = 20


class ReviewError(Exception):
    pass


def defective(record: dict) -> bool:
    """Sent back: unread, a required part missing, an error, or outside the deadline."""
    return (not record["read"] or record["counts"]["error"] > 0
            or any(p["status"] == "missing" for p in record["parts"])
            or record["deadline_status"] in ("late", "before_year_end"))


def run_review(paths: list[Path], options: Options, fmt: str, output: Path | None) -> int:
    from lint.console import OutputError

    if output is not None and not output.resolve().parent.is_dir():
        raise ReviewError(f"{output}: cannot write the review: no such directory")
    try:
        return _review(paths, options, fmt, output)
    except OutputError as exc:
        raise ReviewError(str(exc)) from None
    except OSError as exc:  # the spreadsheet's or the page's file (a read-only folder, a full disk)
        raise ReviewError(f"{output}: cannot write the review: {exc.strerror or exc}") from None


def _review(paths: list[Path], options: Options, fmt: str, output: Path | None) -> int:
    from lint.check import open_cache
    from lint.linters import Linters
    from lint.report.stream import View
    from lint.workers import Run, collector_paused, lint_all

    if fmt == "xlsx" and output is None:
        raise ReviewError("--format xlsx needs -o FILE.xlsx (a spreadsheet is not written to a terminal)")
    from lint.check import drafts_in

    files = drafts_in(paths, options)
    cache = open_cache(options, index=len(files) >= 8)
    linters = Linters(options, cache.plans if cache else None)
    pack = linters.pack
    view = View("review", options.lang, parts=tuple((part.role, _label(pack, part.role, options.lang))
                                                  for part in pack.parts),
                deadline=_deadline(pack, options.settings.reporter))
    from lint.check import pairing_for

    pairing = pairing_for(files, options, linters)
    writer = _writer(fmt, output, options.lang)
    worst = -1
    outcomes = lint_all(files, Run(options, view, linters, cache, pairing=pairing))
    if len(files) >= PROGRESS_MIN_FILES and sys.stderr.isatty():
        outcomes = _progress(outcomes, len(files))
    with collector_paused():
        try:
            for outcome in outcomes:
                record = json.loads(outcome.chunk)
                previous = pairing.of(Path(record["path"])) if pairing else None
                record["previous"] = str(previous) if previous else None
                writer.add(record)
                worst = max(worst, outcome.worst)
            writer.close()
        except BaseException:
            writer.abort()
            raise
    if cache:
        cache.save()
    return 1 if worst >= SEVERITY_RANK[options.fail_on] and not options.exit_zero else 0


def _label(pack, role: str, lang: str) -> str:
    for spec in pack.roles:
        if spec.name == role:
            return spec.label.get(lang) or spec.label.get("zh", role)
    return role


def _deadline(pack, reporter: str) -> tuple[int, int] | None:
    """The deadline (month, day) in the year after the report: the deadline rule's
    setting for this reporter (rule-settings may change it)."""
    for rule in pack.rules.values():
        if rule.check == "date_window":
            value = str(rule.params["deadlines"].get(reporter, ""))
            month, _, day = value.partition("-")
            return (int(month), int(day)) if month.isdigit() and day.isdigit() else None
    return None


def _writer(fmt: str, output: Path | None, lang: str):
    if fmt == "html":
        from lint.review.page import PageWriter

        return PageWriter(output, lang)
    if fmt == "xlsx":
        from lint.review.sheet import SheetWriter

        return SheetWriter(output, lang)
    from lint.review import tables

    return tables.WRITERS[fmt](output, lang)


def _progress(items, count: int):
    with click.progressbar(length=count, label="reportlint review", file=sys.stderr, show_pos=True) as bar:
        for item in items:
            yield item
            bar.update(1)
