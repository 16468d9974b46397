"""Grouped: by file, then by rule (errors first), each finding a line under its
rule; then each file's checklist and the run's total (ruff's --output-format grouped)."""
from __future__ import annotations

import click

from lint.findings import SEVERITY_RANK
from lint.report import shown_message
from lint.report.text import COLORS, file_lines, safe, total_line
from lint.strings import words as texts

SEPARATOR = "\n"


def head(view) -> str:
    return ""


def chunk(result, view) -> str:
    if not result.findings:
        return ""
    words = texts(view.lang)
    titles = {info["id"]: info["title"] for info in view.catalog}
    by_rule: dict[str, list] = {}
    for f in result.findings:
        by_rule.setdefault(f.rule, []).append(f)
    order = sorted(by_rule, key=lambda rule: (-SEVERITY_RANK[by_rule[rule][0].severity], rule))
    lines = [click.style(safe(result.path), bold=True) if view.color else safe(result.path)]
    for rule in order:
        findings = by_rule[rule]
        severity = findings[0].severity
        name = click.style(rule, fg=COLORS[severity], bold=True) if view.color else rule
        title = titles.get(rule, "")
        lines.append(f"  {name} [{words[severity]}] {safe(title)} ({len(findings)})".rstrip())
        lines += [f"    {f.line}:{f.column}  {safe(shown_message(f, view.lang))}" for f in findings]
    return "".join(line + "\n" for line in lines)


def tail(view, tally, written: bool) -> str:
    if view.quiet:
        return ""
    lines = ([""] if written else []) + file_lines(tally, view.lang) + [total_line(tally, view.lang)]
    return "".join(line + "\n" for line in lines)
