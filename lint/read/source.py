"""What every reader gives and refuses: SourceText (decoded lines, with what is needed
to write them back) or UnreadableInput (a reason key); reading a regular file's bytes."""
from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path


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


