"""Plain-text drafts (.txt, .md): bytes -> text lines, with the encoding recorded.

Decoding never guesses silently: UTF-8 (with or without BOM) and UTF-16 with a
BOM are exact; otherwise GB18030 is tried and accepted only when the result
looks like text. Anything else is an UnreadableInput with a reason.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from lint.read.source import SourceText, UnreadableInput, split_lines

_MARKDOWN_HEADING = re.compile(r"[ ]{0,3}(#{1,6})[ \t]+\S")

_BOMS = (  # UTF-32's before UTF-16's: FF FE 00 00 begins with FF FE
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes, encoding: str | None = None) -> SourceText:
    if not data.strip():
        raise UnreadableInput("empty")
    text, enc, bom = _decode(data, encoding)
    if not text.strip():
        raise UnreadableInput("empty")  # a byte order mark and nothing else
    lines, endings = split_lines(text)
    return SourceText(lines, endings, enc, bom)


def _decode(data: bytes, forced: str | None) -> tuple[str, str, bool]:
    if forced:
        try:
            return data.decode(forced), forced, False
        except (UnicodeError, LookupError) as exc:  # UnicodeError: a codec that never decodes
            raise UnreadableInput("decode", f"{forced}: {exc}") from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc, True
            except UnicodeDecodeError as exc:
                raise UnreadableInput("decode", f"{enc}: byte {exc.start + len(bom)}") from None
    if b"\x00" in data:
        raise UnreadableInput("binary")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise UnreadableInput("decode", f"utf-8: byte {utf8_error.start}") from None
        if not _looks_like_text(text):
            raise UnreadableInput("decode", f"utf-8: byte {utf8_error.start}; gb18030: implausible text")
        return text, "gb18030", False


def _looks_like_text(text: str) -> bool:
    """GB18030 decodes most byte soup; accept it only if it reads like Chinese text."""
    sample = text[:20000]
    odd = 0
    for ch in sample:
        if ch in "\r\n\t":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Co", "Cn", "Cc", "Cs") or "\u3400" <= ch <= "\u4dbf" or ch >= "\U00020000":
            odd += 1
    return odd <= max(2, len(sample) // 100)


def encode_source(source: SourceText) -> bytes:
    """The bytes of `source` as it would be written: its encoding, BOM and line ends."""
    text = "".join(line + ending for line, ending in zip(source.lines, source.endings))
    data = text.encode(source.encoding)
    if source.bom:
        data = next(bom for bom, enc in _BOMS if enc == source.encoding) + data
    return data


def markdown_levels(lines: list[str]) -> dict[int, int]:
    """The level of each ATX heading (`## 存在的不足和原因` is a heading whether or not
    it carries a number): the number of #."""
    return {i: len(m.group(1)) for i, line in enumerate(lines) if (m := _MARKDOWN_HEADING.match(line))}
