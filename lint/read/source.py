"""What every reader gives and refuses: SourceText (decoded lines, with what is needed
to write them back) or UnreadableInput (a reason key); reading a regular file's bytes."""
from __future__ import annotations

import stat
from dataclasses import field
from pathlib import Path

from lint.record import record


class UnreadableInput(Exception):
    """The input cannot be turned into text; the message says why (a reason key)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


MARK_KINDS = ("revision", "comment", "field", "autonumber")


@record(frozen=True)
class Mark:
    """What a reader saw that the text alone does not show, at a place in the text
    (0-based line, columns start..end; end == start for a point): a tracked change
    (`detail`: ins, del, moveFrom, moveTo, format), a comment, a field (`detail`: its
    instruction, the span: its displayed result) or an automatic number (the span: the
    label Word renders, which is not in the paragraph's own text)."""

    kind: str
    line: int
    start: int
    end: int
    detail: str = ""


@record(frozen=True)
class SourceText:
    """Decoded text split into lines, with what is needed to write it back, and what a
    structured format adds: outline levels of headings that carry no number (Word
    heading styles, Markdown #), marks, and the parts outside the body (headers,
    footnotes …), each its own SourceText."""

    lines: list[str]
    endings: list[str]  # the terminator of each line ("" for the last one if none)
    encoding: str
    bom: bool
    levels: dict[int, int] = field(default_factory=dict)  # line -> outline level (1 = top)
    marks: tuple[Mark, ...] = ()
    parts: tuple["Part", ...] = ()


PART_KINDS = ("body", "header", "footer", "footnote", "endnote", "comment", "textbox")


@record(frozen=True)
class Part:
    """A part of the file outside its body; `number` tells footnotes, comments … apart
    (1-based, in the order the reader met them; 0 when there is only one of a kind)."""

    kind: str
    number: int
    source: SourceText

    @property
    def id(self) -> str:
        """The stable name of the part in findings: header, footnote:3 …"""
        return f"{self.kind}:{self.number}" if self.number else self.kind


def outline_levels(lines: list[str], levels: dict[int, int]) -> dict[int, int]:
    """Heading levels as the outline takes them. A styled heading on the first line is
    the document's title, not a section (a section heading there would carry a number,
    which the outline reads from the text); the highest remaining level becomes 1, so
    sections styled Heading 2 under a Heading 1 title are top-level sections."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    levels = {line: level for line, level in levels.items() if line != first}
    if not levels:
        return {}
    top = min(levels.values())
    return {line: level - top + 1 for line, level in levels.items()}


def unreadable(exc: OSError) -> UnreadableInput:
    """The reason an OS error gives for not reading a file."""
    if isinstance(exc, PermissionError):
        return UnreadableInput("permission")
    if isinstance(exc, IsADirectoryError):
        return UnreadableInput("is_directory")
    if isinstance(exc, FileNotFoundError):
        return UnreadableInput("os_error", "no such file (a dangling symlink?)")
    return UnreadableInput("os_error", exc.strerror or str(exc))  # ELOOP for a symlink loop …


def regular_file_size(path: Path) -> int:
    """The size of a regular file; anything else (FIFO, device, socket, directory,
    dangling symlink) is refused before it is opened, so reading never blocks."""
    try:
        info = path.stat()
    except OSError as exc:
        raise unreadable(exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableInput("is_directory")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableInput("not_regular")
    return info.st_size


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes, refused past `max_bytes` before it is read."""
    size = regular_file_size(path)
    if size > max_bytes:
        raise UnreadableInput("too_large", f"{size} > {max_bytes}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise unreadable(exc) from None


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Split on CRLF, LF and CR, keeping each terminator so the file can be rebuilt; in
    linear time (each kind of line end is searched for again only once passed)."""
    if "\r" not in text:  # the usual case
        lines = text.split("\n")
        endings = ["\n"] * (len(lines) - 1) + [""]
        if len(lines) > 1 and lines[-1] == "":
            lines.pop()
            endings.pop()
        return lines, endings
    lines: list[str] = []
    endings: list[str] = []
    start = 0
    lf, cr = text.find("\n"), text.find("\r")
    while lf >= 0 or cr >= 0:
        if cr < 0 or 0 <= lf < cr:
            end, ending = lf, "\n"
        elif lf == cr + 1:
            end, ending = cr, "\r\n"
        else:
            end, ending = cr, "\r"
        lines.append(text[start:end])
        endings.append(ending)
        start = end + len(ending)
        if 0 <= lf < start:
            lf = text.find("\n", start)
        if 0 <= cr < start:
            cr = text.find("\r", start)
    if start < len(text) or not lines:
        lines.append(text[start:])
        endings.append("")
    return lines, endings


