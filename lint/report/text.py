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


def counts(findings) -> dict:
    tally = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        tally[f.severity] += 1
    return tally


SEPARATOR = ""


def head(view) -> str:
    return ""


def chunk(result, view) -> str:
    """The file's findings, each with its source line and carets (grouped per paragraph)."""
    words, lang, color = texts(view.lang), view.lang, view.color
    if view.quiet and not color:  # one line a finding, as fast as it can be written
        return "".join(safe(f"{f.path}:{f.line}:{f.column}: {f.rule} [{words[f.severity]}] {shown_message(f, lang)}")
                       + "\n" for f in result.findings)
    lines = None if view.quiet else result.quoted_lines()
    out: list[str] = []
    for group in (grouped(result.findings) if not view.quiet else [[f] for f in result.findings]):
        f = group[0]
        sev = words[f.severity]
        message = shown_message(f, lang) + (words["repeated"].format(count=len(group)) if len(group) > 1 else "")
        message = safe(message)
        head_line = safe(f"{f.path}:{f.line}:{f.column}: {f.rule} [{sev}] {message}")
        if color:
            head_line = f"{click.style(safe(f'{f.path}:{f.line}:{f.column}:'), bold=True)} " \
                        f"{click.style(f.rule, fg=COLORS[f.severity], bold=True)} [{sev}] {message}"
        out.append(head_line)
        source_line = lines.get(f.line) if lines and not f.part else None
        if source_line is not None:
            spans = [(g.column, g.end_column if g.end_line == g.line else len(source_line) + 1) for g in group]
            shown, carets = excerpt(source_line, *spans[0], tuple(spans[1:]))
            gutter = str(f.line)
            out.append(f"{' ' * len(gutter)} |")
            out.append(f"{gutter} | {safe(shown)}")
            out.append(f"{' ' * len(gutter)} | {click.style(carets, fg=COLORS[f.severity]) if color else carets}")
    return "".join(line + "\n" for line in out)


def tail(view, tally, written: bool) -> str:
    """Each file's checklist and counts, then the run's total (not with --quiet)."""
    if view.quiet:
        return ""
    return "".join(line + "\n" for line in ([""] if written else []) + file_lines(tally, view.lang)
                   + [total_line(tally, view.lang)])


def file_lines(tally, lang: str) -> list[str]:
    """`path: 必备内容 ✓… ✗…; 1 个错误，…` for each file of the run."""
    words = texts(lang)
    lines = []
    for path, checklist, (error, warning, info), coverage in tally.summaries:
        parts = " ".join(f"{MARKS[status]}{label}" for label, status in checklist)
        summary = f"{path}: " + (f"{words['parts']} {parts}; " if parts else "") + _coverage(coverage, words)
        lines.append(safe(summary + words["counts"].format(error=error, warning=warning, info=info)))
    return lines


def _coverage(coverage, words: dict) -> str:
    """`纲要主要任务 7/9 ✗A ✗B; `: how many are covered, and the missing ones by name."""
    if not coverage:
        return ""
    missing = [label for label, status in coverage if status == "missing"]
    shown = "".join(f" {MARKS['missing']}{label}" for label in missing)
    return f"{words['coverage']} {len(coverage) - len(missing)}/{len(coverage)}{shown}; "


def total_line(tally, lang: str) -> str:
    words = texts(lang)
    error, warning, info = tally.totals
    n = error + warning + info
    line = words["total" if n else "clean"].format(
        files=tally.files - tally.unread_count, n=n,
        counts=words["counts"].format(error=error, warning=warning, info=info))
    if tally.unread_count:
        more = "…" if tally.unread_count > len(tally.unread) else ""
        line += words["unread"].format(count=tally.unread_count, names=safe("、".join(tally.unread) + more))
    return line


def render(results, lang: str, options: dict) -> str:
    from lint.report.stream import View, render_results

    return render_results(results, View("text", lang, bool(options.get("quiet")), bool(options.get("color"))))
