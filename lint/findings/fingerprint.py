"""Fingerprints: a finding's stable identity for baselines and CI dashboards, made of
its rule, its file (relative to the working directory) and the matched text with its
neighbourhood, not its line number, so it survives lines moving."""
from __future__ import annotations

import hashlib

from lint.files import portable_path
from lint.findings import Finding

NEIGHBOURHOOD = 8  # characters each side of a finding that belong to its fingerprint


def fingerprinted(path: str, lines: list[str], findings: list[Finding], part: str = "") -> list[Finding]:
    """Each finding with its fingerprint; the n-th identical one gets n in its hash, so
    repeats stay distinct and stable. `part`: the part of the file the lines are."""
    portable = portable_path(path) + (f"#{part}" if part else "")
    seen: dict[str, int] = {}
    result = []
    for f in findings:
        line = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
        end = f.end_column if f.end_line == f.line else len(line) + 1
        context = line[max(0, f.column - 1 - NEIGHBOURHOOD):end - 1 + NEIGHBOURHOOD].strip()
        base = _sha(f"{f.rule}\0{portable}\0{context}")
        n = seen.get(base, 0)
        seen[base] = n + 1
        result.append(f._replace(fingerprint=_sha(f"{base}:{n}")[:32]))
    return result


def file_fingerprint(rule: str, path: str) -> str:
    """The fingerprint of a finding about a whole file (E001: nothing of it was read)."""
    return _sha(f"{rule}\0{portable_path(path)}")[:32]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
