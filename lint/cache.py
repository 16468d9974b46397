"""Per-file result cache, in `.reportlint_cache/` beside the configuration (like ruff's).

An entry is keyed on everything a result depends on: the file's bytes, the name it
is reported under, the effective rules (their definitions, parameters after
rule-settings, the data files they read, the pack's roles), the settings and
language, and the code (reportlint's own modules and the libraries whose output
the rules use). A changed input is a new key, so a result is never stale; old
entries are simply never read again (`reportlint clean` removes them).

Entries are JSON (never pickle: a cache directory may come with a repository one
did not write), written to a temporary file and renamed into place, so readers see
a whole entry or none. An entry that does not parse, does not carry its own key or
holds anything store() would not write is a miss; a directory that cannot be written
is no cache. Either way the run goes on. An index of file status (index.json) spares
reading files that have not changed since an earlier run (see ResultCache.lookup).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from pathlib import Path

from .engine import FileResult, Linter
from .finding import Finding
from .source import UnreadableInput, read_bytes
from .stamp import code_stamp, write_atomically

DIRECTORY_NAME = ".reportlint_cache"
FORMAT = 2
RACY_NS = 2_000_000_000  # file times this close to their reading are not trusted (FAT: 2 s)
_STORED = [f.name for f in dataclasses.fields(Finding)][1:]  # a finding's path is its file's
_TYPES = (int, int, int, int, str, str, str, (dict, type(None)), str)  # their types, in order


def _finding(path: str, item: list) -> Finding:
    # As Finding(path, *item) would make it, without the frozen dataclass's slow
    # __init__: thousands of these make up most of a warm run.
    finding = object.__new__(Finding)
    finding.__dict__.update(zip(_STORED, item))
    finding.__dict__["path"] = path
    return finding


def cache_directory(root: Path, override: str | None = None) -> Path:
    """--cache-dir, else $REPORTLINT_CACHE_DIR, else `.reportlint_cache/` in `root`."""
    chosen = override or os.environ.get("REPORTLINT_CACHE_DIR")
    return Path(chosen) if chosen else root / DIRECTORY_NAME


class ResultCache:
    def __init__(self, directory: Path):
        self.directory = directory
        self._digests: dict[int, str] = {}
        self._cwd = os.getcwd()
        self._root = os.fspath(directory)
        self._writable: bool | None = None
        self._known: dict | None = None  # the index: name -> [size, mtime, ctime, inode, seen, rules, key]
        self._seen: dict[str, list] = {}

    def lint(self, linter: Linter, path: Path, display: str | None = None) -> FileResult:
        """The cached result for the file's current bytes, else a fresh one (then stored).
        The bytes hashed are the bytes linted, so a file changing meanwhile cannot
        leave a result under the wrong key."""
        data, key = self._read(linter, path, display)
        if key is None:
            return linter.lint_path(path, display)
        hit = self.load(key)
        if hit is not None:
            return hit
        result = linter.lint_path(path, display, data)
        self.store(key, result)
        return result

    def lookup(self, linter: Linter, path: Path, display: str | None = None) -> FileResult | None:
        """The cached result, or None. The key of a file whose status (size, times,
        inode) is as recorded by an earlier run comes from the index without reading
        the file, as git's index does; a file modified within RACY_NS of that reading
        is read again, since a same-size edit in the same clock tick would not show."""
        name = display or str(path)
        try:
            info = os.stat(path)
        except OSError:
            return None
        status = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        digest = self._linter_digest(linter)[:16]
        known = self._index().get(name)
        if known and known[:4] == status and known[5] == digest and status[1] + RACY_NS < known[4]:
            return self.load(known[6])
        seen = time.time_ns()
        _, key = self._read(linter, path, display)
        if key is None:
            return None
        self._seen[name] = [*status, seen, digest, key]
        return self.load(key)

    def _index(self) -> dict:
        if self._known is None:
            self._known = {}
            try:
                with open(os.path.join(self._root, "index.json"), "rb") as handle:
                    index = json.loads(handle.read().decode("utf-8", "surrogatepass"))
                if index.get("format") == FORMAT and index.get("cwd") == self._cwd:
                    self._known = {name: item for name, item in index["files"].items()
                                   if isinstance(item, list) and len(item) == 7}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                pass
        return self._known

    def save_index(self) -> None:
        """Record the status and key of the files looked up (merged with the index on disk)."""
        if not self._seen:
            return
        self._known = None
        files = {**self._index(), **self._seen}
        payload = json.dumps({"format": FORMAT, "cwd": self._cwd, "files": files}, ensure_ascii=False)
        try:
            self._prepare(self.directory)
            write_atomically(self.directory / "index.json", payload.encode("utf-8", "surrogatepass"))
        except OSError:
            self._writable = False
        self._seen = {}

    def _read(self, linter: Linter, path: Path, display: str | None) -> tuple[bytes | None, str | None]:
        try:
            data = read_bytes(path, linter.settings["max_bytes"])
        except UnreadableInput:
            return None, None  # the linter reports why; nothing worth caching
        digest = hashlib.blake2b(self._linter_digest(linter).encode(), digest_size=32)  # 2x sha256's speed here
        # The name is reported, and the fingerprints hold it relative to the working directory.
        digest.update(f"\0{display or path}\0{self._cwd}\0".encode("utf-8", "surrogatepass"))
        digest.update(data)
        return data, digest.hexdigest()

    def _entry(self, key: str) -> str:
        return os.path.join(self._root, key[:2], key[2:])

    def load(self, key: str) -> FileResult | None:
        try:
            with open(self._entry(key), "rb") as handle:
                entry = json.loads(handle.read().decode("utf-8", "surrogatepass"))
            if entry["key"] != key or entry["format"] != FORMAT:
                return None
            path, items = entry["path"], entry["findings"]
            if not isinstance(path, str) or not all(
                    len(item) == len(_TYPES) and all(map(isinstance, item, _TYPES)) for item in items):
                return None  # not what store() writes: edited by hand or damaged
            lines = {int(n): text for n, text in entry["lines"].items() if isinstance(text, str)}
            checklist = [tuple(c) for c in entry["checklist"]]
            if len(lines) != len(entry["lines"]) or not all(
                    len(c) == 2 and all(isinstance(x, str) for x in c) for c in checklist):
                return None
            return FileResult(path, [_finding(path, item) for item in items], checklist, lines)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, truncated, edited or from another format: a miss

    def store(self, key: str, result: FileResult) -> None:
        entry = {"format": FORMAT, "key": key, "path": result.path,
                 "findings": [[getattr(f, name) for name in _STORED] for f in result.findings],
                 "checklist": result.checklist, "lines": result.quoted_lines()}
        payload = json.dumps(entry, ensure_ascii=False).encode("utf-8", "surrogatepass")
        target = Path(self._entry(key))
        try:
            self._prepare(target.parent)
            write_atomically(target, payload)
        except OSError:
            self._writable = False  # read-only tree, full disk …: lint without a cache

    def _prepare(self, folder: Path) -> None:
        if self._writable is False:
            raise OSError("cache not writable")
        if self._writable is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            marker = self.directory / ".gitignore"
            if not marker.exists():
                marker.write_text("# Created by reportlint: a cache, not for version control.\n*\n", encoding="utf-8")
                (self.directory / "CACHEDIR.TAG").write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n# reportlint result cache\n", encoding="utf-8")
            self._writable = True
        folder.mkdir(exist_ok=True)

    def _linter_digest(self, linter: Linter) -> str:
        digest = self._digests.get(id(linter))
        if digest is None:
            digest = self._digests[id(linter)] = linter_digest(linter)
        return digest


def linter_digest(linter: Linter) -> str:
    """What a linter's results depend on, besides the file: rules, pack, settings, code."""
    from .checks import KINDS

    parts = [FORMAT, code_stamp(), linter.lang, sorted((k, repr(v)) for k, v in linter.settings.items()),
             _canonical(linter.pack.roles), _canonical(linter.pack.parts), linter.pack.organ_pattern]
    for rule in linter.rules:
        kinds = KINDS[rule.check].params
        params = {key: _file_digest(value) if kinds.get(key) and kinds[key].kind == "path" and value
                  else _canonical(value) for key, value in rule.params.items()}
        parts.append([rule.id, rule.severity, rule.check, rule.message, params])
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=repr).encode("utf-8", "surrogatepass")).hexdigest()


def _canonical(value):
    if hasattr(value, "pattern") and hasattr(value, "flags"):  # a compiled regular expression
        return ["re", value.pattern, int(value.flags)]
    if dataclasses.is_dataclass(value):
        return [type(value).__name__, {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}]
    if isinstance(value, dict):
        return sorted([str(k), _canonical(v)] for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_canonical(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if hasattr(value, "__dict__"):  # a check kind's own parameter object: its state, not its address
        return [type(value).__name__, _canonical(vars(value))]
    return repr(value)


def _file_digest(path: str) -> list:
    try:
        return ["file", path, hashlib.sha256(Path(path).read_bytes()).hexdigest()]
    except OSError:
        return ["file", path, None]


def clear(directory: Path) -> bool:
    """Remove a cache directory made by reportlint (it holds our CACHEDIR.TAG); True if removed."""
    import shutil

    if not (directory / "CACHEDIR.TAG").is_file():
        return False
    shutil.rmtree(directory, ignore_errors=True)
    return True
