"""What every match of a pattern must contain: a prefilter that spares a scan.

Most rules find nothing in most drafts, and the `regex` module spends 10–30 ns a
character proving it: a secrecy mark or a web page's "打印本页" is looked for through
the whole text of every report. Many patterns cannot match without one of a few
literal strings, and whether a text has a character at all is answered in C at a
fraction of a nanosecond a character. `required(pattern)` reads the pattern (a
conservative reader of the syntax the rules use: anything it does not know makes
it answer "nothing required") and gives the literal strings one of which every match
contains; `Presence.may_match` says whether the text has one of them, so a scan that
cannot find anything is not run. Sound by construction: a skipped scan is one that
would have found nothing.
"""
from __future__ import annotations

import os
from functools import lru_cache

import regex

from lint.cache import regexes as rx

MAX_STRINGS = 32  # a finite language is followed as far as this many strings …
MAX_LENGTH = 24  # … of at most this length
MAX_SOURCE = 2000  # longer patterns (lists of law titles) cost more to read than they save
MAX_REQUIRED = 48  # past this many alternatives a requirement costs more than the scan saves

# Flags that change what a literal matches (case, fuzzy, verbose syntax, set operations).
_GIVE_UP_FLAGS = regex.IGNORECASE | regex.VERBOSE | regex.FULLCASE | regex.VERSION1 | regex.WORD
_GIVE_UP_INLINE = set("ixfVuLaw")  # inline flags with those effects (or ones not followed)
_KEPT_INLINE = set("msr0")  # multiline, dotall, reverse search, VERSION0: no effect on literals
_CLASS_ESCAPES = set("dDwWsSpPXhHvVN")  # escapes that stand for a set of characters
_ZERO_WIDTH = set("AbBZzGmM")
_LITERAL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}


class _Unknown(Exception):
    """Syntax the reader does not follow: nothing can be said of the pattern."""


class _Info:
    """What a part of a pattern can match: `exact`, every string it matches (None: too
    many or unknown); `required`, literals one of which each match contains (None: none)."""

    __slots__ = ("exact", "required", "group")

    def __init__(self, exact, required=None, group: int | None = None):
        self.exact = exact
        self.required = required if required is not None else _as_required(exact)
        self.group = group  # the number of the capturing group this is


def _as_required(exact):
    if exact is None or "" in exact:
        return None
    return _smallest(exact)


def _smallest(strings):
    """The same requirement with no string containing another (containing the longer
    implies containing the shorter), or None when it has too many alternatives."""
    kept = [s for s in sorted(set(strings), key=len) if s]
    result: list[str] = []
    for s in kept:
        if not any(r in s for r in result):
            result.append(s)
    return frozenset(result) if 0 < len(result) <= MAX_REQUIRED else None


def _product(left, right):
    if left is None or right is None or len(left) * len(right) > MAX_STRINGS:
        return None
    joined = frozenset(a + b for a in left for b in right)
    return joined if all(len(s) <= MAX_LENGTH for s in joined) else None


def _better(a, b):
    """The more selective of two requirements. A single character (a comma, a bracket)
    is in most drafts, a string of two or more rarely: each alternative counts for the
    chance that a draft has it, roughly."""
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b, key=_chance)


def _chance(required) -> tuple[float, int]:
    return sum(0.5 if len(s) == 1 else 0.1 if len(s) == 2 else 0.02 for s in required), len(required)


EMPTY = frozenset({""})
_ANY_CHAR = _Info(None)  # one character, not known
_ANY_OR_EMPTY = _Info(None)  # a back reference: any text, maybe none


