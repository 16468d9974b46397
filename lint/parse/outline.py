"""The report's outline: title block, addressee, opening, numbered sections, signature.

Works on the folded view (Simplified, full-width punctuation), so `(一)` and
`（一）`, 報告 and 报告 are the same to it; offsets stay those of the original.
"""
from __future__ import annotations

from dataclasses import field
from functools import lru_cache

import regex

from lint import limits
from lint.cache import regexes as rx
from lint.parse.document import Document
from lint.parse.numerals import number_value
from lint.record import record

# level, pattern on the stripped folded line. group "num" is the number.
# Patterns that come from rule files (the organ pattern, roles' headings) run under a time
# limit (lint.limits: the running rule's, else this one per call): a pattern that
# backtracks without end is E002, not a hang.
PATTERN_TIMEOUT = 5.0
_HEADING_FORMS = (
    (2, rx.compile(r"（(?P<num>[一二三四五六七八九十]{1,3})）[、.]?")),
    (4, rx.compile(r"（(?P<num>\d{1,2})）[、.]?")),
    (1, rx.compile(r"(?P<num>[一二三四五六七八九十]{1,3})\s*(?:、|\.(?!\d))")),
    (3, rx.compile(r"(?P<num>\d{1,2})\s*[.、](?!\d)")),
)
# What a match of _HEADING_FORMS can start with, besides a decimal digit (\d): most lines
# start otherwise, and are then no numbered heading without trying the four forms.
_HEADING_FIRST = frozenset("（一二三四五六七八九十")
# Indentation, Markdown #, and ?? that a broken conversion left for the indent (H404 names it)
_LEAD = rx.compile(r"[ \t]*(?:[?？]{1,4})?(?:#{1,6}[ \t]+)?[ \t]*")
_SENTENCE_END = rx.compile(r"[。！？]")
_SENTENCE_PUNCT = rx.compile(r"[。；，！？]")
_COMMENT_LINE = rx.compile(r"\s*<[!！]--.*-->\s*$")  # the folded view has ！ for !
_RUN_ON_NUMBER = rx.compile(r"(?P<num>[一二三四五六七八九十])、(?<=[。；！？：”）\s][一二三四五六七八九十]、)")
MAX_HEADING_CHARS = 80
MAX_TITLE_LINE = 60

DATE_FORMS = (
    rx.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    rx.compile(r"(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})"),
    rx.compile(r"(?P<y>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月"
                  r"\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日"),
)
_DATE_FIRST = frozenset("〇○零一二三四五六七八九")  # what a DATE_FORMS match can start with, besides a digit
DEFAULT_ORGAN = r"(局|委|委员会|政府|办公室|办|中心|院|厅|部|所|处|站|队|公司|街道|管委会|领导小组)$"


@record
class Heading:
    level: int
    number: int | None  # None: a heading by its style, with no number
    line: int          # 0-based line index
    start: int         # offset of the numbering mark
    title_start: int   # offset after the numbering mark
    end: int           # offset after the heading sentence
    inline: bool       # the paragraph goes on after the heading sentence


@record
class Section:
    heading: Heading
    end: int
    children: list["Section"] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)

    @property
    def level(self) -> int:
        return self.heading.level

    @property
    def start(self) -> int:
        return self.heading.start

    @property
    def content_start(self) -> int:
        return self.heading.end


@record
class DateMark:
    line: int
    start: int
    end: int
    year: int
    month: int
    day: int
    form: int  # index into DATE_FORMS


@record
class Signature:
    organ_line: int | None
    date: DateMark | None
    start: int          # offset where the signature block begins
    end: int            # offset after the date line (or organ line)


@record
class Outline:
    title_lines: list[int]
    addressee_line: int | None
    opening_lines: list[int]
    sections: list[Section]
    headings: list[Heading]
    body_start: int
    body_end: int
    signature: Signature | None
    trailing_start: int | None
    run_on: list[int] = field(default_factory=list)  # offsets of headings run into paragraphs (none on a line)

    def walk(self):
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))


