"""Readers: the only place that knows file formats. A draft on disk becomes decoded
text lines (SourceText) or an UnreadableInput that says why not.

    source.py    SourceText, UnreadableInput, reading a regular file's bytes safely
    text.py      .txt/.md: encoding detection (UTF-8, UTF-16 BOM, GB18030), line ends
    word.py      .docx as Word shows it (wordtext.py: paragraphs; wordnumbering.py: lists, styles)
    office.py    .doc, .wps, .odt, .rtf: converted to .docx by LibreOffice when installed
    pdf.py       published .pdf: paragraphs rebuilt, running headers, footers and page numbers dropped
    web.py       .html/.htm saved from a portal: the article's text, by a main-text extractor
    discover.py  which files under the paths named are drafts
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from lint.read.source import SourceText, UnreadableInput, outline_levels, read_bytes

TEXT_SUFFIXES = (".txt", ".md")
WORD_SUFFIXES = (".docx",)
OFFICE_SUFFIXES = (".doc", ".wps", ".odt", ".rtf")  # converted by LibreOffice when it is installed
PUBLISHED_SUFFIXES = (".pdf", ".html", ".htm")  # reports as published: read, never fixed
DRAFT_SUFFIXES = TEXT_SUFFIXES + WORD_SUFFIXES + OFFICE_SUFFIXES + PUBLISHED_SUFFIXES


def read_draft(path: Path, max_bytes: int, encoding: str | None = None, data: bytes | None = None) -> SourceText:
    """The draft's text lines, by its format; `data`: its bytes when already read.
    Raises UnreadableInput."""
    if is_word(path):
        from lint.read.word import read_docx

        return read_docx(path, max_bytes, data)
    if path.suffix.lower() in OFFICE_SUFFIXES:
        from lint.read.office import convert_to_docx
        from lint.read.word import read_docx

        return read_docx(path, max_bytes, convert_to_docx(path, read_bytes(path, max_bytes) if data is None else data))
    if path.suffix.lower() == ".pdf":
        from lint.read.pdf import read_pdf

        return read_pdf(read_bytes(path, max_bytes) if data is None else data)
    if path.suffix.lower() in (".html", ".htm"):
        from lint.read.web import read_web_page

        return read_web_page(read_bytes(path, max_bytes) if data is None else data, encoding)
    from lint.read.text import decode_bytes, markdown_levels

    source = decode_bytes(read_bytes(path, max_bytes) if data is None else data, encoding)
    if path.suffix.lower() == ".md":
        source = replace(source, levels=outline_levels(source.lines, markdown_levels(source.lines)))
    return source


def is_word(path: Path) -> bool:
    return path.suffix.lower() in WORD_SUFFIXES


def rewritable(path: Path) -> bool:
    """Whether --fix may rewrite the file: plain text, whose bytes it can reproduce."""
    return path.suffix.lower() in TEXT_SUFFIXES


__all__ = ["DRAFT_SUFFIXES", "OFFICE_SUFFIXES", "SourceText", "UnreadableInput", "is_word", "read_draft", "rewritable"]
