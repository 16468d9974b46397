"""Read a Word (.docx) draft as lines: one line per body paragraph, tables included.

Line N of a .docx is its Nth paragraph (empty ones counted), so a report saved as
.txt with one paragraph per line gets the same line numbers. The file is opened as
a zip with limits (number of parts, uncompressed size of each part, checked while
decompressing, not trusted from the header) and its XML is parsed by python-docx's
element classes through a parser that loads no DTD, resolves no entity and reaches
no network; a part that declares a DOCTYPE is refused outright.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from lint.read.source import SourceText, UnreadableInput, regular_file_size, unreadable

MAX_PARTS = 1000
MAX_PART_BYTES = 64 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_REL_TYPE = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
_SOFT_BREAKS = str.maketrans({"\n": "\u2028", "\r": "\u2028"})


def _parser() -> etree.XMLParser:
    from docx.oxml.parser import element_class_lookup

    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, load_dtd=False,
                             no_network=True, huge_tree=False)
    parser.set_element_class_lookup(element_class_lookup)
    return parser


def read_docx(path: Path, max_bytes: int = MAX_PART_BYTES, data: bytes | None = None) -> SourceText:
    """The paragraphs of a Word file; `data`: its bytes when already read."""
    if data is None:
        regular_file_size(path)
    try:
        with zipfile.ZipFile(path if data is None else io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise UnreadableInput("docx", f"{len(infos)} parts (limit {MAX_PARTS})")
            limit = min(max_bytes, MAX_PART_BYTES)
            main = _main_part(archive, limit)
            root = _parse(_read_part(archive, main, limit), main)
    except UnreadableInput:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnreadableInput("docx", str(exc) or type(exc).__name__) from None
    except OSError as exc:
        raise unreadable(exc) from None
    body = root.find(f"{W}body")
    if body is None:
        raise UnreadableInput("docx", f"{main} has no document body")
    lines = [text.translate(_SOFT_BREAKS) for text in paragraphs(body)] or [""]
    return SourceText(lines, ["\n"] * (len(lines) - 1) + [""], "docx", False)


def _read_part(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise UnreadableInput("docx", f"no part {name}") from None
    if info.file_size > limit:
        raise UnreadableInput("docx", f"{name} is {info.file_size} bytes uncompressed (limit {limit})")
    with archive.open(info) as handle:
        data = handle.read(limit + 1)  # the header may lie: stop reading past the limit
    if len(data) > limit:
        raise UnreadableInput("docx", f"{name} exceeds {limit} bytes uncompressed")
    return data


def _parse(data: bytes, name: str):
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise UnreadableInput("docx", f"{name} declares a DTD or entities, which Word files never do")
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableInput("docx", f"{name}: {exc}") from None


def _main_part(archive: zipfile.ZipFile, limit: int) -> str:
    """The main document part named by the package relationships (word/document.xml)."""
    try:
        rels = _parse(_read_part(archive, "_rels/.rels", limit), "_rels/.rels")
    except UnreadableInput:
        if "word/document.xml" in archive.namelist():
            return "word/document.xml"
        raise UnreadableInput("docx", "no _rels/.rels and no word/document.xml: not a Word file") from None
    for rel in rels:
        if rel.get("Type") in (_REL_TYPE, _STRICT_REL_TYPE):
            return rel.get("Target", "").lstrip("/")
    raise UnreadableInput("docx", "the package names no main document: not a Word file")


def paragraphs(container):
    """Texts of the paragraphs in document order, descending into tables and content controls."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{W}p":
            yield child.text or ""
        elif tag == f"{W}tbl":
            for row in child.iterchildren(f"{W}tr"):
                for cell in row.iterchildren(f"{W}tc"):
                    yield from paragraphs(cell)
        elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"):
            yield from paragraphs(child)
