"""GitLab Code Quality report: a JSON array of issues with stable fingerprints."""
from __future__ import annotations

import json

from lint.files import portable_path
from lint.report import shown_message

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(results, lang: str, options: dict) -> str:
    issues = []
    for result in results:
        for f in result.findings:
            issues.append({
                "type": "issue",
                "check_name": f.rule,
                "description": f"{f.rule} {shown_message(f, lang)}",
                "categories": ["Style"],
                "severity": SEVERITIES[f.severity],
                "fingerprint": f.fingerprint,
                "location": {"path": portable_path(f.path), "lines": {"begin": f.line, "end": f.end_line}},
            })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
