"""Findings: what a check reports, in document offsets, then in line:column."""
from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (document offsets, within one line) by `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass
class Hit:
    """A check's raw result: an offset span in the document and message arguments."""

    start: int
    end: int
    args: dict = field(default_factory=dict)
    fix: Edit | None = None


@dataclass(frozen=True)
class Finding:
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
    fingerprint: str = field(default="", compare=False)

    def sort_key(self):
        return (self.path, self.line, self.column, self.rule, self.message)

    def as_dict(self) -> dict:
        return {
            "path": self.path, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "rule": self.rule, "severity": self.severity, "message": self.message,
            "fix": self.fix,
        }
