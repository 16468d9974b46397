"""A decoded document: original lines, the folded view, and offset arithmetic.

Offsets index `text`, which is the lines joined by "\\n" whatever the file's own
line ends were, so line and column numbers are the same for LF, CRLF and CR.
"""
from __future__ import annotations

import bisect
from dataclasses import field
from functools import cached_property

from lint.parse.fold import fold
from lint.read.source import SourceText
from lint.record import record


@record
class Document:
    path: str
    source: SourceText
    part: str = ""  # "" for the body; header, footnote:3 … for the other parts of a Word file
    line_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        starts = [0]
        for line in self.source.lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        self.line_starts = starts

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> "Document":
        from lint.read.source import split_lines

        lines, endings = split_lines(text)
        return cls(path, SourceText(lines, endings, "utf-8", False))

    @property
    def lines(self) -> list[str]:
        return self.source.lines

    @cached_property
    def text(self) -> str:
        return "\n".join(self.source.lines)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    def view(self, name: str) -> str:
        return self.folded if name == "folded" else self.text

    @cached_property
    def generated(self) -> list[tuple[int, int]]:
        """Offset spans of text the reader generated (Word's automatic numbers)."""
        spans = []
        for mark in self.source.marks:
            if mark.kind == "autonumber" and mark.line < len(self.line_starts):
                start = self.line_starts[mark.line]
                spans.append((start + mark.start, start + mark.end))
        return spans

    def generated_span(self, offset: int) -> tuple[int, int] | None:
        """The generated span holding the offset, if any."""
        return next(((start, end) for start, end in self.generated if start <= offset < end), None)

    def line_span(self, index: int) -> tuple[int, int]:
        """Offsets of line `index` (0-based), without its terminator."""
        start = self.line_starts[index]
        return start, start + len(self.source.lines[index])

    def line_of(self, offset: int) -> int:
        """0-based line index containing `offset`."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def span_position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """1-based (line, column, end_line, end_column) of a span; one search when it
        ends on the line it starts on, as nearly every finding does."""
        index = bisect.bisect_right(self.line_starts, start) - 1
        line_start = self.line_starts[index]
        if end <= line_start + len(self.source.lines[index]):
            return index + 1, start - line_start + 1, index + 1, end - line_start + 1
        return (index + 1, start - line_start + 1, *self.position(end))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count code points."""
        index = self.line_of(offset)
        return index + 1, offset - self.line_starts[index] + 1
