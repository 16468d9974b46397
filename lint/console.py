"""Output that any console takes: machine formats are UTF-8 bytes whatever the console's
code page; text goes out in the stream's own encoding, with the checklist's marks
spelt in words and any other character the encoding lacks escaped, never a crash
(a Chinese Windows console is GBK, a Western one cp1252)."""
from __future__ import annotations

import sys

import click

MACHINE_FORMATS = ("json", "sarif", "gitlab", "junit", "github")
# the checklist's marks, where the console lacks them: in words where it has Chinese
_MARKS = (str.maketrans({"✓": "[有]", "✗": "[缺]", "·": "[未查]"}), str.maketrans({"✓": "[Y]", "✗": "[N]", "·": "[-]"}))


def write(output: str, fmt: str) -> None:
    """The report on standard output."""
    if fmt in MACHINE_FORMATS:
        click.echo(utf8(output), nl=False)
        return
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    click.echo(encodable(output, encoding).encode(encoding, "backslashreplace"), nl=False)


def utf8(output: str) -> bytes:
    """UTF-8 bytes; a file name that was not UTF-8 (its bytes kept as lone surrogates)
    is written escaped, \\udcNN for each byte that did not decode."""
    return output.encode("utf-8", "backslashreplace")


def encodable(text: str, encoding: str) -> str:
    """The text, with the checklist's marks replaced when the encoding lacks them."""
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        for table in _MARKS:
            try:
                "".join(table.values()).encode(encoding)
                return text.translate(table)
            except (UnicodeEncodeError, LookupError):
                continue
    return text


def forgiving_streams() -> None:
    """Messages on a console that lacks a character show it escaped instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass
