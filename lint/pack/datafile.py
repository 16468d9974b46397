"""Data files that rules name (word lists, title lists, term mappings), read once.

A list file has one entry per line; blank lines and lines starting with # are
skipped. A mapping file is YAML: `wrong form: right form`. Errors name the file
and line, like rule files. What is read is remembered per file *version* (its
`file_status`), so a long-lived process sees an edited data file; functions that derive
something from a data file take its version in their cache key for the same reason.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lint.cache.user import derived
from lint.files import file_status, read_regular
from lint.pack.yamlfile import Located, YamlError, load_yaml


def read_list(path: str) -> tuple[str, ...]:
    return _read_list(path, file_status(path))


def read_words(path: str) -> tuple[str, ...]:
    """The words of a list file: its lines split at white space ("" names no file)."""
    return tuple(word for line in read_list(path) for word in line.split()) if path else ()


def read_mapping(path: str) -> dict[str, str]:
    return _read_mapping(path, file_status(path))


@lru_cache(maxsize=64)
def _read_list(path: str, version) -> tuple[str, ...]:
    try:
        text = read_regular(path).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _data_error(f"cannot read {path}: {exc}") from None
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=64)
def _read_mapping(path: str, version) -> dict[str, str]:
    """The mapping, remembered in the user's cache directory per content of the file,
    so a run need not import a YAML parser for it."""
    try:
        raw = read_regular(path)
    except OSError as exc:
        raise _data_error(f"cannot read {path}: {exc.strerror or exc}") from None
    return derived("mapping-1", raw, lambda: _parse_mapping(path), dict)


def _parse_mapping(path: str) -> dict[str, str]:
    try:
        data = load_yaml(Path(path))
    except YamlError as exc:
        raise _data_error(str(exc)) from None
    if not isinstance(data, Located):
        raise _data_error(f"{path}:1: a mapping file must map each form to its replacement")
    for key, value in data.items():
        if not isinstance(key, str) or not key or not isinstance(value, str) or not value:
            raise _data_error(f"{path}:{data.line_of(key)}: '{key}' must map a text to a text")
    return dict(data)


def _data_error(message: str) -> Exception:
    from lint.pack.params import ParamError

    return ParamError("data", message)
