"""Compiled regular expressions, remembered across runs.

Compiling costs the `regex` module about half a millisecond a pattern, and a run
compiles some forty (the outline's, the check kinds', the term lists'): a sixth of
a run on one file. `regex` pickles a pattern as its compiled code, so the patterns a
run compiled are kept in the user's cache directory (one file per version of
`regex` and of Python) and loaded whole by the next run. A pattern depends only on
its source and flags; a damaged or foreign file is ignored and rewritten. What is
derived from a pattern's source (the literals every match contains) is kept with it.
"""
from __future__ import annotations

import atexit
import pickle
import sys

import regex

from lint.cache.user import user_cache_dir
from lint.files import write_atomically

KEPT = 4096  # patterns: past this the file starts again (term lists edited many times …)
_known: dict | None = None  # (source, flags) -> compiled pattern
_derived: dict = {}  # (source, flags) -> what derive() made of it
_learnt = False


_ESCAPED = {ord(c): "\\" + c for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\f\v"}


def escape(text: str) -> str:
    """`text` as a pattern that matches it literally, also inside [...]: every ASCII
    punctuation and space character escaped, as regex.escape does, in one pass in C."""
    return text.translate(_ESCAPED)


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - as regex.compile
    if _known is None:
        _load()
    key = (pattern, flags)
    found = _known.get(key)
    if found is None:
        found = _known[key] = regex.compile(pattern, flags)
        _learn()
    return found


def derived(pattern: regex.Pattern, derive, version: str):
    """derive(source, flags) of a compiled pattern, remembered across runs with the
    compiled patterns under `version` (that of derive's code: a new one derives again)."""
    if _known is None:
        _load()
    key = (version, pattern.pattern, pattern.flags)
    try:
        return _derived[key]
    except KeyError:
        found = _derived[key] = derive(pattern.pattern, pattern.flags)
        _learn()
        return found


def _learn() -> None:
    global _learnt
    if not _learnt:
        _learnt = True
        atexit.register(_save)


def _file():
    """The patterns' file in the user's private cache directory (OSError without one)."""
    directory = user_cache_dir()
    if directory is None:
        raise OSError("no private user cache directory")
    version = f"regex-{regex.__version__}-py{sys.version_info[0]}.{sys.version_info[1]}"
    return directory / "patterns" / f"{version}.pickle"


def _load() -> None:
    global _known, _derived
    _known, _derived = {}, {}
    try:
        known, derived_ = pickle.loads(_file().read_bytes())
        if isinstance(known, dict) and all(isinstance(p, regex.Pattern) for p in known.values()) \
                and isinstance(derived_, dict):
            _known, _derived = known, derived_
    except Exception:  # noqa: BLE001 - missing, truncated or from other code: start again
        pass


def _save() -> None:
    known = _known if _known is not None and len(_known) <= KEPT else {}
    derived_ = _derived if len(_derived) <= KEPT else {}
    try:
        target = _file()
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, pickle.dumps((known, derived_), protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError):
        pass
