"""Read a file and decode it: bytes -> text lines, with the encoding recorded.

Decoding never guesses silently: UTF-8 (with or without BOM) and UTF-16 with a
BOM are exact; otherwise GB18030 is tried and accepted only when the result
looks like text. Anything else is an UnreadableInput with a reason.
"""
from __future__ import annotations

import codecs
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 32 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class UnreadableInput(Exception):
    """The input cannot be turned into text; the message says why (a reason key)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class SourceText:
    """Decoded text split into lines, with what is needed to write it back."""

    lines: list[str]
    endings: list[str]  # the terminator of each line ("" for the last one if none)
    encoding: str
    bom: bool

    @property
    def newline(self) -> str:
        for ending in self.endings:
            if ending:
                return ending
        return "\n"


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


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes, refused past `max_bytes` before it is read."""
    size = regular_file_size(path)
    if size > max_bytes:
        raise UnreadableInput("too_large", f"{size} > {max_bytes}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise unreadable(exc) from None


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> SourceText:
    return decode_bytes(read_bytes(path, max_bytes), encoding)


def decode_bytes(data: bytes, encoding: str | None = None) -> SourceText:
    if not data.strip():
        raise UnreadableInput("empty")
    text, enc, bom = _decode(data, encoding)
    lines, endings = split_lines(text)
    return SourceText(lines, endings, enc, bom)


def _decode(data: bytes, forced: str | None) -> tuple[str, str, bool]:
    if forced:
        try:
            return data.decode(forced), forced, False
        except (UnicodeDecodeError, LookupError) as exc:
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


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Split on CRLF, LF and CR, keeping each terminator so the file can be rebuilt."""
    lines: list[str] = []
    endings: list[str] = []
    start = 0
    n = len(text)
    find_cr = text.find
    while True:
        lf = find_cr("\n", start)
        cr = find_cr("\r", start)
        if lf < 0 and cr < 0:
            break
        if cr < 0 or (0 <= lf < cr):
            lines.append(text[start:lf])
            endings.append("\n")
            start = lf + 1
        elif cr + 1 < n and text[cr + 1] == "\n":
            lines.append(text[start:cr])
            endings.append("\r\n")
            start = cr + 2
        else:
            lines.append(text[start:cr])
            endings.append("\r")
            start = cr + 1
    if start < n or not lines:
        lines.append(text[start:])
        endings.append("")
    return lines, endings


def encode_source(source: SourceText) -> bytes:
    """The bytes of `source` as it would be written: its encoding, BOM and line ends."""
    text = "".join(line + ending for line, ending in zip(source.lines, source.endings))
    data = text.encode(source.encoding)
    if source.bom:
        data = next(bom for bom, enc in _BOMS if enc == source.encoding) + data
    return data
