"""Output that any console takes: machine formats are UTF-8 bytes whatever the console's
code page; text goes out in the stream's own encoding, with the checklist's marks
spelt in words and any other character the encoding lacks escaped, never a crash
(a Chinese Windows console is GBK, a Western one cp1252)."""
from __future__ import annotations

import sys

MACHINE_FORMATS = ("json", "sarif", "gitlab", "junit", "github", "csv", "html")
# the checklist's marks, where the console lacks them: in words where it has Chinese
_MARKS = (str.maketrans({"✓": "[有]", "✗": "[缺]", "·": "[未查]"}), str.maketrans({"✓": "[Y]", "✗": "[N]", "·": "[-]"}))


class OutputError(Exception):
    """The report cannot be written (a full disk, /dev/full, a closed stream)."""


def _written(action, where: str):
    try:
        return action()
    except BrokenPipeError:
        raise  # the reader went away: the command line ends quietly
    except OSError as exc:
        raise OutputError(f"{where}: cannot write the report: {exc.strerror or exc}") from None


class StreamSink:
    """The report on standard output, as it comes: machine formats as UTF-8 bytes, text
    in the stream's encoding (the checklist's marks in words where it lacks them)."""

    def __init__(self, fmt: str):
        self._text = sys.stdout
        self._out = getattr(self._text, "buffer", None)
        encoding = "utf-8" if fmt in MACHINE_FORMATS else getattr(self._text, "encoding", None) or "utf-8"
        self._encoding = encoding
        self._marks = None if fmt in MACHINE_FORMATS else marks_table(encoding)
        self._text.flush()

    def write(self, text: str) -> None:
        if self._marks is not None:
            text = text.translate(self._marks)
        data = text.encode(self._encoding, "backslashreplace")
        if self._out is not None:
            _written(lambda: self._out.write(data), "standard output")
        else:  # a stream without bytes (a test's capture)
            _written(lambda: self._text.write(data.decode(self._encoding)), "standard output")

    def write_utf8(self, data: bytes) -> None:
        """Output already in UTF-8 (a replayed run): written as it is to a stream that
        takes UTF-8 bytes, else decoded and written as text is."""
        if self._out is not None and self._marks is None and _is_utf8(self._encoding) and not has_surrogates(data):
            _written(lambda: self._out.write(data), "standard output")
        else:
            self.write(data.decode("utf-8", "surrogatepass"))

    def close(self) -> None:
        _written((self._out or self._text).flush, "standard output")

    def abort(self) -> None:
        try:
            (self._out or self._text).flush()
        except OSError:
            pass


class FileSink:
    """The report in a file (-o), UTF-8 whatever the format: written beside it and put
    in its place when the run ends well, so a run that fails leaves the file as it was
    (a device or a pipe named by -o is written directly)."""

    def __init__(self, path):
        import os
        import tempfile

        self.path, self._temporary = path, None
        if os.path.exists(path) and not os.path.isfile(path):
            self._file = open(path, "wb")  # noqa: SIM115 - closed by close()
            return
        descriptor, self._temporary = tempfile.mkstemp(prefix=".reportlint-", dir=os.path.dirname(path) or ".")
        self._file = os.fdopen(descriptor, "wb")

    def write(self, text: str) -> None:
        _written(lambda: self._file.write(utf8(text)), str(self.path))

    def write_utf8(self, data: bytes) -> None:
        if has_surrogates(data):
            self.write(data.decode("utf-8", "surrogatepass"))
        else:
            _written(lambda: self._file.write(data), str(self.path))

    def close(self) -> None:
        import os

        _written(self._file.close, str(self.path))
        if self._temporary:
            os.chmod(self._temporary, 0o666 & ~_umask())
            os.replace(self._temporary, self.path)

    def abort(self) -> None:
        import os

        try:
            self._file.close()
        except OSError:
            pass
        if self._temporary and os.path.exists(self._temporary):
            os.unlink(self._temporary)


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def utf8(output: str) -> bytes:
    """UTF-8 bytes; a file name that was not UTF-8 (its bytes kept as lone surrogates)
    is written escaped, \\udcNN for each byte that did not decode."""
    return output.encode("utf-8", "backslashreplace")


def has_surrogates(data: bytes) -> bool:
    """Whether UTF-8 written with surrogatepass may hold a lone surrogate (a file name
    that was not UTF-8, which the output spells escaped): any 0xED lead byte counts."""
    return b"\xed" in data


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("-", "").replace("_", "") == "utf8"


def marks_table(encoding: str) -> dict | None:
    """How to spell the checklist's marks in the encoding (None: as they are)."""
    try:
        "✓✗·".encode(encoding)
        return None
    except (UnicodeEncodeError, LookupError):
        pass
    for table in _MARKS:
        try:
            "".join(table.values()).encode(encoding)
            return table
        except (UnicodeEncodeError, LookupError):
            continue
    return None


def forgiving_streams() -> None:
    """Messages on a console that lacks a character show it escaped instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass
