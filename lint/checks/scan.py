"""Helpers the text kinds share: searches under the rule's time budget, ranges."""
from __future__ import annotations

import regex

from lint.checks.literals import required

# Below this many characters a scan costs less than asking a text for a pattern's
# literals the first time (some patterns have forty); an answer known is used anyway.
PREFILTER_MIN_CHARS = 1500


def finditer(pattern: regex.Pattern, text: str, start: int, end: int, ctx):
    """finditer under the rule's time limit (lint.limits: the timer, or a per-call
    timeout); none at all when the text lacks what every match contains."""
    if not _may_match(pattern, text, end - start, ctx):
        return iter(())
    return pattern.finditer(text, start, end, timeout=ctx.time_left())


def search(pattern: regex.Pattern, text: str, start: int, end: int, ctx):
    if not _may_match(pattern, text, end - start, ctx):
        return None
    return pattern.search(text, start, end, timeout=ctx.time_left())


def _may_match(pattern: regex.Pattern, text: str, length: int, ctx) -> bool:
    literals = required(pattern)
    if literals is None:
        return True
    presence = ctx.presence(text)
    return presence.may_match(literals) if length >= PREFILTER_MIN_CHARS else presence.answer(literals) is not False


def subtract(ranges: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of `ranges` outside every hole (both sorted or not; small lists)."""
    result = []
    for start, end in ranges:
        pieces = [(start, end)]
        for h_start, h_end in holes:
            pieces = [p for a, b in pieces for p in ((a, min(b, h_start)), (max(a, h_end), b)) if p[0] < p[1]]
        result.extend(pieces)
    return result


class SpanSet:
    """Spans a check must leave alone (URLs, titles …), in order and not overlapping (a
    scan's matches). Asked in the order of a scan's matches, so a cursor walks them once."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self._after = 0  # the first span that may still overlap what is asked next

    def __bool__(self) -> bool:
        return bool(self.starts)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a span; `start` never decreases between calls."""
        ends, after = self.ends, self._after
        while after < len(ends) and ends[after] <= start:
            after += 1
        self._after = after
        return after < len(ends) and self.starts[after] < end


def skip_spans(pattern, text: str, start: int, end: int, ctx) -> SpanSet:
    if pattern is None:
        return SpanSet([])
    return SpanSet([m.span() for m in finditer(pattern, text, start, end, ctx)])
