"""The folded view: Simplified characters, one width for punctuation, same length.

Rules match against this view so one pattern serves Simplified and Traditional
reports, half-width and full-width punctuation. Every character maps to exactly
one character, so an offset in the folded text is the offset in the original.
The Traditional->Simplified table is OpenCC's TSCharacters (first candidate).
"""
from __future__ import annotations

import codecs
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from lint.cache.user import derived

# Half-width punctuation as used in Chinese text -> the full-width form rules are written in.
_PUNCT = {
    ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）",
    "\u3000": " ", "．": ".", "～": "~", "－": "-", "／": "/",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
}


def _opencc_file() -> Path:
    # Found without importing opencc (and importlib.resources): only its data file is needed.
    spec = find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("opencc (opencc-python-reimplemented) is not installed")
    return Path(spec.submodule_search_locations[0]) / "dictionary" / "TSCharacters.txt"


def _parse_opencc(text: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in text.splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ", 1)[0]
        if len(key) == 1 and len(first) == 1 and key != first:
            table[key] = first
    return table


def _build_tables(text: str) -> tuple[dict[int, int], str, str, str]:
    """The folding table; the Traditional-only characters; the other characters it folds
    (punctuation, widths); the few Traditional-only characters GB 2312 can encode."""
    opencc = _parse_opencc(text)
    table = {ord(k): ord(v) for k, v in opencc.items()}
    for code in range(0xFF10, 0xFF5F):  # full-width digits and letters -> ASCII
        ch = chr(code)
        if ch.isalnum():
            table[code] = code - 0xFEE0
    table.update({ord(k): ord(v) for k, v in _PUNCT.items()})
    traditional = "".join(opencc)
    others = "".join(chr(code) for code in table if chr(code) not in opencc)
    return table, traditional, others, traditional.encode("gb2312", "ignore").decode("gb2312")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, int], str, str, str]:
    """Built once per version of OpenCC's file, then loaded from the user's cache
    (parsing the file took a tenth of a run over one report)."""
    raw = _opencc_file().read_bytes()
    return tuple(derived("fold-2", raw, lambda: list(_build_tables(raw.decode("utf-8"))), list))


def translation_table() -> dict[int, int]:
    return _tables()[0]


@lru_cache(maxsize=1)
def traditional_chars() -> frozenset[str]:
    """Characters that are Traditional-only (they have a different Simplified form)."""
    return frozenset(_tables()[1])


@lru_cache(maxsize=1)
def _plane_table() -> list[int]:
    """translation_table() as a list indexed by code point, for the Basic Multilingual
    Plane. str.translate looks a dict up once a character and pays for a KeyError on
    every character it does not map (most of them): a list answers every lookup, at
    two and a half times the speed, but costs 4 ms to build."""
    table = list(range(0x10000))
    for code, folded in translation_table().items():
        if code < 0x10000:
            table[code] = folded
    return table


@lru_cache(maxsize=1)
def _traditional_marked() -> list[int]:
    table = list(range(0x10000))
    for ch in traditional_chars():
        if ord(ch) < 0x10000:
            table[ord(ch)] = 0
    return table


class _Usage:
    """The list tables repay their building after some documents: a run over one file
    (a pre-commit hook) folds with the dict, a batch with the lists."""

    LISTS_AFTER = 12
    documents = 0

    @classmethod
    def lists(cls, text: str) -> bool:
        return cls.documents > cls.LISTS_AFTER and not has_astral(text)


def has_astral(text: str) -> bool:
    """Whether the text has characters beyond the Basic Multilingual Plane (beyond the
    lists). Each takes two UTF-16 units; encoding is many times faster than max(text)."""
    return len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text)


class _TraditionalMet(Exception):
    pass


def _unencodable(error: UnicodeEncodeError):
    """The GB 2312 encoder's error handler for find_traditional: a character it cannot
    encode that is Traditional ends the encoding; any other (—, 〇, a rare character) is
    passed over."""
    if not traditional_chars().isdisjoint(error.object[error.start:error.end]):
        raise _TraditionalMet
    return "", error.end


codecs.register_error("reportlint.traditional", _unencodable)


def _traditional_in_gb2312() -> str:
    """The few Traditional-only characters that GB 2312 (a Simplified set) can encode."""
    return _tables()[3]


_last_asked: tuple = (None, False)  # (text, _simplified's answer): folding and H403 ask of one text


def _simplified(text: str) -> bool:
    """Whether the text has no Traditional-only character GB 2312 cannot encode (all but
    a few): most drafts are Simplified, and the encoder (C) tells so at a tenth of a
    translate's time."""
    global _last_asked
    asked, answer = _last_asked
    if asked is not text:
        try:
            text.encode("gb2312", "reportlint.traditional")
            answer = True
        except _TraditionalMet:
            answer = False
        _last_asked = (text, answer)
    return answer


@lru_cache(maxsize=1)
def _simplified_fold() -> tuple[tuple[str, str], ...]:
    """What folding changes in a _simplified text (punctuation, widths, the Traditional
    characters GB 2312 has), as replacements; empty if one's result is another's
    source (then replacing in turn would not be one translate)."""
    table = translation_table()
    pairs = tuple((ch, chr(table[ord(ch)])) for ch in _tables()[2] + _traditional_in_gb2312())
    sources = {source for source, _ in pairs}
    return () if any(target in sources for _, target in pairs) else pairs


def find_traditional(text: str) -> tuple[int, int]:
    """How many Traditional-only characters the text has, and the offset of the first (-1: none)."""
    if _simplified(text):
        return _counted(text, [ch for ch in _traditional_in_gb2312() if ch in text])
    if _Usage.lists(text) and "\0" not in text:
        marked = text.translate(_traditional_marked())  # each one becomes NUL: one pass in C
        count = marked.count("\0")
        return count, marked.find("\0") if count else -1
    return _counted(text, set(text) & traditional_chars())


def _counted(text: str, present) -> tuple[int, int]:
    """How often the characters present occur, and where the first one is (-1: none)."""
    if not present:
        return 0, -1
    return sum(text.count(ch) for ch in present), min(text.find(ch) for ch in present)


def fold(text: str) -> str:
    _Usage.documents += 1
    replacements = _simplified_fold()
    if replacements and _simplified(text):
        folded = text
        for source, target in replacements:  # a few of the ninety are in a draft: each asked in C
            if source in folded:
                folded = folded.replace(source, target)
    else:
        folded = text.translate(_plane_table() if _Usage.lists(text) else translation_table())
    assert len(folded) == len(text)
    return folded
