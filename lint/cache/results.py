"""The result cache, behind one door: `check` asks it for a file's result (get), has
it lint what it does not hold (lint: the draft is read and hashed once, then linted
from those bytes and stored), replays whole runs and saves what a run learnt.

It lives in `.reportlint_cache/` beside the configuration (like ruff's). A file's key
covers everything its result depends on: its bytes, the name it is reported under,
the effective rules (their definitions, parameters after rule-settings, the data files
they read, the pack's roles), the settings and language, and the code. A changed input
is a new key, so a result is never stale; old entries are never read again
(`reportlint clean` removes them). Layers, each its own module:

    entries.py  one JSON entry per key: findings, checklist, quoted lines
    index.py    file status -> key, so an unchanged draft is not even read
    runs.py     a whole run's output under the keys of all its files (replay)
    plans.py    the rules' digest and catalogue without loading the rule pack

Everything is JSON written atomically and checked when read: damage costs time, never
a wrong result; a directory that cannot be written means no cache.
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from lint.cache import entries, runs
from lint.cache.index import Shard
from lint.cache.plans import Plans, plans_path
from lint.files import file_status, write_atomically
from lint.findings import FileResult
from lint.read.source import UnreadableInput, read_bytes

DIRECTORY_NAME = ".reportlint_cache"


def cache_directory(root: Path, override: str | None = None) -> Path:
    """--cache-dir, else $REPORTLINT_CACHE_DIR, else `.reportlint_cache/` in `root`."""
    chosen = override or os.environ.get("REPORTLINT_CACHE_DIR")
    return Path(chosen) if chosen else root / DIRECTORY_NAME


class ResultCache:
    def __init__(self, directory: Path, index: bool = True, fingerprints: bool = True):
        self.directory = directory
        self.fingerprints = fingerprints  # results must carry them (an entry without is a miss)
        self.index = index  # use the status index (worth it for many files, not for a few)
        self._cwd = os.getcwd()
        self._root = os.fspath(directory)
        self._writable: bool | None = None
        self._shards: dict[str, Shard] = {}
        self.plans = Plans(plans_path(self._root))

    # -- a file's result ---------------------------------------------------------------

    def entry(self, key: str) -> FileResult | None:
        """The result stored under a key (one the index gave), or None."""
        return entries.load(self._root, key, self.fingerprints)

    def indexed_key(self, path: Path, rules: str) -> str | None:
        if not self.index:
            return None
        name = str(path)
        status = file_status(path)
        return status and self._shard(name).key(name, status, rules)

    def lint(self, path: Path, rules: str, linter, max_bytes: int) -> FileResult:
        """The result for the draft's current bytes: its entry, else linted from those
        bytes by linter() and stored. The bytes hashed are the bytes linted, so a draft
        changing meanwhile cannot leave a result under the wrong key. The result carries
        its key and the draft's status before reading, for the index (record)."""
        status, seen = file_status(path), time.time_ns()
        try:
            data = read_bytes(path, max_bytes)
        except UnreadableInput:
            return linter().lint_path(path)  # it says why; nothing worth caching
        key = self._key(str(path), rules, data)
        result = entries.load(self._root, key, self.fingerprints)
        if result is None:
            result = linter().lint_path(path, data=data)
            self._write(lambda: entries.store(self._root, key, result))
        result.key, result.status = key, status and [*status, seen]
        return result

    def record(self, path: Path, rules: str, key: str | None, status: list | None) -> None:
        """Note in the index the status the draft had when its result (key) was linted."""
        if self.index and key and status:
            name = str(path)
            self._shard(name).note(name, status[:4], status[4], rules, key)

    def _key(self, name: str, rules: str, data: bytes) -> str:
        digest = hashlib.blake2b(rules.encode(), digest_size=32)  # 2x sha256's speed here
        # The name is reported, and the fingerprints hold it relative to the working directory.
        digest.update(f"\0{name}\0{self._cwd}\0".encode("utf-8", "surrogatepass"))
        digest.update(data)
        return digest.hexdigest()

    def _shard(self, name: str) -> Shard:
        folder = os.path.dirname(name)
        shard = self._shards.get(folder)
        if shard is None:
            shard = self._shards[folder] = Shard(self._root, self._cwd, folder)
        return shard

    # -- whole runs --------------------------------------------------------------------

    def replay(self, run_key: str) -> tuple[bytes, int] | None:
        """The output (UTF-8) and exit code of an earlier run with this key (runs.RunKey)."""
        return runs.load(os.path.join(self._root, "runs"), run_key)

    def remember_run(self, run_key: str, output: str, code: int) -> None:
        self._write(lambda: runs.store(self.directory / "runs", run_key, output, code))

    # -- saving ------------------------------------------------------------------------

    def save(self) -> None:
        """Write what this run learnt: index shards and plans."""
        for shard in self._shards.values():
            self._write(shard.save)
        self._write(self.plans.save)

    def _write(self, write) -> None:
        """Run a write; a cache that cannot be written is no cache (read-only tree, full disk …)."""
        if self._writable is False:
            return
        try:
            if self._writable is None:
                prepare(self.directory)
                self._writable = True
            write()
        except OSError:
            self._writable = False


TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# reportlint result cache\n"


def usable(directory: Path) -> bool:
    """Whether the directory can be the result cache: ours (it holds our tag), empty, or
    not there yet. Any other directory (--cache-dir .) is never marked or written."""
    try:
        return not directory.exists() or ours(directory) or not any(directory.iterdir())
    except OSError:
        return False


def ours(directory: Path) -> bool:
    """The directory holds the CACHEDIR.TAG reportlint writes (a regular file, exactly)."""
    tag = directory / "CACHEDIR.TAG"
    try:
        return tag.is_file() and not tag.is_symlink() and tag.stat().st_size == len(TAG.encode()) \
            and tag.read_text("utf-8") == TAG
    except (OSError, UnicodeDecodeError):
        return False


def prepare(directory: Path) -> None:
    """Make the directory the result cache (OSError if it cannot be, or is someone else's).
    The main process does this before any worker starts, so they find it ours."""
    if ours(directory):
        return
    if not usable(directory):
        raise OSError(f"{directory} is not a reportlint cache")
    directory.mkdir(parents=True, exist_ok=True)
    write_atomically(directory / "CACHEDIR.TAG", TAG.encode("utf-8"))  # whole or not at all: what makes it ours
    (directory / ".gitignore").write_text("# Created by reportlint: a cache, not for version control.\n*\n",
                                         encoding="utf-8")


def clear(directory: Path) -> bool:
    """Remove a cache directory made by reportlint (it holds our tag); True if removed."""
    import shutil

    if not ours(directory):
        return False
    shutil.rmtree(directory, ignore_errors=True)
    return True
