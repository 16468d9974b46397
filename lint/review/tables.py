"""The review as text (a matrix for the terminal), JSON (an array of records) and CSV
(UTF-8 with a BOM, so Excel and WPS open the Chinese correctly), written a record
at a time."""
from __future__ import annotations

import csv
import io
import json

from lint.report.text import cell_width, safe
from lint.strings import say

MARKS = {"present": "✓", "missing": "✗", "unchecked": "·"}
PATH_WIDTH = 36
UNIT_WIDTH = 20


def deadline_label(record: dict, lang: str) -> str:
    status = record["deadline_status"]
    return say(lang, "review.late", days=record["days_late"]) if status == "late" else say(lang, f"review.{status}")


def columns(record: dict, lang: str) -> list[str]:
    """The matrix's header (from the record's parts)."""
    names = ["report", "unit", "year", "signed", "deadline"]
    return [say(lang, f"review.{n}") for n in names] + [p["label"] for p in record["parts"]] + \
        [say(lang, f"review.{n}") for n in ("errors", "warnings", "infos")]


def values(record: dict, lang: str, marks: dict | None = None) -> list:
    """The matrix's row: the cells of columns()."""
    counts = record["counts"]
    parts = [(marks or MARKS)[p["status"]] for p in record["parts"]]
    return [record["path"], record["unit"] or "", record["year"] or "", record["signed"] or "",
            deadline_label(record, lang), *parts, counts["error"], counts["warning"], counts["info"]]


def _sink(output, fmt: str):
    from lint.console import FileSink, StreamSink

    return FileSink(output) if output is not None else StreamSink(fmt)


class _Writer:
    FORMAT = "json"

    def __init__(self, output, lang: str):
        self.lang, self.sink = lang, _sink(output, self.FORMAT)
        self.files = self.defective = self.unread = 0

    def add(self, record: dict) -> None:
        from lint.review import defective

        self.files += 1
        self.defective += defective(record)
        self.unread += not record["read"]
        self.write(record)

    def summary(self) -> str:
        return say(self.lang, "review.summary", files=self.files, defective=self.defective, unread=self.unread)

    def abort(self) -> None:
        self.sink.abort()


class TextWriter(_Writer):
    """A matrix for the terminal: the parts as one column of marks, in the order the
    legend above the table gives."""

    FORMAT = "text"
    WIDTHS = (PATH_WIDTH, UNIT_WIDTH, 4, 10, 12)

    def __init__(self, output, lang: str):
        super().__init__(output, lang)
        self._header = False

    def write(self, record: dict) -> None:
        if not self._header:
            self._header = True
            legend = " ".join(f"{i}.{p['label']}" for i, p in enumerate(record["parts"], 1))
            self.sink.write(f"{say(self.lang, 'parts')}: {legend}\n")
            names = columns(record, self.lang)
            self.sink.write(self._line(names[:5], say(self.lang, "parts"), names[-3:]) + "\n")
        cells = [str(v) for v in values(record, self.lang)]
        self.sink.write(self._line(cells[:5], "".join(cells[5:-3]), cells[-3:]) + "\n")

    def _line(self, first: list[str], parts: str, counts: list[str]) -> str:
        fitted = [_fit(safe(cell), width, left=i == 0) for i, (cell, width) in enumerate(zip(first, self.WIDTHS))]
        numbers = [" " * max(0, 6 - cell_width(c)) + c for c in counts]
        return "  ".join([*fitted, _fit(parts, 10), *numbers]).rstrip()

    def close(self) -> None:
        self.sink.write(self.summary() + "\n")
        self.sink.close()


def _fit(text: str, width: int, left: bool = False) -> str:
    """The text padded or cut (with …) to `width` terminal cells; `left`: cut its start."""
    if cell_width(text) > width:
        while cell_width(text) > width - 1:
            text = text[1:] if left else text[:-1]
        text = "…" + text if left else text + "…"
    return text + " " * (width - cell_width(text))


class JsonWriter(_Writer):
    def __init__(self, output, lang: str):
        super().__init__(output, lang)
        self.sink.write("[")

    def write(self, record: dict) -> None:
        text = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self.sink.write(("," if self.files > 1 else "") + "\n  " + text)

    def close(self) -> None:
        self.sink.write("\n]\n" if self.files else "]\n")
        self.sink.close()


class CsvWriter(_Writer):
    FORMAT = "csv"

    def __init__(self, output, lang: str):
        super().__init__(output, lang)
        self._header = False
        self.sink.write("\ufeff")  # the BOM: Excel and WPS then read UTF-8

    def write(self, record: dict) -> None:
        rows = [] if self._header else [columns(record, self.lang) + [say(self.lang, "review.read"),
                                                                       say(self.lang, "review.unread_reason")]]
        self._header = True
        rows.append(values(record, self.lang, {"present": "Y", "missing": "N", "unchecked": ""})
                    + ["Y" if record["read"] else "N", record["unread_reason"] or ""])
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        self.sink.write(buffer.getvalue())

    def close(self) -> None:
        self.sink.close()


WRITERS = {"text": TextWriter, "json": JsonWriter, "csv": CsvWriter}