@lru_cache(maxsize=8)
def _compiled(pattern: str) -> regex.Pattern:
    return rx.compile(pattern)


def parse_outline(doc: Document, organ_pattern: str = DEFAULT_ORGAN) -> Outline:
    # Suppression comments (<!-- reportlint-disable … -->) are not text: blank to the outline.
    folded_lines = ["" if "<" in line and _COMMENT_LINE.match(line) else line for line in doc.folded.split("\n")]
    headings = [h for i, line in enumerate(folded_lines) if (h := _heading(doc, i, line))]
    first_heading_line = headings[0].line if headings else len(folded_lines)
    title, addressee, opening = _head(folded_lines, first_heading_line)
    organ = _compiled(organ_pattern)
    signature = _signature(doc, folded_lines, headings, organ)
    cover = signature is None and _cover_signature(doc, folded_lines, first_heading_line, addressee, organ)
    body_end = signature.start if signature else len(doc.text)
    trailing = _trailing(doc, folded_lines, signature)
    body_start = headings[0].start if headings else (doc.line_span(opening[0])[0] if opening else 0)
    sections = _nest([h for h in headings if h.start < body_end], body_end)
    run_on = _run_on(doc, headings)
    return Outline(title, addressee, opening, sections, headings, body_start, body_end, signature or cover or None,
                   trailing, run_on)


def _trailing(doc: Document, lines: list[str], signature) -> int | None:
    """Where text after the signature date starts (comment lines are not text)."""
    if not signature:
        return None
    after = doc.line_of(signature.end) + 1
    for index in range(after, len(lines)):
        if lines[index].strip():
            start, _ = doc.line_span(index)
            return start + len(lines[index]) - len(lines[index].lstrip())
    return None


def _cover_signature(doc: Document, lines: list[str], first_heading: int, addressee: int | None,
                     organ: regex.Pattern) -> Signature | None:
    """A report sent under a cover letter (title, addressee, a sentence, organ and date,
    then the report itself) is signed by the letter: its organ and date before the
    report's first heading."""
    if addressee is None:
        return None
    for index in range(addressee + 1, first_heading):
        date = _date_mark(doc, index, lines[index])
        if date:
            organ_line = _previous_nonblank(lines, index)
            if organ_line is None or organ_line <= addressee or not _is_organ_line(lines[organ_line], organ, True):
                return None
            return Signature(organ_line, date, doc.line_starts[organ_line], doc.line_span(index)[1])
    return None


def _run_on(doc: Document, headings: list[Heading]) -> list[int]:
    """Numbered headings run into paragraphs (一、 二、 … after a sentence's end), as in
    text pasted from a web page: the offsets of those that continue the top-level
    sequence, when at least two do (else none)."""
    marks = [(h.start, h.number, False) for h in headings if h.level == 1 and h.number is not None]
    if len(marks) >= 2:
        return []  # top-level headings on lines of their own: the outline stands
    marks += [(m.start(), number_value(m.group("num")), True) for m in _RUN_ON_NUMBER.finditer(doc.folded)]
    found, expected = [], 1
    for offset, number, inline in sorted(marks):
        if number == expected:
            expected += 1
            if inline:
                found.append(offset)
    return found if len(found) >= 2 else []


def _strip_lead(line: str) -> int:
    return _LEAD.match(line).end() if line and line[0] in " \t?？#" else 0


def _heading(doc: Document, index: int, line: str) -> Heading | None:
    lead = _strip_lead(line)
    first = line[lead:lead + 1]
    forms = _HEADING_FORMS if first in _HEADING_FIRST or first.isdecimal() else ()
    for level, form in forms:
        m = form.match(line, lead)
        if not m:
            continue
        rest = line[m.end():]
        if not rest.strip():
            return None
        stop = _SENTENCE_END.search(rest)
        title_len = min(stop.end() if stop else len(rest.rstrip()), MAX_HEADING_CHARS)
        base = doc.line_starts[index]
        inline = bool(rest[title_len:].strip())
        return Heading(level, number_value(m.group("num")), index, base + lead,
                       base + m.end(), base + m.end() + title_len, inline)
    return _styled_heading(doc, index, line, lead)


