"""Word segmentation with jieba, loaded only when a rule first needs it.

jieba's full dictionary (349k words) takes over a second to load even from its
cache. Keyword matching needs only common words, so on first use a trimmed
dictionary (words of frequency >= MIN_FREQ, about 67k) is written to the user's
cache directory, and jieba's own prefix-dictionary cache goes beside it (not to
a /tmp file shared by all users). That loads in about 0.15 s. jieba's log lines
are muted. If the cache directory cannot be written, jieba's defaults are used.
"""
from __future__ import annotations

import logging
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

MIN_FREQ = 30


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportlint"


def _trimmed_dictionary(jieba_module, directory: Path) -> Path:
    target = directory / f"jieba-dict-f{MIN_FREQ}-{jieba_module.__version__}.txt"
    if target.is_file():
        return target
    source = Path(jieba_module.__file__).parent / "dict.txt"
    kept = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) >= MIN_FREQ:
                kept.append(line if line.endswith("\n") else line + "\n")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".dict-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.writelines(kept)
    os.replace(tmp, target)  # atomic: concurrent runs see a whole file or none
    return target


def _import_jieba():
    """Import jieba without letting it import pkg_resources (about 0.15 s of start-up);
    jieba falls back to opening its files by path, which is all it needs."""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=1)
def _tokenizer():
    jieba = _import_jieba()

    jieba.setLogLevel(logging.WARNING)
    try:
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        tokenizer = jieba.Tokenizer(dictionary=str(_trimmed_dictionary(jieba, directory)))
        tokenizer.tmp_dir = str(directory)
        tokenizer.cache_file = f"jieba-f{MIN_FREQ}.cache"
    except OSError:
        tokenizer = jieba.Tokenizer()
    return tokenizer


@lru_cache(maxsize=4096)
def search_words(text: str) -> tuple[str, ...]:
    """Words and, for long words, the shorter words inside them (宣传教育 -> 宣传, 教育)."""
    return tuple(_tokenizer().cut_for_search(text, HMM=False))
