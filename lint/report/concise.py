"""Concise: one line a finding (`path:line:col: RULE [severity] message`), then the
run's total; no source lines, no checklists (ruff's --output-format concise)."""
from __future__ import annotations

from lint.report.text import chunk as text_chunk
from lint.report.text import safe, total_line

SEPARATOR = ""


def head(view) -> str:
    return ""


def chunk(result, view) -> str:
    return text_chunk(result, _quiet(view))


def tail(view, tally, written: bool) -> str:
    return "" if view.quiet else safe(total_line(tally, view.lang)) + "\n"


def _quiet(view):
    from dataclasses import replace

    return replace(view, quiet=True)
