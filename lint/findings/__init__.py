"""Findings: what a check reports, in document offsets (Hit, Edit), then in
line:column (Finding), and what linting one file gives (FileResult).

    suppress.py     suppression comments in drafts
    fingerprint.py  stable identities for baselines and dashboards
    baseline.py     recording findings and reporting only new ones
"""
from __future__ import annotations

from dataclasses import field
from typing import NamedTuple

from lint.record import record

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
PART_STATUSES = ("present", "missing", "unchecked")  # of a required part, in a checklist


class Edit(NamedTuple):
    """Replace text[start:end] (document offsets, within one line) by `replacement`."""

    start: int
    end: int
    replacement: str


class Hit:
    """A check's raw result: an offset span in the document and message arguments.
    (A plain class with slots: a dense draft makes thousands.)"""

    __slots__ = ("start", "end", "args", "fix")

    def __init__(self, start: int, end: int, args: dict | None = None, fix: Edit | None = None):
        self.start, self.end, self.args, self.fix = start, end, {} if args is None else args, fix

    def __repr__(self) -> str:
        return f"Hit({self.start}, {self.end}, {self.args!r}, {self.fix!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Hit) and (self.start, self.end, self.args, self.fix) == \
            (other.start, other.end, other.args, other.fix)


class Finding(NamedTuple):
    """One violation, 1-based line:column, end exclusive. A named tuple: immutable, and
    made from a row of values in C, which is what a warm run does thousands of times."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: str
    message: str
    fix: dict | None = None  # {line, column, end_line, end_column, replacement}: 1-based, end exclusive
    # Stable identity for baselines and CI dashboards: rule, file and the matched text with
    # its neighbourhood (not the line number), so it survives lines moving. Not in as_dict().
    fingerprint: str = ""
    # Where the finding is when it is not in the body of the file: header, footer,
    # footnote:3, endnote:1, comment:2, textbox … (lines and columns count in that part).
    part: str = ""

    def sort_key(self):
        return (self.path, self.part, self.line, self.column, self.rule, self.message)

    def as_dict(self) -> dict:
        return {
            "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "rule": self.rule, "severity": self.severity, "message": self.message,
            "fix": self.fix, "part": self.part or None,
        }


@record
class FileResult:
    """What linting one file gave: its findings and its checklist of required parts."""

    path: str
    findings: list[Finding]
    checklist: list[tuple[str, str]] = field(default_factory=list)  # (label, present|missing|unchecked)
    lines: list[str] | dict[int, str] | None = None  # decoded lines (all, or those quoted), for reporters
    key: str | None = field(default=None, compare=False)  # the result cache's key of the bytes linted
    status: list | None = field(default=None, compare=False)  # the file's status when read, and when (index)
    facts: dict | None = None  # unit, year, signed [y, m, d] (parse.facts.summary), for a reviewer's overview
    coverage: list = field(default_factory=list)  # (label, present|missing) of what rules summarise (C606's topics)

    def quoted_lines(self) -> dict[int, str]:
        """The body lines the findings point at: all a reporter quotes."""
        if isinstance(self.lines, dict):
            return self.lines
        if not self.lines:
            return {}
        return {f.line: self.lines[f.line - 1] for f in self.findings if 0 < f.line <= len(self.lines) and not f.part}


def split_codes(values) -> list[str]:
    """Rule IDs or prefixes from repeatable, comma-separated values: ("S1,T3", "h403") -> [S1, T3, H403]."""
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


class RuleCrash(Exception):
    """A check kind failed unexpectedly (a bug): names the rule and the file."""

    def __init__(self, rule_id: str, path: str, error: Exception):
        super().__init__(f"rule {rule_id} failed on {path}: {type(error).__name__}: {error}")
