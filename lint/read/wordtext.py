"""The text of Word paragraphs as Word shows it (the "final" view of a draft).

Inserted text (w:ins, w:moveTo) is in, deleted text (w:del, w:moveFrom) is out; content
controls, smart tags, hyperlinks and custom XML are read through; a field shows its
result, never its instruction; w:sym, tabs and non-breaking hyphens are characters.
Each paragraph starts a line, and so does each soft line break (w:br, w:cr: Shift+Enter),
so line N is what a .txt copy of the draft has on line N. Automatic numbers are
rendered at the start of their paragraph and marked as generated. Text boxes are not
part of their anchor paragraph: they are collected as a part of their own.
"""
from __future__ import annotations

from lint.read.source import Mark
from lint.read.wordnumbering import Numbering, Style, heading_level, paragraph_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
BREAK_TYPES_IGNORED = ("page", "column")
READ_THROUGH = {f"{W}{name}" for name in ("hyperlink", "smartTag", "customXml", "sdtContent", "dir", "bdo")}
REVISIONS_SHOWN = {f"{W}ins": "ins", f"{W}moveTo": "moveTo"}
REVISIONS_HIDDEN = {f"{W}del": "del", f"{W}moveFrom": "moveFrom"}
FORMAT_CHANGES = {f"{W}rPrChange", f"{W}pPrChange", f"{W}sectPrChange", f"{W}tblPrChange", f"{W}trPrChange",
                  f"{W}tcPrChange", f"{W}numberingChange"}


