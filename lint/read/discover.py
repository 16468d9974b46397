"""Which files to check: named files as given, directories searched for drafts."""
from __future__ import annotations

import os
from pathlib import Path

from lint.read import DRAFT_SUFFIXES

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".reportlint_cache", "__pycache__", ".venv", "venv"}


def discover(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    seen: set[str] = set()
    for path in paths:
        candidates = _walk(path) if path.is_dir() else [(os.path.normpath(path), path)]
        for key, candidate in candidates:
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _walk(root: Path) -> list[tuple[str, Path]]:
    """(normalised name, path) of the drafts under root, in sorted order."""
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        folder, normalised = Path(dirpath), os.path.normpath(dirpath)
        for name in sorted(filenames):
            # ~$name.docx is Word's lock file for an open document, not a draft
            if name.lower().endswith(DRAFT_SUFFIXES) and not name.startswith((".", "~$")):
                files.append((os.path.join(normalised, name), folder / name))
    return files
