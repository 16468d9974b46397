"""Published reports as PDF (a text layer; pdfminer.six, chosen over pypdf for the line
positions its layout analysis gives): paragraphs rebuilt across line wraps and page
breaks, running headers, footers and page numbers dropped.

A line starts a new paragraph when it is indented (the first-line indent of 公文),
when the line before it ended short of the right margin, or when it opens with a
heading number (一、（一）1.). Spaces the layout put between Chinese characters and
digits or Latin letters are removed (a PDF has no reliable spaces: `2023 年` is how
a digit font beside a CJK font comes out). Each paragraph is one line of the text,
so line numbers in findings are paragraph numbers; a `page` mark on each line gives
the page a reader finds it on. A PDF without a text layer (a scan) is unreadable,
and says so.
"""
from __future__ import annotations

import io
import re
import statistics
from collections import Counter

from lint import limits
from lint.read.source import Mark, SourceText, UnreadableInput

MAX_PAGES = 500
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–\s]*$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、]\D)")
_CJK = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
_LAYOUT_SPACE = re.compile(rf"(?<={_CJK})[ \t]+(?=[0-9A-Za-z{_CJK[1:-1]}])|(?<=[0-9A-Za-z])[ \t]+(?={_CJK})")


def read_pdf(data: bytes) -> SourceText:
    pages = _page_lines(data)
    if not any(text for page in pages for _, _, text in page):
        raise UnreadableInput("pdf_scanned")
    pages = _without_running_lines(pages)
    paragraphs, page_of = _paragraphs(pages)
    lines = [_LAYOUT_SPACE.sub("", text) for text in paragraphs]
    marks = tuple(Mark("page", i, 0, 0, str(page)) for i, page in enumerate(page_of))
    return SourceText(lines, ["\n"] * (len(lines) - 1) + [""], "pdf", False, marks=marks)


def _page_lines(data: bytes) -> list[list[tuple[float, float, str]]]:
    """Each page's text lines, top to bottom: (left, right, text)."""
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams
    except ImportError:
        raise UnreadableInput("pdf", "pdfminer.six is not installed") from None
    pages = []
    try:
        with limits.ticking(), limits.limit(limits.READ_TIMEOUT) as bound:
            for number, layout in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), 1):
                bound.check()
                if number > MAX_PAGES:
                    break
                pages.append(_page_chars(layout))
    except limits.Overrun:
        raise UnreadableInput("timeout", f"> {limits.READ_TIMEOUT:g} s") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a damaged file
        raise UnreadableInput("pdf", type(exc).__name__) from None
    return pages


def _page_chars(layout) -> list[tuple[float, float, str]]:
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    found = []  # characters: a mark in another font is not always in its line's box
    for box in layout:
        if isinstance(box, LTTextContainer):
            found += [(ch.y0, ch.y1, ch.x0, ch.x1, ch.get_text()) for line in box
                      if isinstance(line, LTTextLine) for ch in line
                      if isinstance(ch, LTChar) and ch.get_text().strip()]
    return _visual_lines(found)


def _visual_lines(chars: list[tuple]) -> list[tuple[float, float, str]]:
    """Characters on one baseline joined left to right, lines top to bottom:
    (left, right, text). A space is kept between Latin letters or digits set apart."""
    lines: list[list] = []  # [bottom, top, [(x0, x1, char)]]
    for y0, y1, x0, x1, char in sorted(chars, key=lambda c: (-round((c[0] + c[1]) / 2), c[2])):
        if lines and min(lines[-1][1], y1) - max(lines[-1][0], y0) > 0.5 * min(lines[-1][1] - lines[-1][0], y1 - y0):
            lines[-1][2].append((x0, x1, char))
        else:
            lines.append([y0, y1, [(x0, x1, char)]])
    joined = []
    for _, _, parts in lines:
        parts.sort()
        text, previous = [], None
        for x0, x1, char in parts:
            if previous and char.isascii() and previous[1].isascii() and x0 - previous[0] > 0.25 * (x1 - x0):
                text.append(" ")
            text.append(char)
            previous = (x1, char)
        joined.append((parts[0][0], max(x1 for _, x1, _ in parts), "".join(text)))
    return joined


def _without_running_lines(pages: list[list]) -> list[list]:
    """Without page numbers, and without first or last lines that repeat on most pages
    (running headers and footers; digits compared alike)."""
    def key(text: str) -> str:
        return re.sub(r"\d+", "#", text.replace(" ", ""))

    edges = Counter()
    for page in pages:
        for item in {page[0][2], page[-1][2]} if page else ():
            edges[key(item)] += 1
    running = {k for k, n in edges.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2)}
    kept = []
    for page in pages:
        trimmed = list(page)
        for index in (0, -1):
            while trimmed and (_PAGE_NUMBER.match(trimmed[index][2]) or key(trimmed[index][2]) in running):
                trimmed.pop(index)
        kept.append(trimmed)
    return kept


def _paragraphs(pages: list[list]) -> tuple[list[str], list[int]]:
    lines = [(x0, x1, text, number) for number, page in enumerate(pages, 1) for x0, x1, text in page]
    if not lines:
        return [], []
    left = Counter(round(x0) for x0, _, _, _ in lines).most_common(1)[0][0]
    right = statistics.quantiles([x1 for _, x1, _, _ in lines], n=10)[-1] if len(lines) > 1 else lines[0][1]
    char = statistics.median((x1 - x0) / max(1, len(text)) for x0, x1, text, _ in lines)
    paragraphs, page_of = [], []
    previous_end = None
    for x0, x1, text, number in lines:
        starts = (previous_end is None or x0 > left + 1.5 * char or previous_end < right - 3 * char
                  or _HEADING.match(text))
        if starts:
            paragraphs.append(text)
            page_of.append(number)
        else:
            paragraphs[-1] += text
        previous_end = x1
    return paragraphs, page_of
