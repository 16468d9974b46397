"""A report's record for the reviewer's overview, made where the report was linted
(a worker): the stream format of `review` (one JSON line a report), which the main
process turns into the table, CSV, spreadsheet or page. Keys (stable, documented in
the README):

    path, read, unread_reason, unit, year, signed, deadline, deadline_status,
    days_late, parts [{part, label, status}], topics [{topic, status}], counts {error, warning, info},
    findings [{line, column, rule, severity, message, quote, part}]
"""
from __future__ import annotations

import datetime
import json

SEPARATOR = ""
DEADLINE_STATUSES = ("on_time", "late", "before_year_end", "unknown")


def head(view) -> str:
    return ""


def tail(view, tally, written: bool) -> str:
    return ""


def chunk(result, view) -> str:
    return json.dumps(record_of(result, view), ensure_ascii=False) + "\n"


def record_of(result, view) -> dict:
    unread = next((f for f in result.findings if f.rule == "E001"), None)
    facts = result.facts or {"unit": None, "year": None, "signed": None}
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in result.findings:
        counts[f.severity] += 1
    lines = result.quoted_lines()
    return {
        "path": result.path,
        "read": unread is None,
        "unread_reason": unread.message if unread else None,
        "unit": facts["unit"],
        "year": facts["year"],
        **_deadline(facts, view.deadline),
        "parts": _parts(result.checklist, view.parts),
        "topics": [{"topic": label, "status": status} for label, status in result.coverage],
        "counts": counts,
        "findings": [{"line": f.line, "column": f.column, "rule": f.rule, "severity": f.severity,
                      "message": f.message, "quote": None if f.part else lines.get(f.line), "part": f.part or None}
                     for f in result.findings],
    }


def _parts(checklist, parts: tuple) -> list[dict]:
    """The five parts with their status; all `unchecked` when the report was not read."""
    statuses = [status for _, status in checklist] or ["unchecked"] * len(parts)
    return [{"part": role, "label": label, "status": status} for (role, label), status in zip(parts, statuses)]


def _deadline(facts: dict, deadline: tuple | None) -> dict:
    """signed, deadline (ISO dates), deadline_status and days_late."""
    year, signed = facts["year"], facts["signed"]
    found = {"signed": None, "deadline": None, "deadline_status": "unknown", "days_late": None}
    if year is not None and deadline is not None:
        found["deadline"] = datetime.date(year + 1, *deadline).isoformat()
    try:
        date = datetime.date(*signed) if signed else None
    except ValueError:
        date = None  # 2月30日: M204 says so; the overview has no date to compare
    if date is None:
        return found
    found["signed"] = date.isoformat()
    if found["deadline"] is None:
        return found
    due = datetime.date(year + 1, *deadline)
    if date <= datetime.date(year, 12, 31):
        found["deadline_status"] = "before_year_end"
    elif date > due:
        found["deadline_status"], found["days_late"] = "late", (date - due).days
    else:
        found["deadline_status"] = "on_time"
    return found
