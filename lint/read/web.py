"""Published reports as web pages saved from a portal (.html/.htm): the article's text,
found by a maintained main-text extractor (trafilatura), so the portal's navigation,
footer and related links are not linted; what H402 then calls web-page remains lies
inside the article. The page's declared encoding is honoured (GB2312 read as its
superset GB18030); an undeclared one is UTF-8, else GB18030. Each paragraph of the
article is a line; the article's title comes first when the text does not begin
with it."""
from __future__ import annotations

import re

from lint import limits
from lint.read.source import SourceText, UnreadableInput, split_lines

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


def decode_page(data: bytes, forced: str | None = None) -> str:
    declared = _CHARSET.search(data[:4096])
    names = [forced] if forced else []
    if declared:
        name = declared.group(1).decode("ascii").lower()
        names.append(_SUPERSETS.get(name, name))
    names += ["utf-8", "gb18030"]
    for name in names:
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    raise UnreadableInput("decode")


def read_web_page(data: bytes, encoding: str | None = None) -> SourceText:
    page = decode_page(data, encoding)
    try:
        import trafilatura
    except ImportError:
        raise UnreadableInput("web", "trafilatura is not installed") from None
    try:
        with limits.ticking(), limits.limit(limits.READ_TIMEOUT):
            found = trafilatura.bare_extraction(page, include_comments=False, include_tables=True,
                                                include_formatting=False, deduplicate=False, with_metadata=True)
    except limits.Overrun:
        raise UnreadableInput("timeout", f"> {limits.READ_TIMEOUT:g} s") from None
    except Exception as exc:  # noqa: BLE001 - the extractor's parsers raise many kinds on broken pages
        raise UnreadableInput("web", type(exc).__name__) from None
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        raise UnreadableInput("web")
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    title = (getattr(found, "title", None) or "").strip()
    if title and (not paragraphs or paragraphs[0].replace(" ", "") != title.replace(" ", "")):
        paragraphs.insert(0, title)
    lines, endings = split_lines("\n".join(paragraphs))
    return SourceText(lines, endings, "html", False)
