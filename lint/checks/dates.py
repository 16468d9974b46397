"""Year and date kinds: the reporting year, the signature and its date."""
from __future__ import annotations

import datetime

from lint.checks.registry import check_kind
from lint.findings import Hit
from lint.pack.params import Mapping, ParamError, Regex, Text


@check_kind(
    "year_known",
    "The reporting year must be stated in the title or the opening paragraph "
    "(a year followed by 年, outside 《》 titles).",
)
def run_year_known(ctx, params):
    if ctx.facts.reporting_year is None:
        yield Hit(*ctx.first_line_anchor())


@check_kind(
    "signature",
    "The closing signature block must have the `part`: `organ` (the issuing organ line) "
    "or `date` (the 成文日期 line).",
    part=Text("which part of the signature must be there", required=True,
               choices=("organ", "date")),
)
def run_signature(ctx, params):
    sig = ctx.outline.signature
    present = sig is not None and (sig.organ_line is not None if params["part"] == "organ" else sig.date is not None)
    if present:
        return
    if sig is not None:
        yield Hit(sig.start, sig.end)
        return
    doc = ctx.doc
    for i in range(len(doc.lines) - 1, -1, -1):
        if doc.lines[i].strip():
            start, end = doc.line_span(i)
            yield Hit(start, end)
            return


@check_kind(
    "date_format",
    "The signature date, as written, must match `expected` (GB/T 9704: Arabic numerals, "
    "年月日 in full, no leading zeros).",
    expected=Regex("the accepted form of the date",
                   default=r"^[0-9]{4}年[1-9][0-9]?月[1-9][0-9]?日$"),
)
def run_date_format(ctx, params):
    date = ctx.facts.date
    if date is None:
        return
    written = ctx.doc.text[date.start:date.end]
    if not params["expected"].search(written, timeout=ctx.time_left()):
        yield Hit(date.start, date.end, {"date": written,
                                         "suggestion": f"{date.year}年{date.month}月{date.day}日"})


def _check_deadlines(deadlines: dict) -> None:
    for reporter, value in deadlines.items():
        try:
            month, day = (int(part) for part in str(value).split("-"))
            datetime.date(2000, month, day)  # a leap year: 02-29 is a date
        except ValueError:
            raise ParamError("deadlines", f"'{reporter}: {value}' is not a month-day such as 03-01") from None


@check_kind(
    "date_window",
    "The signature date must fall after the reporting year and no later than the "
    "deadline in the next year for the configured reporter (`deadlines`, month-day).",
    deadlines=Mapping("reporter -> MM-DD deadline in the year after the report",
                    default={"department": "03-01", "government": "04-01"}),
    validate=lambda params: _check_deadlines(params["deadlines"]),
)
def run_date_window(ctx, params):
    date, year = ctx.facts.date, ctx.facts.reporting_year
    if date is None or year is None:
        return
    reporter = ctx.settings.reporter
    month, day = (int(part) for part in str(params["deadlines"].get(reporter, "03-01")).split("-"))
    try:
        signed = datetime.date(date.year, date.month, date.day)
    except ValueError:
        yield Hit(date.start, date.end, {"date": ctx.doc.text[date.start:date.end], "year": year,
                                         "deadline": f"{year + 1}年{month}月{day}日"})
        return
    deadline = datetime.date(year + 1, month, day)
    if signed <= datetime.date(year, 12, 31) or signed > deadline:
        yield Hit(date.start, date.end, {"date": ctx.doc.text[date.start:date.end], "year": year,
                                         "deadline": f"{year + 1}年{month}月{day}日"})


@check_kind(
    "year_consistency",
    "The title's year, the opening paragraph's year and the signature date must agree: "
    "the same reporting year, signed in that year or the next.",
)
def run_year_consistency(ctx, params):
    facts = ctx.facts
    title, opening, date = facts.title_year, facts.opening_year, facts.date
    if title and opening and title.year != opening.year:
        yield Hit(opening.start, opening.end, {"found": opening.year, "year": title.year})
    year = facts.reporting_year
    if date and year is not None and date.year not in (year, year + 1):
        yield Hit(date.start, date.end, {"found": date.year, "year": year})
