"""Human output: `path:line:col: ID [severity] message`, the source line with a
caret under the span (aligned for wide CJK characters), then a per-file summary."""
from __future__ import annotations

import re
import unicodedata

import click

from lint.report import shown_message
from lint.strings import words as texts

MARKS = {"present": "✓", "missing": "✗", "unchecked": "·"}
COLORS = {"error": "red", "warning": "yellow", "info": "blue"}
CONTEXT_BEFORE = 24
CONTEXT_WIDTH = 72


_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x00, 0x09), *range(0x0a, 0x20), 0x7f)}
_CONTROL.update({0x0a: "\\n", 0x0d: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\x85"})


_HAS_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


def safe(text: str) -> str:
    """Text for one line of output: control characters (a newline in a file name, an escape
    sequence in damaged text) escaped, so no line of the report can be forged, and no
    line starts with :: (a GitHub Actions workflow command)."""
    if _HAS_CONTROL.search(text):  # rare: translating every line would cost a tenth of a warm run
        text = text.translate(_CONTROL)
    return "./" + text if text.startswith("::") else text


def cell_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def excerpt(line: str, column: int, end_column: int, more: tuple = ()) -> tuple[str, str]:
    """A window of the line around the span and the caret line beneath it (with carets
    under the `more` spans, (column, end_column) each, that fall in the window too)."""
    start = max(0, column - 1 - CONTEXT_BEFORE)
    shown = line[start:]
    prefix = "…" if start else ""
    cut = ""
    width, stop = 0, len(shown)
    for i, ch in enumerate(shown):
        width += cell_width(ch)
        if width > CONTEXT_WIDTH:
            stop, cut = i, "…"
            break
    shown = shown[:stop].replace("\t", " ")
    carets = ""
    for span_column, span_end in ((column, end_column), *more):
        span_start = span_column - 1 - start
        if not 0 <= span_start < max(stop, 1):
            continue
        span_stop = max(span_start + 1, min(span_end - 1 - start, stop))
        pad = cell_width(prefix) + cell_width(shown[:span_start]) - len(carets)
        if pad >= 0:
            carets += " " * pad + "^" * max(1, cell_width(shown[span_start:span_stop]))
    return prefix + shown + cut, carets


def grouped(findings) -> list[list]:
    """Findings of one rule in one paragraph, together, at the place of the first."""
    groups: dict[tuple, list] = {}
    for f in findings:
        groups.setdefault((f.part, f.line, f.rule), []).append(f)
    return list(groups.values())


UNREAD_NAMED = 5  # unreadable files named in the closing line


def unread_files(results) -> list[str]:
    """The files that could not be read at all (E001): skipped, not checked."""
    return [r.path for r in results if any(f.rule == "E001" for f in r.findings)]


def counts(findings) -> dict:
    tally = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        tally[f.severity] += 1
    return tally


def render(results, lang: str, options: dict) -> str:
    words = texts(lang)
    color, quiet, sources = options.get("color", False), options.get("quiet"), options.get("sources") or {}
    if quiet and not color:  # one line a finding, as fast as it can be written
        return "".join(safe(f"{f.path}:{f.line}:{f.column}: {f.rule} [{words[f.severity]}] {shown_message(f, lang)}")
                       + "\n" for result in results for f in result.findings)
    out: list[str] = []
    for result in results:
        lines = None if quiet else sources.get(result.path)
        for group in (grouped(result.findings) if not quiet else [[f] for f in result.findings]):
            f = group[0]
            sev = words[f.severity]
            message = shown_message(f, lang) + (words["repeated"].format(count=len(group)) if len(group) > 1 else "")
            message = safe(message)
            head = safe(f"{f.path}:{f.line}:{f.column}: {f.rule} [{sev}] {message}")
            if color:
                head = f"{click.style(safe(f'{f.path}:{f.line}:{f.column}:'), bold=True)} " \
                       f"{click.style(f.rule, fg=COLORS[f.severity], bold=True)} [{sev}] {message}"
            out.append(head)
            source_line = lines.get(f.line) if lines and not f.part else None
            if source_line is not None:
                spans = [(g.column, g.end_column if g.end_line == g.line else len(source_line) + 1) for g in group]
                shown, carets = excerpt(source_line, *spans[0], tuple(spans[1:]))
                gutter = str(f.line)
                out.append(f"{' ' * len(gutter)} |")
                out.append(f"{gutter} | {safe(shown)}")
                out.append(f"{' ' * len(gutter)} | {click.style(carets, fg=COLORS[f.severity]) if color else carets}")
    if quiet:
        return "\n".join(out) + ("\n" if out else "")
    if out:
        out.append("")
    total = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        tally = counts(result.findings)
        for key in total:
            total[key] += tally[key]
        parts = " ".join(f"{MARKS[status]}{label}" for label, status in result.checklist)
        summary = f"{result.path}: " + (f"{words['parts']} {parts}; " if parts else "")
        out.append(safe(summary + words["counts"].format(**tally)))
    n = sum(total.values())
    key = "total" if n else "clean"
    unread = unread_files(results)
    line = words[key].format(files=len(results) - len(unread), n=n, counts=words["counts"].format(**total))
    if unread:
        shown = safe("、".join(unread[:UNREAD_NAMED]) + ("…" if len(unread) > UNREAD_NAMED else ""))
        line += words["unread"].format(count=len(unread), names=shown)
    out.append(line)
    return "\n".join(out) + "\n"
