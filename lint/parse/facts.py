"""Facts read off a report: its reporting year and where each year is stated."""
from __future__ import annotations

from dataclasses import dataclass

from lint.cache import regexes as rx
from lint.parse.document import Document
from lint.parse.outline import DateMark, Outline

YEAR = rx.compile(r"(?<!\d)(?P<y>(?:19[5-9]|20\d)\d)\s*年")
TITLE_MARKS = rx.compile(r"《[^《》\n]*》")


@dataclass
class YearMark:
    year: int
    start: int
    end: int


@dataclass
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


def read_facts(doc: Document, outline: Outline) -> Facts:
    date = outline.signature.date if outline.signature else None
    first_heading = [outline.headings[0].line] if outline.headings else []
    return Facts(first_year(doc, outline.title_lines), first_year(doc, outline.opening_lines[:1]), date,
                 first_year(doc, first_heading))