def _styled_heading(doc: Document, index: int, line: str, lead: int) -> Heading | None:
    """A heading by its style (Word heading styles, Markdown #) that carries no number:
    the whole line is its title."""
    level = doc.source.levels.get(index)
    title = line[lead:].rstrip()
    if level is None or not title or _SENTENCE_END.search(title[:-1]):
        return None
    base = doc.line_starts[index] + lead
    return Heading(level, None, index, base, base, base + min(len(title), MAX_HEADING_CHARS), False)


def _head(lines: list[str], first_heading: int) -> tuple[list[int], int | None, list[int]]:
    title: list[int] = []
    addressee = None
    opening: list[int] = []
    for i in range(first_heading):
        stripped = lines[i].strip().lstrip("#").strip()
        if not stripped or _COMMENT_LINE.match(lines[i]):
            continue
        if opening:
            opening.append(i)
        elif addressee is None and len(stripped) <= 30 and stripped.endswith("：") \
                and not _SENTENCE_PUNCT.search(stripped):
            addressee = i
        elif (addressee is None and len(stripped) <= MAX_TITLE_LINE
              and not _SENTENCE_PUNCT.search(stripped) and not stripped.endswith("：")):
            title.append(i)
        else:
            opening.append(i)
    return title, addressee, opening


def _date_mark(doc: Document, index: int, line: str) -> DateMark | None:
    stripped = line.strip()
    if not stripped or len(stripped) > 20 or not (stripped[0] in _DATE_FIRST or stripped[0].isdecimal()):
        return None
    lead = len(line) - len(line.lstrip())
    for form_index, form in enumerate(DATE_FORMS):
        m = form.fullmatch(line, lead, lead + len(stripped))
        if m:
            y, mo, d = (number_value(m.group(k)) for k in ("y", "m", "d"))
            base = doc.line_starts[index]
            return DateMark(index, base + m.start(), base + m.end(), y, mo, d, form_index)
    return None


def _is_organ_line(line: str, organ: regex.Pattern, require_suffix: bool) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 40 or _SENTENCE_PUNCT.search(stripped):
        return False
    if any(form.match(stripped) for _, form in _HEADING_FORMS):
        return False
    return bool(organ.search(stripped, timeout=limits.regex_timeout(PATTERN_TIMEOUT))) or not require_suffix


def _signature(doc: Document, lines: list[str], headings: list[Heading], organ: regex.Pattern) -> Signature | None:
    last_heading = headings[-1].line if headings else -1
    for i in range(last_heading + 1, len(lines)):
        date = _date_mark(doc, i, lines[i])
        if date:
            organ_line = _previous_nonblank(lines, i)
            if organ_line is not None and not _is_organ_line(lines[organ_line], organ, False):
                organ_line = None
            first = organ_line if organ_line is not None else i
            return Signature(organ_line, date, doc.line_starts[first], doc.line_span(i)[1])
    last = _previous_nonblank(lines, len(lines))
    if last is not None and last > last_heading + 1 and _is_organ_line(lines[last], organ, True):
        return Signature(last, None, doc.line_starts[last], doc.line_span(last)[1])
    return None


def _previous_nonblank(lines: list[str], index: int) -> int | None:
    for j in range(index - 1, -1, -1):
        if lines[j].strip():
            return j
    return None


def _nest(headings: list[Heading], body_end: int) -> list[Section]:
    roots: list[Section] = []
    stack: list[Section] = []
    for heading in headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop().end = heading.start
        section = Section(heading, body_end)
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    for section in stack:
        section.end = body_end
    return roots
