"""JSON: one array of findings with stable keys (path, line, column, end_line,
end_column, rule, severity, message, fix, part), written as json.dumps(..., indent=2)
would write the whole array, but a file at a time and from templates (the standard
library's indenting encoder is pure Python, and a dense run has a million values)."""
from __future__ import annotations

import json
from json.encoder import encode_basestring as string

SEPARATOR = ","
FIX_KEYS = ["line", "column", "end_line", "end_column", "replacement"]


def head(view) -> str:
    return "["


def chunk(result, view) -> str:
    return ",".join(map(item, result.findings))


def tail(view, tally, written: bool) -> str:
    return "\n]\n" if written else "]\n"


def item(f) -> str:
    """A finding as an element of the array (a line end, then two spaces' indent)."""
    return (f'\n  {{\n    "path": {string(f.path)},\n    "line": {f.line},\n    "column": {f.column},\n'
            f'    "end_line": {f.end_line},\n    "end_column": {f.end_column},\n    "rule": {string(f.rule)},\n'
            f'    "severity": {string(f.severity)},\n    "message": {string(f.message)},\n'
            f'    "fix": {fix(f.fix, 4)},\n    "part": {string(f.part) if f.part else "null"}\n  }}')


def fix(value: dict | None, indent: int) -> str:
    if value is None:
        return "null"
    if list(value) != FIX_KEYS:
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + " " * indent)
    pad = " " * (indent + 2)
    return (f'{{\n{pad}"line": {value["line"]},\n{pad}"column": {value["column"]},\n'
            f'{pad}"end_line": {value["end_line"]},\n{pad}"end_column": {value["end_column"]},\n'
            f'{pad}"replacement": {string(value["replacement"])}\n{" " * indent}}}')


def render(results, lang: str, options: dict) -> str:
    from lint.report.stream import View, render_results

    return render_results(results, View("json", lang))
