"""Check kinds: the generic machinery that rule files configure.

A kind declares its parameters (validated when the pack loads, so a bad rule
stops the run before any file is read) and yields Hits for one document.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import regex

from .. import rx
from ..finding import Edit, Hit  # noqa: F401  (re-exported for the kinds)


class ParamError(Exception):
    """A rule parameter is wrong; raised at load time with the parameter's name."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Param:
    kind: str  # str | int | bool | regex | regexes | strs | scope | scopes | role | roles | mapping | path | custom
    doc: str
    required: bool = False
    default: Any = None
    choices: tuple = ()
    convert: Callable[[str, Any, Any], Any] | None = None  # kind "custom": (key, value, base_dir) -> value


@dataclass
class CheckKind:
    name: str
    doc: str
    params: dict[str, Param]
    run: Callable[..., Iterable[Hit]]
    fixable: Callable[[dict], bool] = lambda params: False
    validate: Callable[[dict], None] = lambda params: None  # cross-parameter checks at load time


KINDS: dict[str, CheckKind] = {}


def check_kind(name: str, doc: str, *, fixable=None, validate=None, **params: Param):
    def register(func):
        kind = CheckKind(name, doc, params, func)
        if fixable:
            kind.fixable = fixable
        if validate:
            kind.validate = validate
        KINDS[name] = kind
        return func
    return register


def compile_pattern(key: str, value: str) -> regex.Pattern:
    if not isinstance(value, str) or not value:
        raise ParamError(key, "must be a non-empty regular expression string")
    try:
        return rx.compile(value)  # V0: the same syntax as Python's re
    except regex.error as exc:
        raise ParamError(key, f"bad regular expression: {exc}") from None


def finditer(pattern: regex.Pattern, text: str, start: int, end: int, ctx):
    """finditer under the rule's remaining time budget (TimeoutError past it)."""
    return pattern.finditer(text, start, end, timeout=ctx.time_left())


def search(pattern: regex.Pattern, text: str, start: int, end: int, ctx):
    return pattern.search(text, start, end, timeout=ctx.time_left())


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
    """Spans a check must leave alone (URLs, titles …): overlap test by bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, max(start, end - 1)) - 1
        return i >= 0 and self.ends[i] > start


def skip_spans(pattern, text: str, start: int, end: int, ctx) -> SpanSet:
    if pattern is None:
        return SpanSet([])
    return SpanSet([m.span() for m in finditer(pattern, text, start, end, ctx)])


from . import patterns, structure, dates, coverage, typography, hygiene  # noqa: E402,F401  (register the kinds)


@check_kind("engine", "Raised by the engine itself (unreadable input, a rule past its time "
            "budget); the rule file carries its message and severity.")
def run_engine(ctx, params):
    return iter(())