class _Reader:
    def __init__(self, pattern: str):
        self.text = pattern
        self.at = 0
        self.groups = 0  # capturing groups opened so far
        self.names: dict[str, int] = {}

    def peek(self, n: int = 1) -> str:
        return self.text[self.at:self.at + n]

    def take(self, n: int = 1) -> str:
        piece = self.text[self.at:self.at + n]
        if len(piece) < n:
            raise _Unknown("pattern ends early")
        self.at += n
        return piece

    def alternation(self) -> _Info:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.take()
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        exact = None
        if all(b.exact is not None for b in branches):
            union = frozenset().union(*(b.exact for b in branches))
            exact = union if len(union) <= MAX_STRINGS else None
        required = None
        if all(b.required is not None for b in branches):
            required = _smallest(frozenset().union(*(b.required for b in branches)))
        return _Info(exact, required)

    def sequence(self) -> _Info:
        run, whole, best, broken = EMPTY, EMPTY, None, False
        while self.peek() and self.peek() not in "|)":
            item = self.quantified(self.repeated_group(self.atom()))
            best = _better(best, item.required)
            joined = _product(run, item.exact)
            if joined is not None:
                run = joined
            else:
                best = _better(best, _as_required(run))
                run, broken = (item.exact if item.exact is not None else EMPTY), True
            whole = None if broken else run
        best = _better(best, _as_required(run))
        return _Info(whole, best)

    def repeated_group(self, item: _Info) -> _Info:
        """A group and a back reference to it right after it, as in ([。，])\\1+: the
        group's strings repeated (what T303-like patterns need to say anything)."""
        if item.group is None or item.exact is None or "" in item.exact:
            return item
        reference = self._reference_to(item.group)
        if reference is None:
            return item
        self.at += len(reference)
        low, high = self.quantifier() or (1, 1)
        if self.peek() in ("?", "+"):
            self.take()
        if low == 0:
            return _Info(None, _as_required(item.exact))
        doubled = frozenset(s * (low + 1) for s in item.exact)
        if any(len(s) > MAX_LENGTH for s in doubled):
            return _Info(None, _as_required(item.exact))
        return _Info(doubled if high == low else None, _as_required(doubled))

    def _reference_to(self, group: int) -> str | None:
        """The back reference to the group at the reading point, as written, if any."""
        rest = self.text[self.at:]
        number = f"\\{group}"
        if rest.startswith(number) and not rest[len(number):len(number) + 1].isdigit():
            return number
        for name, index in self.names.items():
            if index == group and rest.startswith(f"(?P={name})"):
                return f"(?P={name})"
        return None

    def quantified(self, item: _Info) -> _Info:
        bounds = self.quantifier()
        if bounds is None:
            return item
        low, high = bounds
        if self.peek() in ("?", "+"):  # lazy or possessive: the same strings
            self.take()
        repeated = EMPTY
        for _ in range(low):
            repeated = _product(repeated, item.exact)
        if low == 0:
            exact = frozenset(EMPTY | item.exact) if high == 1 and item.exact is not None else None
            return _Info(exact, None)
        required = _better(_as_required(repeated), item.required)
        return _Info(repeated if high == low else None, required)

    def quantifier(self):
        mark = self.peek()
        if mark in ("?", "*", "+"):
            self.take()
            return {"?": (0, 1), "*": (0, None), "+": (1, None)}[mark]
        if mark != "{":
            return None
        close = self.text.find("}", self.at)
        body = self.text[self.at + 1:close] if close > 0 else ""
        low, comma, high = body.partition(",")
        if not ((low.isdigit() or not low) and (high.isdigit() or not high) and (low or comma)):
            raise _Unknown("a brace that is not a repeat (fuzzy matching, a literal brace)")
        self.at = close + 1
        low_n = int(low) if low else 0
        return low_n, (int(high) if high else None) if comma else low_n

    def atom(self) -> _Info:
        mark = self.take()
        if mark == "(":
            return self.group()
        if mark == "[":
            return self.char_class()
        if mark == ".":
            return _ANY_CHAR
        if mark in ("^", "$"):
            return _Info(EMPTY)
        if mark == "\\":
            return self.escape()
        if mark in "*+?{)|":
            raise _Unknown("a repeat or bracket with nothing before it")
        return _Info(frozenset({mark}))

    def group(self) -> _Info:
        if self.peek() != "?":
            return self.captured(None)
        self.take()
        mark = self.take()
        if mark == ":" or mark == ">":
            return self.closed(self.alternation())
        if mark in ("=", "!"):
            self.closed(self.alternation())
            return _Info(EMPTY)
        if mark == "<" and self.peek() in ("=", "!"):
            self.take()
            self.closed(self.alternation())
            return _Info(EMPTY)
        if mark == "P" and self.peek() == "<" or mark == "<":
            if mark == "P":
                self.take()
            return self.captured(self.name(">"))
        if mark == "P" and self.peek() == "=":
            self.take()
            self.name(")")
            return _ANY_OR_EMPTY
        if mark == "#":
            self.name(")")
            return _Info(EMPTY)
        return self.flags(mark)

    def captured(self, name: str | None) -> _Info:
        self.groups += 1
        number = self.groups
        if name:
            self.names[name] = number
        inner = self.closed(self.alternation())
        return _Info(inner.exact, inner.required, number)

    def flags(self, first: str) -> _Info:
        mark = first
        while mark not in (")", ":"):
            if mark in _GIVE_UP_INLINE or mark not in _KEPT_INLINE | {"-"}:
                raise _Unknown(f"inline flag {mark}")
            mark = self.take()
        if mark == ")":
            return _Info(EMPTY)
        return self.closed(self.alternation())

    def name(self, end: str) -> str:
        close = self.text.find(end, self.at)
        if close < 0:
            raise _Unknown("unterminated name")
        name, self.at = self.text[self.at:close], close + 1
        return name

    def closed(self, inner: _Info) -> _Info:
        if self.take() != ")":
            raise _Unknown("unbalanced group")
        return inner

    def escape(self) -> _Info:
        mark = self.take()
        if mark in _ZERO_WIDTH:
            return _Info(EMPTY)
        if mark in _CLASS_ESCAPES:
            if mark in "pPN" and self.peek() == "{":
                self.name("}")
            elif mark in "pP":
                self.take()
            return _ANY_CHAR
        if mark.isdigit():  # a back reference or an octal escape: nothing said of it
            while self.peek().isdigit():
                self.take()
            return _ANY_OR_EMPTY
        if mark == "g" and self.peek() == "<":
            self.name(">")
            return _ANY_OR_EMPTY
        return _Info(frozenset({self.escaped(mark)}))

    def escaped(self, mark: str) -> str:
        """The character an escape inside or outside a class stands for."""
        if mark in _LITERAL_ESCAPES:
            return _LITERAL_ESCAPES[mark]
        width = {"x": 2, "u": 4, "U": 8}.get(mark)
        if width:
            digits = self.take(width)
            try:
                return chr(int(digits, 16))
            except ValueError as exc:
                raise _Unknown("bad hex escape") from exc
        if mark.isalnum():
            raise _Unknown(f"escape \\{mark}")
        return mark

    def char_class(self) -> _Info:
        if self.peek() == "^":
            self.take()
            self.skip_class()
            return _ANY_CHAR
        members: set[str] = set()
        first = True
        while True:
            mark = self.take()
            if mark == "]" and not first:
                break
            first = False
            if mark == "[":
                raise _Unknown("a nested set")
            if mark == "\\":
                escaped = self.take()
                if escaped in _CLASS_ESCAPES or escaped in _ZERO_WIDTH or escaped.isdigit():
                    self.skip_class()
                    return _ANY_CHAR
                mark = self.escaped(escaped)
            if self.peek() == "-" and self.peek(2) != "-]":
                self.take()
                high = self.take()
                if high == "\\":
                    high = self.escaped(self.take())
                if ord(high) - ord(mark) > MAX_STRINGS:
                    self.skip_class()
                    return _ANY_CHAR
                members.update(chr(c) for c in range(ord(mark), ord(high) + 1))
            else:
                members.add(mark)
        return _Info(frozenset(members) if len(members) <= MAX_STRINGS else None)

    def skip_class(self) -> None:
        """Past the end of a set whose members do not matter."""
        while True:
            mark = self.take()
            if mark == "\\":
                self.take()
            elif mark == "[":
                raise _Unknown("a nested set")
            elif mark == "]":
                return


