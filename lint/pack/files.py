"""Where the rule files are, and a digest of what a loaded pack depends on (the
rule files' names and bytes, and the code), known without loading it: no YAML,
no regex, no check modules. The pack cache and the result cache key on it."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from lint.files import read_regular


def default_rules_dir() -> Path:
    """The source checkout's rules/, else the copy installed as lint/default_rules."""
    here = Path(__file__).resolve().parent.parent  # lint/
    beside = here.parent / "rules"
    if beside.is_dir() and (here.parent / "pyproject.toml").is_file():
        return beside
    return here / "default_rules"


def rule_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and d != "data")
                files.extend(Path(root, n) for n in sorted(names) if n.endswith((".yaml", ".yml")))
        else:
            files.append(path)
    return files


def pack_digest(paths: list[Path]) -> str:
    """The digest of the code and of every rule file's name and bytes; OSError if one cannot be read."""
    from lint.cache.user import code_stamp

    digest = hashlib.sha256(repr(code_stamp()).encode())
    for path in rule_files(paths):
        digest.update(f"{path}\0".encode("utf-8", "surrogatepass") + read_regular(path) + b"\0")
    return digest.hexdigest()
