"""Read a Word (.docx) draft as Word shows it: the body's lines (lint/read/wordtext.py),
automatic numbers and heading levels (lint/read/wordnumbering.py), marks for tracked
changes, comments and fields, and every other part that gets printed or published:
headers, footers, footnotes, endnotes, comments and text boxes.

Line N is the Nth paragraph of the body, counting a soft line break (Shift+Enter) as
the start of a line: what a .txt copy of the draft has on line N. Columns count the
characters Word shows, an automatic number included. Files in the Strict OOXML
namespace and files written by WPS are read the same.

The file is opened as a zip with limits (number of parts, uncompressed size of each
part, checked while decompressing, not trusted from the header) and its XML is parsed
with a parser that loads no DTD, resolves no entity and reaches no network; a part
that declares a DOCTYPE or entities is refused outright.
"""
from __future__ import annotations

import io
import lzma
import posixpath
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from lint.read.source import Mark, Part, SourceText, UnreadableInput, outline_levels, regular_file_size, unreadable
from lint.read.wordnumbering import Level, Numbering, NumberingDefinitions, Style
from lint.read.wordtext import LineBuilder, W

MAX_PARTS = 1000
OWN_COMMENTS = "reportlint"  # the author of the comments `reportlint annotate` writes
MAX_PART_BYTES = 64 * 1024 * 1024
_STRICT = ((b"http://purl.oclc.org/ooxml/wordprocessingml/main",
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
           (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"))
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN_TYPES = ("officeDocument",)
_NOTES = {"footnotes": ("footnote", "footnote"), "endnotes": ("endnote", "endnote")}


def read_docx(path: Path, max_bytes: int = MAX_PART_BYTES, data: bytes | None = None) -> SourceText:
    """The draft as Word shows it; `data`: its bytes when already read."""
    if data is None:
        regular_file_size(path)
    try:
        with zipfile.ZipFile(path if data is None else io.BytesIO(data)) as archive:
            return _Package(archive, min(max_bytes, MAX_PART_BYTES)).read()
    except UnreadableInput:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError,
            zlib.error, lzma.LZMAError) as exc:  # a damaged compressed part
        raise UnreadableInput("docx", str(exc) or type(exc).__name__) from None
    except OSError as exc:
        raise unreadable(exc) from None


class _Package:
    def __init__(self, archive: zipfile.ZipFile, limit: int):
        if len(archive.infolist()) > MAX_PARTS:
            raise UnreadableInput("docx", f"{len(archive.infolist())} parts (limit {MAX_PARTS})")
        self.archive, self.limit = archive, limit

    def read(self) -> SourceText:
        main = self._main_part()
        related = self._relationships(main)
        styles = _styles(self._xml(related.get("styles", [None])[0]))
        definitions = _numbering(self._xml(related.get("numbering", [None])[0]))
        root = self._xml(main)
        body = root.find(f"{W}body") if root is not None else None
        if body is None:
            raise UnreadableInput("docx", f"{main} has no document body")
        builder = LineBuilder(Numbering(definitions), styles)
        builder.blocks(body)
        lines = builder.finish()
        parts = self._parts(related, styles, definitions, builder)
        own = self._own_comments(related)
        if own:
            builder.marks = [m for m in builder.marks if not (m.kind == "comment" and m.detail in own)]
        return _source(lines, outline_levels(lines, builder.levels), builder.marks, parts)

    def _parts(self, related: dict, styles: dict, definitions: NumberingDefinitions, body: LineBuilder) -> tuple:
        found: list[tuple[str, LineBuilder]] = []
        for kind in ("header", "footer"):
            for name in related.get(kind, []):
                found.append((kind, self._container(name, styles, definitions)))
        for relation, (kind, element) in _NOTES.items():
            root = self._xml(related.get(relation, [None])[0])
            for note in root.iterchildren(f"{W}{element}") if root is not None else ():
                if note.get(f"{W}type") in (None, "normal"):
                    found.append((kind, self._builder(note, styles, definitions)))
        comments = self._xml(related.get("comments", [None])[0])
        for comment in comments.iterchildren(f"{W}comment") if comments is not None else ():
            if comment.get(f"{W}author") == OWN_COMMENTS:
                continue  # reportlint's own annotations are not the draft's
            builder = self._builder(comment, styles, definitions)
            builder.marks.append(Mark("comment", 0, 0, 0, comment.get(f"{W}id", "")))
            found.append(("comment", builder))
        boxes, pending = [], [body] + [builder for _, builder in found]
        while pending:  # text boxes anywhere, and text boxes inside text boxes
            for box in pending.pop().textboxes:
                builder = self._builder(box, styles, definitions)
                boxes.append(("textbox", builder))
                pending.append(builder)
        return _numbered(found + boxes)

    def _own_comments(self, related: dict) -> set[str]:
        comments = self._xml(related.get("comments", [None])[0])
        return {c.get(f"{W}id", "") for c in (comments.iterchildren(f"{W}comment") if comments is not None else ())
                if c.get(f"{W}author") == OWN_COMMENTS}

    def _container(self, name: str, styles: dict, definitions: NumberingDefinitions) -> LineBuilder:
        root = self._xml(name)
        return self._builder(root if root is not None else etree.Element(f"{W}hdr"), styles, definitions)

    @staticmethod
    def _builder(container, styles: dict, definitions: NumberingDefinitions) -> LineBuilder:
        builder = LineBuilder(Numbering(definitions), styles)
        builder.blocks(container)
        builder.finish()
        return builder

    # -- the package ----------------------------------------------------------------

    def _main_part(self) -> str:
        """The main document part named by the package relationships (word/document.xml)."""
        try:
            rels = self._parse(self._bytes("_rels/.rels"), "_rels/.rels")
        except UnreadableInput:
            if "word/document.xml" in self.archive.namelist():
                return "word/document.xml"
            raise UnreadableInput("docx", "no _rels/.rels and no word/document.xml: not a Word file") from None
        for rel in rels.iter(_REL):
            if rel.get("Type", "").rsplit("/", 1)[-1] in _MAIN_TYPES:
                return rel.get("Target", "").lstrip("/")
        raise UnreadableInput("docx", "the package names no main document: not a Word file")

    def _relationships(self, part: str) -> dict[str, list[str]]:
        """The parts the main part relates to, by type (header, footnotes, styles …)."""
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if rels_name not in self.archive.namelist():
            return {}
        related: dict[str, list[str]] = {}
        for rel in self._parse(self._bytes(rels_name), rels_name).iter(_REL):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if not target.startswith("/"):
                target = posixpath.normpath(posixpath.join(folder, target))
            target = target.lstrip("/")
            related.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], []).append(target)
        return related

    def _xml(self, name: str | None):
        if not name or name not in self.archive.namelist():
            return None
        return self._parse(self._bytes(name), name)

    def _bytes(self, name: str) -> bytes:
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            raise UnreadableInput("docx", f"no part {name}") from None
        if info.file_size > self.limit:
            raise UnreadableInput("docx", f"{name} is {info.file_size} bytes uncompressed (limit {self.limit})")
        with self.archive.open(info) as handle:
            data = handle.read(self.limit + 1)  # the header may lie: stop reading past the limit
        if len(data) > self.limit:
            raise UnreadableInput("docx", f"{name} exceeds {self.limit} bytes uncompressed")
        return data

    @staticmethod
    def _parse(data: bytes, name: str):
        if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
            raise UnreadableInput("docx", f"{name} declares a DTD or entities, which Word files never do")
        for strict, transitional in _STRICT:
            data = data.replace(strict, transitional)
        parser = etree.XMLParser(remove_blank_text=False, resolve_entities=False, load_dtd=False,
                                 no_network=True, huge_tree=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise UnreadableInput("docx", f"{name}: {exc}") from None
        info = root.getroottree().docinfo
        if info.doctype or info.internalDTD is not None:  # declared in an encoding the byte test cannot see
            raise UnreadableInput("docx", f"{name} declares a DTD or entities, which Word files never do")
        return root


def body_lines(body, styles_root=None, numbering_root=None) -> LineBuilder:
    """The lines of a body element as read_docx reads them, recording where each line's
    text comes from (for writing findings back into the file)."""
    builder = LineBuilder(Numbering(_numbering(numbering_root)), _styles(styles_root), record=True)
    builder.blocks(body)
    builder.finish()
    return builder


def _source(lines: list[str], levels: dict, marks, parts=()) -> SourceText:
    return SourceText(lines, ["\n"] * (len(lines) - 1) + [""], "docx", False, levels, tuple(marks), tuple(parts))


def _numbered(found: list[tuple[str, LineBuilder]]) -> tuple[Part, ...]:
    """Parts numbered within their kind: footnote:1, footnote:2 …; a kind with one part
    (the usual single header) has no number."""
    totals: dict[str, int] = {}
    for kind, _ in found:
        totals[kind] = totals.get(kind, 0) + 1
    seen: dict[str, int] = {}
    parts = []
    for kind, builder in found:
        if not any(line.strip() for line in builder.lines) and not builder.marks:
            continue  # an empty header or footer: nothing to check
        seen[kind] = seen.get(kind, 0) + 1
        number = seen[kind] if totals[kind] > 1 or kind in ("footnote", "endnote", "comment") else 0
        parts.append(Part(kind, number, _source(builder.lines, {}, builder.marks)))
    return tuple(parts)


def _val(element, tag: str, default=None):
    found = element.find(f"{W}{tag}") if element is not None else None
    return found.get(f"{W}val", default) if found is not None else default


def _int(text, default):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _styles(root) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    for element in root.iterchildren(f"{W}style") if root is not None else ():
        if element.get(f"{W}type", "paragraph") != "paragraph":
            continue
        properties = element.find(f"{W}pPr")
        num_pr = properties.find(f"{W}numPr") if properties is not None else None
        num = None
        if num_pr is not None and num_pr.find(f"{W}numId") is not None:
            num = (_val(num_pr, "numId", "0"), _int(_val(num_pr, "ilvl"), 0))
        styles[element.get(f"{W}styleId", "")] = Style(
            based_on=_val(element, "basedOn"), num=num, outline=_int(_val(properties, "outlineLvl"), None),
            name=_val(element, "name", "") or "")
    return styles


def _numbering(root) -> NumberingDefinitions:
    definitions = NumberingDefinitions()
    if root is None:
        return definitions
    for abstract in root.iterchildren(f"{W}abstractNum"):
        levels = [Level() for _ in range(9)]
        for lvl in abstract.iterchildren(f"{W}lvl"):
            index = _int(lvl.get(f"{W}ilvl"), -1)
            if 0 <= index < 9:
                levels[index] = _level(lvl)
        definitions.abstract[abstract.get(f"{W}abstractNumId", "")] = levels
    for num in root.iterchildren(f"{W}num"):
        starts, overrides = {}, {}
        for override in num.iterchildren(f"{W}lvlOverride"):
            index = _int(override.get(f"{W}ilvl"), -1)
            start = _int(_val(override, "startOverride"), None)
            if start is not None:
                starts[index] = start
            lvl = override.find(f"{W}lvl")
            if lvl is not None:
                overrides[index] = _level(lvl)
        definitions.nums[num.get(f"{W}numId", "")] = (_val(num, "abstractNumId", ""), starts, overrides)
    return definitions


def _level(lvl) -> Level:
    restart = _val(lvl, "lvlRestart")
    legal = lvl.find(f"{W}isLgl")
    return Level(start=_int(_val(lvl, "start"), 1), fmt=_val(lvl, "numFmt", "decimal") or "decimal",
                 text=_val(lvl, "lvlText", "") or "", restart=_int(restart, None) if restart is not None else None,
                 legal=legal is not None and legal.get(f"{W}val", "true") not in ("0", "false", "off"),
                 suffix=_val(lvl, "suff", "tab") or "tab")

