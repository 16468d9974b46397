"""Word segmentation with jieba, loaded only when a rule first needs it.

jieba's full dictionary (349k words) takes over a second to load even from its
cache. Keyword matching needs only common words, so on first use a trimmed
dictionary (words of frequency >= MIN_FREQ, about 36k, plus the pack's domain words) is written to the user's
cache directory, and jieba's own prefix-dictionary cache goes beside it (not to
a /tmp file shared by all users). That loads in about 0.02 s. jieba's log lines
are muted. If the cache directory cannot be written, jieba's defaults are used.
"""
from __future__ import annotations

import hashlib
import importlib
import logging
import marshal
import sys
import types
from functools import lru_cache
from pathlib import Path

from lint import limits
from lint.cache.user import user_cache_dir
from lint.files import write_atomically
from lint.pack.datafile import read_words

MIN_FREQ = 100
DOMAIN_FREQ = 1000  # frequency given to the pack's own domain words


def _trimmed_dictionary(jieba_module, directory: Path, extra: list[str]) -> Path:
    digest = hashlib.sha256("\n".join(extra).encode("utf-8")).hexdigest()[:12]
    target = directory / f"jieba-dict-f{MIN_FREQ}-{jieba_module.__version__}-{digest}.txt"
    if target.is_file():
        return target
    source = Path(jieba_module.__file__).parent / "dict.txt"
    kept = [f"{word} {DOMAIN_FREQ}\n" for word in extra]
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) >= MIN_FREQ:
                kept.append(line if line.endswith("\n") else line + "\n")
    write_atomically(target, "".join(kept).encode("utf-8"))  # concurrent runs see a whole file or none
    return target


class _Deferred(types.ModuleType):
    """Stands in for a submodule until one of its names is used, then becomes it."""

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)


def _import_jieba():
    """Import jieba cheaply: without pkg_resources (about 0.15 s; jieba falls back to
    opening its files by path, which is all it needs), and with its HMM tables
    (jieba.finalseg, about 0.02 s) deferred until something cuts with HMM=True."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    sys.modules.setdefault("jieba.finalseg", _Deferred("jieba.finalseg"))
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=4)
def _tokenizer(words_file: str = "", version=None):
    with limits.paused():  # building the dictionary on first use is not the rule's time
        return _new_tokenizer(words_file)


def _new_tokenizer(words_file: str):
    jieba = _import_jieba()
    jieba.setLogLevel(logging.CRITICAL)  # its only error is a prefix cache it could not write: costs time, not results
    extra = list(read_words(words_file))
    try:
        directory = user_cache_dir()
        if directory is None:
            raise OSError("no private user cache directory")
        tokenizer = _cached_tokenizer(jieba, directory, extra)
    except OSError:  # no private cache: jieba's own, in a private temporary directory (not /tmp's shared one)
        import atexit
        import shutil
        import tempfile

        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = tempfile.mkdtemp(prefix="reportlint-jieba-")
        atexit.register(shutil.rmtree, tokenizer.tmp_dir, True)
        for word in extra:
            tokenizer.add_word(word, DOMAIN_FREQ)
    return tokenizer


def _cached_tokenizer(jieba, directory: Path, extra: list[str]):
    """A tokenizer on the trimmed dictionary in the user cache, initialised now: a damaged
    dictionary or prefix cache there (a full disk, an editor) is removed and made again,
    once; if it still fails, OSError (the caller falls back to jieba's own)."""
    for attempt in (1, 2):
        dictionary = _trimmed_dictionary(jieba, directory, extra)
        tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
        tokenizer.tmp_dir = str(directory)
        tokenizer.cache_file = dictionary.stem + ".cache"
        _load_prefix_dictionary(tokenizer, directory / tokenizer.cache_file, dictionary)
        try:
            if not tokenizer.initialized:
                tokenizer.initialize()
            return tokenizer
        except Exception:  # noqa: BLE001 - jieba raises ValueError, KeyError … on a damaged file
            for damaged in (dictionary, directory / tokenizer.cache_file):
                damaged.unlink(missing_ok=True)
    raise OSError("the trimmed jieba dictionary cannot be built")


def _load_prefix_dictionary(tokenizer, cache: Path, dictionary: Path) -> None:
    """What Tokenizer.initialize does with a valid cache, but reading the file whole:
    jieba's marshal.load on an open file takes about 0.08 s, marshal.loads 0.015 s.
    Without a valid cache, jieba builds and writes it on first use as usual."""
    try:
        if cache.stat().st_mtime <= dictionary.stat().st_mtime:
            return
        freq, total = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return
    if isinstance(freq, dict) and isinstance(total, int):
        tokenizer.FREQ, tokenizer.total = freq, total
        tokenizer.dictionary = str(dictionary.resolve())
        tokenizer.initialized = True


@lru_cache(maxsize=4096)
def search_words(text: str, words_file: str = "", version=None) -> tuple[str, ...]:
    """Words and, for long words, the shorter words inside them (宣传教育 -> 宣传, 教育).
    `words_file` lists domain words (一网统管, 放管服 …) that jieba must keep whole;
    `version`: its lint.files.file_status, so an edited list is read again."""
    return tuple(_tokenizer(words_file, version).cut_for_search(text, HMM=False))
