"""Baselines: record today's findings, later report only the new ones.

A finding is known by its fingerprint (rule, file, matched text with its
neighbourhood, and its rank among identical ones), never by its line number, so
it keeps matching when lines move. The file is JSON, sorted, diff-friendly.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from lint.files import read_regular

FORMAT = "reportlint-baseline"


class BaselineError(Exception):
    pass


def write_baseline(path: Path, findings) -> int:
    """Record findings, given as (path, rule, fingerprint, message)."""
    entries = sorted(({"rule": rule, "path": name, "fingerprint": fingerprint, "message": message}
                      for name, rule, fingerprint, message in findings),
                     key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    data = {"format": FORMAT, "version": 1, "findings": entries}
    try:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(entries)


def load_baseline(path: Path) -> Counter:
    try:
        data = json.loads(read_regular(path).decode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except RecursionError:
        raise BaselineError(f"{path}:1: not a reportlint baseline (nested too deeply)") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        raise BaselineError(f"{path}:{line}: not a reportlint baseline (invalid JSON)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}:1: not a reportlint baseline (write one with --write-baseline)")
    return Counter(e.get("fingerprint") for e in data["findings"] if isinstance(e, dict))
