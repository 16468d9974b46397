"""GitLab Code Quality report: a JSON array of issues with stable fingerprints."""
from __future__ import annotations

import json

from lint.files import portable_path
from lint.report import shown_message

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
SEPARATOR = ","


def head(view) -> str:
    return "["


def chunk(result, view) -> str:
    return ",".join("\n  " + json.dumps(_issue(f, view.lang), ensure_ascii=False, indent=2).replace("\n", "\n  ")
                    for f in result.findings)


def tail(view, tally, written: bool) -> str:
    return "\n]\n" if written else "]\n"


def _issue(f, lang: str) -> dict:
    return {
        "type": "issue",
        "check_name": f.rule,
        "description": f"{f.rule} {shown_message(f, lang)}",
        "categories": ["Style"],
        "severity": SEVERITIES[f.severity],
        "fingerprint": f.fingerprint,
        "location": {"path": portable_path(f.path), "lines": {"begin": f.line, "end": f.end_line}},
    }


def render(results, lang: str, options: dict) -> str:
    from lint.report.stream import View, render_results

    return render_results(results, View("gitlab", lang))
