"""The review as a spreadsheet (openpyxl, written in its streaming mode): the matrix on
the first sheet (a row per report, ✓/✗ per part, frozen header, filters), the
findings on the second (a row per finding, with the quoted line)."""
from __future__ import annotations

import os
import tempfile

from lint.review.tables import columns, values
from lint.strings import say

EXCEL_CELL_LIMIT = 32767  # characters a cell holds


class SheetWriter:
    def __init__(self, output, lang: str):
        from openpyxl import Workbook

        self.output, self.lang = output, lang
        self.book = Workbook(write_only=True)
        self.matrix = self.book.create_sheet(say(lang, "review.matrix"))
        self.findings = self.book.create_sheet(say(lang, "review.findings"))
        self.matrix.freeze_panes = "A2"
        self.findings.freeze_panes = "A2"
        self.findings.append([say(lang, f"review.{key}") for key in
                              ("report", "line", "column", "rule", "severity", "message", "quote")])
        self.files = self._finding_rows = 0
        self._width = 0

    def add(self, record: dict) -> None:
        if self.files == 0:
            header = columns(record, self.lang) + [say(self.lang, "review.read")]
            self._width = len(header)
            self.matrix.append(header)
        self.files += 1
        self.matrix.append([_cell(v) for v in values(record, self.lang)] + ["✓" if record["read"] else "✗"])
        for f in record["findings"]:
            self._finding_rows += 1
            self.findings.append([_cell(v) for v in (record["path"], f["line"], f["column"], f["rule"],
                                                      say(self.lang, f["severity"]), f["message"], f["quote"] or "")])

    def close(self) -> None:
        from openpyxl.utils import get_column_letter

        if self._width:
            self.matrix.auto_filter.ref = f"A1:{get_column_letter(self._width)}{self.files + 1}"
        self.findings.auto_filter.ref = f"A1:G{self._finding_rows + 1}"
        folder = os.path.dirname(os.path.abspath(self.output))
        descriptor, temporary = tempfile.mkstemp(prefix=".reportlint-", suffix=".xlsx", dir=folder)
        os.close(descriptor)
        try:
            self.book.save(temporary)
            os.replace(temporary, self.output)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise

    def abort(self) -> None:
        pass  # nothing was written to the target


def _cell(value):
    """A value a cell takes: text without the control characters XML forbids, a file name
    that was not UTF-8 with its bytes escaped (\\udcNN), within Excel's limit."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)[:EXCEL_CELL_LIMIT]
