"""Check kinds: the generic machinery that rule files configure.

A kind declares its parameters (validated when the pack loads, so a bad rule
stops the run before any file is read) and yields Hits for one document.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

import regex

from ..finding import Hit


class ParamError(Exception):
    """A rule parameter is wrong; raised at load time with the parameter's name."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Param:
    kind: str                 # str | int | bool | regex | regexes | strs | scope | role | roles | mapping
    doc: str
    required: bool = False
    default: Any = None
    choices: tuple = ()


@dataclass
class CheckKind:
    name: str
    doc: str
    params: dict[str, Param]
    run: Callable[..., Iterable[Hit]]


KINDS: dict[str, CheckKind] = {}


def check_kind(name: str, doc: str, **params: Param):
    def register(func):
        KINDS[name] = CheckKind(name, doc, params, func)
        return func
    return register


def compile_pattern(key: str, value: str) -> regex.Pattern:
    if not isinstance(value, str) or not value:
        raise ParamError(key, "must be a non-empty regular expression string")
    try:
        return regex.compile(value)  # V0: the same syntax as Python's re
    except regex.error as exc:
        raise ParamError(key, f"bad regular expression: {exc}") from None


def finditer(pattern: regex.Pattern, text: str, start: int, end: int, ctx):
    """finditer under the rule's remaining time budget (TimeoutError past it)."""
    return pattern.finditer(text, start, end, timeout=ctx.time_left())


def search(pattern: regex.Pattern, text: str, start: int, end: int, ctx):
    return pattern.search(text, start, end, timeout=ctx.time_left())


from . import patterns, structure, dates, coverage  # noqa: E402,F401  (register the kinds)


@check_kind("engine", "Raised by the engine itself (unreadable input, a rule past its time "
            "budget); the rule file carries its message and severity.")
def run_engine(ctx, params):
    return iter(())
