"""Hygiene kinds: a character set counted once per file, personal identifiers."""
from __future__ import annotations

from lint.cache import regexes as rx
from lint.checks.registry import check_kind
from lint.checks.scan import finditer
from lint.findings import Hit
from lint.pack.params import Int, Names, Scope, Text
from lint.parse.fold import find_traditional

_SCOPE = Scope("where to look (see `pattern`)", default="document")


_CHARSETS = {"traditional": find_traditional}  # name -> its finder: (count, first offset or -1)


@check_kind(
    "charset",
    "Characters of a named set in the original text (`traditional`: those OpenCC maps "
    "to a different Simplified form) give one finding per file, at the first one, with "
    "the count ({count}) and the first character ({char}) — not one per character.",
    set=Text("the character set", default="traditional", choices=("traditional",)),
    min_count=Int("report only from this many characters on", default=1),
    scope=_SCOPE,
)
def run_charset(ctx, params):
    finder = _CHARSETS[params["set"]]
    text = ctx.doc.text
    first, count = None, 0
    for start, end in ctx.scope(params["scope"]):
        found, at = finder(text[start:end])
        if found and first is None:
            first = start + at
        count += found
    if first is not None and count >= max(1, params["min_count"]):
        yield Hit(first, first + 1, {"count": count, "char": text[first]})


_ID = rx.compile(r"(?<![0-9A-Za-z])[1-8]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
                    r"(?![0-9A-Za-z])")
_MOBILE = rx.compile(r"(?<![\d+])(?:(?:\+|00)?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def valid_resident_id(number: str) -> bool:
    """GB 11643 check digit of an 18-character resident identity number."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


def mask(number: str) -> str:
    digits = number.replace("-", "").replace(" ", "")
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:] if len(digits) > 11 else \
        digits[:3] + "****" + digits[-4:]


@check_kind(
    "personal_data",
    "Personal identifiers that must not be published: `resident_id` (18-character PRC "
    "resident identity numbers whose check digit is valid) and `mobile` (mainland mobile "
    "numbers, 11 digits from 13–19, with or without +86 and separators). The message "
    "gets the number masked ({masked}), never the whole number.",
    types=Names("resident_id and/or mobile", default=["resident_id", "mobile"]),
    scope=_SCOPE,
)
def run_personal_data(ctx, params):
    text = ctx.doc.folded  # full-width digits are ASCII here
    checks = []
    if "resident_id" in params["types"]:
        checks.append((_ID, valid_resident_id))
    if "mobile" in params["types"]:
        checks.append((_MOBILE, lambda number: True))
    for start, end in ctx.scope(params["scope"]):
        for pattern, valid in checks:
            for m in finditer(pattern, text, start, end, ctx):
                if valid(m.group()):
                    yield Hit(m.start(), m.end(), {"masked": mask(m.group())})
