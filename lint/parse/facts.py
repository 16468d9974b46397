"""Facts read off a report: its reporting year and where each year is stated."""
from __future__ import annotations

from lint.cache import regexes as rx
from lint.parse.document import Document
from lint.parse.outline import DateMark, Outline
from lint.record import record

YEAR = rx.compile(r"(?<!\d)(?P<y>(?:19[5-9]|20\d)\d)\s*年")
TITLE_MARKS = rx.compile(r"《[^《》\n]*》")


@record
class YearMark:
    year: int
    start: int
    end: int


@record
class Facts:
    title_year: YearMark | None
    opening_year: YearMark | None
    date: DateMark | None
    heading_year: YearMark | None = None  # a year in the first heading (一、2023年主要举措和成效)

    @property
    def reporting_year(self) -> int | None:
        for mark in (self.title_year, self.opening_year, self.heading_year):
            if mark:
                return mark.year
        return None


def mask_titles(text: str, start: int = 0, end: int | None = None) -> str:
    """The text with everything inside 《》 blanked out, same length."""
    return TITLE_MARKS.sub(lambda m: "《" + "□" * (len(m.group()) - 2) + "》", text[start:end])


def first_year(doc: Document, lines: list[int]) -> YearMark | None:
    for index in lines:
        start, end = doc.line_span(index)
        masked = mask_titles(doc.folded, start, end)
        m = YEAR.search(masked)
        if m:
            return YearMark(int(m.group("y")), start + m.start(), start + m.end())
    return None


UNIT_IN_TITLE = rx.compile(r"^(?:关于)?(?P<unit>.+?)(?:关于)?(?:(?:19|20)\d\d\s*年|法治政府建设)")


def reporting_unit(doc: Document, outline: Outline) -> str | None:
    """Who reports: the signature's organ line, else the title's words before its year
    (某区市场监督管理局2023年法治政府建设年度报告 -> 某区市场监督管理局)."""
    if outline.signature and outline.signature.organ_line is not None:
        return doc.lines[outline.signature.organ_line].strip() or None
    title = "".join(doc.lines[i].strip() for i in outline.title_lines)
    m = UNIT_IN_TITLE.search(mask_titles(title))
    return m.group("unit").strip(" ：:，,") or None if m else None


def summary(doc: Document, outline: Outline, facts: Facts) -> dict:
    """The facts a reviewer's overview shows: unit, reporting year, signature date."""
    date = facts.date
    return {"unit": reporting_unit(doc, outline), "year": facts.reporting_year,
            "signed": [date.year, date.month, date.day] if date else None}


def read_facts(doc: Document, outline: Outline) -> Facts:
    date = outline.signature.date if outline.signature else None
    first_heading = [outline.headings[0].line] if outline.headings else []
    return Facts(first_year(doc, outline.title_lines), first_year(doc, outline.opening_lines[:1]), date,
                 first_year(doc, first_heading))
