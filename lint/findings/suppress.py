"""Suppression comments in .txt/.md drafts, as markdownlint has them:

    <!-- reportlint-disable S115 T301 -->         from this line on (no IDs: every rule)
    <!-- reportlint-enable S115 -->               from this line on
    <!-- reportlint-disable-next-line T304 -->    the next line only
    <!-- reportlint-disable-file H403 -->         the whole file

IDs may be prefixes (T3) and are separated by spaces or commas.
"""
from __future__ import annotations

import regex

from lint.cache import regexes as rx

COMMENT = rx.compile(r"<!--\s*reportlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->")
ALL = "*"


def _codes(text: str) -> set[str]:
    codes = {c.strip().upper() for c in regex.split(r"[\s,]+", text) if c.strip()}
    return codes or {ALL}


def _covered(rule: str, codes) -> bool:
    return any(code == ALL or rule.startswith(code) for code in codes)


def suppressions(lines: list[str]):
    """Per line (0-based): the set of codes disabled there; plus the file-wide set."""
    if not any("reportlint-" in line for line in lines):
        return None
    disabled: set[str] = set()
    whole_file: set[str] = set()
    per_line: list[frozenset] = []
    next_line: set[str] = set()
    for line in lines:
        current = set(disabled) | next_line
        next_line = set()
        for m in COMMENT.finditer(line):
            action, codes = m.group(1), _codes(m.group(2))
            if action == "disable":
                disabled |= codes
                current |= codes
            elif action == "enable":
                disabled = set() if ALL in codes else disabled - codes
            elif action == "disable-next-line":
                next_line |= codes
            else:
                whole_file |= codes
        per_line.append(frozenset(current))
    return per_line, whole_file


def disabled_for_file(lines: list[str]) -> frozenset:
    """The codes a reportlint-disable-file comment turns off (prefixes; * for all)."""
    state = suppressions(lines)
    return frozenset(state[1]) if state else frozenset()


def covered(rule: str, codes) -> bool:
    return bool(codes) and _covered(rule, codes)


def apply_suppressions(lines: list[str], findings: list) -> list:
    state = suppressions(lines)
    if state is None:
        return findings
    per_line, whole_file = state
    return [f for f in findings
            if not _covered(f.rule, whole_file)
            and not (0 < f.line <= len(per_line) and _covered(f.rule, per_line[f.line - 1]))]
