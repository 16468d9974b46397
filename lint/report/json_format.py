"""JSON: one array of findings with stable keys (path, line, column, end_line,
end_column, rule, severity, message, fix)."""
from __future__ import annotations

import json


def render(results, lang: str, options: dict) -> str:
    findings = [f.as_dict() for result in results for f in result.findings]
    return json.dumps(findings, ensure_ascii=False, indent=2) + "\n"