class LineBuilder:
    """Lines, marks and heading levels of one part, built paragraph by paragraph."""

    def __init__(self, numbering: Numbering | None, styles: dict[str, Style], record: bool = False):
        self.numbering = numbering
        self.styles = styles
        self.lines: list[str] = []
        self.pieces: list[str] = []
        self.marks: list[Mark] = []
        self.levels: dict[int, int] = {}
        self.textboxes: list[list] = []  # paragraphs (XML elements' containers) of text boxes met
        self.fields: list[dict] = []  # open complex fields: {"instr": [...], "result": (line, col) or None}
        self._open_comments: dict[str, tuple[int, int]] = {}
        self._joined = False  # the last paragraph mark was deleted: the next paragraph runs on
        self._paragraphs = 0
        self._finished = False
        # With `record`: where each line's text comes from, for writing back (annotate):
        self.record = record
        self.segments: list[tuple[int, int, int, object]] = []  # (line, start, end, w:t element)
        self.paragraph_of: list[object] = []  # the w:p of each line
        self._paragraph = None

    # -- positions ------------------------------------------------------------------

    def here(self) -> tuple[int, int]:
        return len(self.lines), sum(map(len, self.pieces))

    def mark(self, kind: str, start: tuple[int, int], detail: str = "") -> None:
        """A mark from `start` to here; one that crosses a line end stops at it."""
        line, column = self.here()
        if line != start[0]:
            column = len(self.lines[start[0]])
        self.marks.append(Mark(kind, start[0], start[1], column, detail))

    def write(self, text: str) -> None:
        if text and not self._hidden():
            self.pieces.append(text)

    def _hidden(self) -> bool:
        """Inside a field's instruction, which Word does not show."""
        return any(field["result"] is None for field in self.fields)

    def break_line(self) -> None:
        self.lines.append("".join(self.pieces))
        self.pieces = []
        if self.record:
            self.paragraph_of.append(self._paragraph)

    def finish(self) -> list[str]:
        """The lines, the last paragraph's included (once)."""
        if not self._finished:
            self._finished = True
            self.break_line()
        return self.lines

    # -- blocks ---------------------------------------------------------------------

    def blocks(self, container) -> None:
        """Paragraphs and tables in document order, through content controls."""
        for child in container.iterchildren():
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                for row in child.iterchildren(f"{W}tr"):
                    for cell in row.iterchildren(f"{W}tc"):
                        self.blocks(cell)
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                self.blocks(child)
            elif tag in REVISIONS_SHOWN:
                self.blocks(child)
            elif tag in REVISIONS_HIDDEN:
                self.mark("revision", self.here(), REVISIONS_HIDDEN[tag])

    def paragraph(self, p) -> None:
        if self._paragraphs and not self._joined:
            self.break_line()
        self._paragraphs += 1
        self._joined = False
        self._paragraph = p
        properties = p.find(f"{W}pPr")
        style_id, own_num, own_level, mark_deleted = _paragraph_properties(properties, self)
        level = heading_level(own_level, style_id, self.styles)
        if level is not None:
            self.levels[len(self.lines)] = level
        number = paragraph_number(own_num, style_id, self.styles)
        if number and self.numbering is not None:
            label = self.numbering.label(*number)  # None for bullets and unknown lists
            if label:
                start = self.here()
                self.write(label)
                self.mark("autonumber", start, label)
        self.inline(p)
        if mark_deleted:
            self._joined = True  # Word shows this paragraph run into the next one

    # -- inline content -------------------------------------------------------------

    def inline(self, element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == f"{W}r":
                self.run(child)
            elif tag in REVISIONS_SHOWN:
                start = self.here()
                self.inline(child)
                self.mark("revision", start, REVISIONS_SHOWN[tag])
            elif tag in REVISIONS_HIDDEN:
                start = self.here()
                self.mark("revision", start, REVISIONS_HIDDEN[tag])
            elif tag == f"{W}fldSimple":
                start = self.here()
                self.inline(child)
                self.mark("field", start, child.get(f"{W}instr", "").strip())
            elif tag in READ_THROUGH or tag == f"{W}sdt":
                self.inline(child)
            elif tag == f"{W}commentRangeStart":
                self._open_comments[child.get(f"{W}id", "")] = self.here()
            elif tag == f"{W}commentRangeEnd":
                start = self._open_comments.pop(child.get(f"{W}id", ""), self.here())
                self.mark("comment", start, child.get(f"{W}id", ""))
            elif tag == f"{MC}AlternateContent":
                self._alternate(child)
            elif tag in FORMAT_CHANGES:
                self.mark("revision", self.here(), "format")

    def run(self, run) -> None:
        for child in run.iterchildren():
            handler = self._RUN_CONTENT.get(child.tag)
            if handler is not None:
                handler(self, child)

    def _text(self, element) -> None:
        line, start = self.here()
        self.write(element.text or "")
        if self.record and self.here()[1] > start:
            self.segments.append((line, start, self.here()[1], element))

    def _break(self, element) -> None:
        if element.get(f"{W}type") not in BREAK_TYPES_IGNORED and not self._hidden():
            self.break_line()

    def _instruction(self, element) -> None:
        if self.fields:
            self.fields[-1]["instr"].append(element.text or "")

    def _run_properties(self, element) -> None:
        if element.find(f"{W}rPrChange") is not None:
            self.mark("revision", self.here(), "format")

    _RUN_CONTENT = {
        f"{W}t": _text,
        f"{W}tab": lambda self, element: self.write("\t"),
        f"{W}ptab": lambda self, element: self.write("\t"),
        f"{W}br": _break,
        f"{W}cr": _break,
        f"{W}noBreakHyphen": lambda self, element: self.write("-"),
        f"{W}sym": lambda self, element: self.write(_symbol(element.get(f"{W}char", ""))),
        f"{W}instrText": _instruction,
        f"{W}fldChar": lambda self, element: self._field_char(element.get(f"{W}fldCharType")),
        f"{W}drawing": lambda self, element: self._textboxes(element),
        f"{W}pict": lambda self, element: self._textboxes(element),
        f"{W}object": lambda self, element: self._textboxes(element),
        f"{MC}AlternateContent": lambda self, element: self._alternate(element),
        f"{W}rPr": _run_properties,
    }

    def _field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append({"instr": [], "result": None})
        elif kind == "separate" and self.fields:
            self.fields[-1]["result"] = self.here()
        elif kind == "end" and self.fields:
            field = self.fields.pop()
            self.mark("field", field["result"] or self.here(), "".join(field["instr"]).strip())

    def _alternate(self, element) -> None:
        """mc:AlternateContent: the first choice (a text box has a DrawingML choice and a
        VML fallback holding the same text: read one)."""
        choice = element.find(f"{MC}Choice")
        chosen = choice if choice is not None else element.find(f"{MC}Fallback")
        if chosen is not None:
            self._textboxes(chosen)
            self.inline(chosen)

    def _textboxes(self, element) -> None:
        for box in element.iter(f"{W}txbxContent"):
            if not any(ancestor.tag == f"{W}txbxContent" for ancestor in box.iterancestors()):
                self.textboxes.append(box)


def _paragraph_properties(properties, builder: LineBuilder):
    """style id, own (numId, ilvl), own outline level, whether the paragraph mark is deleted."""
    if properties is None:
        return None, None, None, False
    style = properties.find(f"{W}pStyle")
    style_id = style.get(f"{W}val") if style is not None else None
    own_num = None
    num_pr = properties.find(f"{W}numPr")
    if num_pr is not None:
        num_id, ilvl = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
        if num_id is not None:
            own_num = (num_id.get(f"{W}val", "0"), _int(ilvl.get(f"{W}val") if ilvl is not None else "0", 0))
    outline = properties.find(f"{W}outlineLvl")
    own_level = _int(outline.get(f"{W}val"), None) if outline is not None else None
    mark = properties.find(f"{W}rPr")
    deleted = mark is not None and (mark.find(f"{W}del") is not None or mark.find(f"{W}moveFrom") is not None)
    if mark is not None:
        for tag in ("ins", "del", "moveFrom", "moveTo"):
            if mark.find(f"{W}{tag}") is not None:
                builder.mark("revision", builder.here(), tag)
    if properties.find(f"{W}pPrChange") is not None:
        builder.mark("revision", builder.here(), "format")
    return style_id, own_num, own_level, deleted


def _int(text, default):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _symbol(code: str) -> str:
    """A w:sym character: symbol fonts put their glyphs at U+F0xx."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF020 <= value <= 0xF0FF:
        value -= 0xF000
    return chr(value) if 0 < value < 0x110000 else ""
