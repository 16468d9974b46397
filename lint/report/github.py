"""GitHub Actions workflow commands: one ::error/::warning/::notice line per finding."""
from __future__ import annotations

from lint.report import shown_message

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
SEPARATOR = ""


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def head(view) -> str:
    return ""


def chunk(result, view) -> str:
    lines = []
    for f in result.findings:
        props = (f"file={_property(f.path)},line={f.line},col={f.column},"
                 f"endLine={f.end_line},endColumn={f.end_column},title={_property(f.rule)}")
        lines.append(f"::{COMMANDS[f.severity]} {props}::{_data(shown_message(f, view.lang))}\n")
    return "".join(lines)


def tail(view, tally, written: bool) -> str:
    return ""


def render(results, lang: str, options: dict) -> str:
    from lint.report.stream import View, render_results

    return render_results(results, View("github", lang))
