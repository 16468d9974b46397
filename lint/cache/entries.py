"""Per-file entries: one JSON file per key, holding a file's findings, checklist and
the source lines its findings quote. JSON, never pickle: a cache directory may come
with a repository one did not write. An entry that does not parse, does not carry its
own key or holds anything store() would not write is a miss."""
from __future__ import annotations

import json
import os
from pathlib import Path

from lint.cache.seal import seal, unseal
from lint.files import read_regular, write_atomically
from lint.findings import PART_STATUSES, SEVERITY_RANK, FileResult, Finding

FORMAT = 7
MAX_BYTES = 64 * 1024 * 1024  # an entry larger than this is not one we wrote
_STORED = ("line", "column", "end_line", "end_column", "rule", "severity", "message", "fix", "fingerprint", "part")
_TYPES = (int, int, int, int, str, str, str, (dict, type(None)), str, str)  # their types, in order


def entry_path(root: str, key: str) -> str:
    return os.path.join(root, key[:2], key[2:])


def load(root: str, key: str, fingerprints: bool = True) -> FileResult | None:
    """The entry's result; a miss when `fingerprints` are wanted and it was stored without."""
    try:
        payload = unseal(read_regular(entry_path(root, key), MAX_BYTES, follow=False))
        if payload is None:
            return None  # damaged, or not written by this user's reportlint
        result = _result(json.loads(payload.decode("utf-8", "surrogatepass")), key)
        if result is not None and fingerprints and not all(f.fingerprint for f in result.findings):
            return None
        return result
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, truncated, edited or from another format: a miss


def _result(entry: dict, key: str) -> FileResult | None:
    if entry["key"] != key or entry["format"] != FORMAT:
        return None
    path, items = entry["path"], entry["findings"]
    if not isinstance(path, str) or not all(
            len(item) == len(_TYPES) and all(map(isinstance, item, _TYPES)) and item[5] in SEVERITY_RANK
            for item in items):
        return None
    lines = {int(n): text for n, text in entry["lines"].items() if isinstance(text, str)}
    checklist = [tuple(c) for c in entry["checklist"]]
    if len(lines) != len(entry["lines"]) or not all(
            len(c) == 2 and isinstance(c[0], str) and c[1] in PART_STATUSES for c in checklist):
        return None
    facts = entry["facts"]
    if facts is not None and not (isinstance(facts, dict) and set(facts) == {"unit", "year", "signed"}):
        return None
    coverage = [tuple(c) for c in entry["coverage"]]
    if not all(len(c) == 2 and isinstance(c[0], str) and c[1] in PART_STATUSES for c in coverage):
        return None
    return FileResult(path, [Finding(path, *item) for item in items], checklist, lines, key, facts=facts,
                      coverage=coverage)


def store(root: str, key: str, result: FileResult) -> None:
    """Write the entry (OSError if the directory cannot be written)."""
    entry = {"format": FORMAT, "key": key, "path": result.path,
             "findings": [[getattr(f, name) for name in _STORED] for f in result.findings],
             "checklist": result.checklist, "lines": result.quoted_lines(), "facts": result.facts,
             "coverage": result.coverage}
    target = entry_path(root, key)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    write_atomically(Path(target), seal(json.dumps(entry, ensure_ascii=False).encode("utf-8", "surrogatepass")))

