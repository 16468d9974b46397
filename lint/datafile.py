"""Data files that rules name (word lists, title lists, term mappings), read once.

A list file has one entry per line; blank lines and lines starting with # are
skipped. A mapping file is YAML: `wrong form: right form`. Errors name the file
and line, like rule files. What is read is remembered per file *version* (its
`stamp`), so a long-lived process sees an edited data file; functions that derive
something from a data file take its stamp in their cache key for the same reason.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .checks import ParamError
from .yamlfile import Located, YamlError, load_yaml


def stamp(path: str) -> tuple[int, int] | None:
    """The version of a file: modification time and size (None if it cannot be stat'ed)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def read_list(path: str) -> tuple[str, ...]:
    return _read_list(path, stamp(path))


def read_mapping(path: str) -> dict[str, str]:
    return _read_mapping(path, stamp(path))


@lru_cache(maxsize=64)
def _read_list(path: str, version) -> tuple[str, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ParamError("data", f"cannot read {path}: {exc}") from None
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=64)
def _read_mapping(path: str, version) -> dict[str, str]:
    try:
        data = load_yaml(Path(path))
    except YamlError as exc:
        raise ParamError("data", str(exc)) from None
    if not isinstance(data, Located):
        raise ParamError("data", f"{path}:1: a mapping file must map each form to its replacement")
    for key, value in data.items():
        if not isinstance(key, str) or not key or not isinstance(value, str) or not value:
            raise ParamError("data", f"{path}:{data.line_of(key)}: '{key}' must map a text to a text")
    return dict(data)