def analyse(source: str, flags: int = 0) -> frozenset[str] | None:
    """Literal strings one of which every match of the pattern contains, or None when
    nothing can be said (syntax or flags this reader does not follow, or no literal)."""
    if flags & _GIVE_UP_FLAGS or len(source) > MAX_SOURCE:
        return None
    reader = _Reader(source)
    try:
        info = reader.alternation()
        if reader.at != len(source):
            return None  # a stray ")"
    except (_Unknown, ValueError, IndexError):
        return None
    return info.required


_seen: dict[regex.Pattern, frozenset[str] | None] = {}


def required(pattern: regex.Pattern) -> frozenset[str] | None:
    """analyse() of a compiled pattern, remembered in the process and across runs."""
    try:
        return _seen[pattern]
    except KeyError:
        version = _version()
        found = analyse(pattern.pattern, pattern.flags) if version is None else rx.derived(pattern, analyse, version)
        if not _is_answer(found):  # a damaged user cache: read the pattern again
            found = analyse(pattern.pattern, pattern.flags)
        _seen[pattern] = found
        return found


def _is_answer(found) -> bool:
    """What analyse() gives: None, or a non-empty set of non-empty strings."""
    return found is None or isinstance(found, frozenset) and 0 < len(found) and \
        all(isinstance(s, str) and s for s in found)


@lru_cache(maxsize=1)
def _version() -> str | None:
    """This reader's version: its file's size and time (an edit reads every pattern
    again); None where the module is not a file (nothing is kept across runs then)."""
    try:
        stat = os.stat(__file__)
    except OSError:
        return None
    return f"literals-{stat.st_size}-{stat.st_mtime_ns}"


class Presence:
    """Which characters (and strings) one text has, asked once each; and the answer
    for each set of literals, as a rule asks again for each part of the text."""

    __slots__ = ("text", "_has", "_answers")

    def __init__(self, text: str):
        self.text = text
        self._has: dict[str, bool] = {}
        self._answers: dict[frozenset, bool] = {}

    def may_match(self, literals: frozenset[str]) -> bool:
        """Whether the text has one of the literals."""
        answer = self._answers.get(literals)
        if answer is None:
            answer = self._answers[literals] = any(map(self._has_literal, literals))
        return answer

    def answer(self, literals: frozenset[str]) -> bool | None:
        """may_match's answer if it was asked already, else None."""
        return self._answers.get(literals)

    def _has_literal(self, literal: str) -> bool:
        """Its characters first (one character is found many times faster than a string)."""
        has, text = self._has, self.text
        if len(literal) == 1:
            known = has.get(literal)
            if known is None:
                known = has[literal] = literal in text
            return known
        for char in literal:
            known = has.get(char)
            if known is None:
                known = has[char] = char in text
            if not known:
                return False
        return literal in text
