"""The result cache's index: one file per directory of drafts (a shard), holding for
each file the status it had when a run read it (size, times, inode), the key of
its bytes, and its result in a compact form (findings and checklist, with every
text stored once in a table of strings).

A file whose status is unchanged is answered from its shard without reading the
file or its entry, as git's index answers `git status`. A file modified within
RACY_NS of that reading is read again: a same-size edit in the same clock tick
would not show in its status. A run that checks a few files does not use the
index at all (reading them costs less than loading a shard of a large directory).

Shards are JSON, written whole to a temporary file and renamed into place; a run
merges what it learnt with the shard on disk, so concurrent runs lose at most some
entries, which are then misses. A shard or entry that is not what save() writes is
ignored.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from array import array
from itertools import repeat
from pathlib import Path

from lint.findings import PART_STATUSES, SEVERITY_RANK, FileResult, Finding
from lint.cache.user import write_atomically

RACY_NS = 2_000_000_000  # file times this close to their reading are not trusted (FAT: 2 s)
SHARD_FORMAT = 3
# Everything numeric is stored as base64 arrays (parsing them costs a tenth of parsing
# the same as JSON lists); texts are indexes into the shard's table of strings.
FILE = ("size", "mtime", "ctime", "inode", "seen", "first", "count", "parts_first", "parts_count")
FINDING = ("line", "column", "end_line", "end_column", "rule", "severity", "message")
FIX = ("finding", "line", "column", "end_line", "end_column", "replacement")
FIX_KEYS = ["line", "column", "end_line", "end_column", "replacement"]
SEEN, RULES, KEY = 4, 5, 6  # in an entry as known() gives it, after the file's status
KEY_WIDTH, RULES_WIDTH = 64, 16  # hex digits of a file's key and of its rules' digest
INTS = f"{sys.byteorder}-{array('i').itemsize}-{array('q').itemsize}"


def file_status(path) -> list[int] | None:
    """What the index compares: size, modification and change times, inode."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def unchanged(status: list[int], known: list) -> bool:
    """The status is as recorded, and was not racy when recorded."""
    return known[:4] == status and status[1] + RACY_NS < known[SEEN]


class Shard:
    """The index entries of the files of one directory."""

    def __init__(self, directory: str, cwd: str, folder: str, read: bool = True):
        name = hashlib.blake2b(f"{cwd}\0{folder}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        self.path = os.path.join(directory, "index", name + ".json")
        self.cwd, self.folder = cwd, folder
        self.pending: dict[str, list] = {}  # name -> [size, mtime, ctime, inode, seen, rules, key, FileResult or None]
        self.names: dict[str, int] = {}
        self._decoded: list | None = None
        if read:
            self._read()

    def _read(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                data = json.loads(handle.read())
            if (data["format"], data["cwd"], data["dir"], data["ints"]) == (SHARD_FORMAT, self.cwd, self.folder, INTS):
                self._load(data)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            self.names = {}  # missing, damaged or another format: an empty shard

    def _load(self, data: dict) -> None:
        """Take the files' columns; the findings' are decoded when first needed (a run
        that only needs the files' keys never decodes them)."""
        names, keys, rules, files = data["names"], data["keys"], data["rules"], _ints("q", data["files"])
        if not (type(names) is list and all(type(n) is str for n in names) and type(keys) is str
                and type(rules) is str and len(keys) == KEY_WIDTH * len(names)
                and len(rules) == RULES_WIDTH * len(names) and len(files) == len(FILE) * len(names)):
            raise ValueError("inconsistent shard")
        self.files, self.keys, self.rules, self._data = files.tolist(), keys, rules, data
        self.names = {name: i for i, name in enumerate(names)}

    def _columns(self) -> list[list] | None:
        """The findings' columns, checking everything decoding relies on; None if damaged."""
        if self._decoded is None:
            try:
                self._decoded = self._decode_columns(self._data)
            except (ValueError, TypeError, KeyError, AttributeError, IndexError):
                self._decoded = []
        return self._decoded or None

    def _decode_columns(self, data: dict) -> list[list]:
        strings, findings = data["strings"], _ints("i", data["findings"])
        fixes, parts = _ints("i", data["fixes"]), _ints("i", data["parts"])
        fingerprints = data["fingerprints"].split(" ") if data["fingerprints"] else []
        count = len(fingerprints)
        if not (type(strings) is list and all(type(s) is str for s in strings)
                and len(findings) == len(FINDING) * count and len(fixes) % len(FIX) == 0 and len(parts) % 2 == 0):
            raise ValueError("inconsistent shard")
        texts = [_texts(findings[i::len(FINDING)], strings) for i in (4, 5, 6)]
        labels = _texts(parts, strings)
        if not (set(texts[1]) <= SEVERITY_RANK.keys() and set(labels[1::2]) <= set(PART_STATUSES)):
            raise ValueError("not a severity or a part's status")
        fix_column: list = [None] * count
        for where, line, column, end_line, end_column, replacement in zip(*(fixes[i::len(FIX)] for i in range(6))):
            fix_column[where] = {"line": line, "column": column, "end_line": end_line, "end_column": end_column,
                                 "replacement": strings[replacement]}
        for first, length in zip(self.files[5::len(FILE)], self.files[6::len(FILE)]):
            if first < 0 or length < 0 or first + length > count:
                raise ValueError("findings out of range")
        for first, length in zip(self.files[7::len(FILE)], self.files[8::len(FILE)]):
            if first < 0 or length < 0 or first + length > len(labels) // 2:
                raise ValueError("parts out of range")
        return [*(findings[i::len(FINDING)].tolist() for i in range(4)), *texts, fix_column, fingerprints, labels]

    def unchanged_key(self, name: str, status: list[int], rules: str) -> str | None:
        """The key of a file whose status is as recorded (not racy then), with the same rules."""
        at = self.names.get(name)
        if at is None:
            return None
        base = at * len(FILE)
        if not (unchanged(status, self.files[base:base + SEEN + 1]) and self.rules.startswith(rules, at * RULES_WIDTH)):
            return None
        return self.keys[at * KEY_WIDTH:(at + 1) * KEY_WIDTH]

    def known(self, name: str) -> list | None:
        """The entry of a file: [size, mtime, ctime, inode, seen, rules, key], or None."""
        at = self.names.get(name)
        if at is None:
            return None
        return [*self.files[at * len(FILE):at * len(FILE) + 5], self.rules[at * RULES_WIDTH:(at + 1) * RULES_WIDTH],
                self.keys[at * KEY_WIDTH:(at + 1) * KEY_WIDTH]]

    def result(self, name: str) -> FileResult | None:
        """The result stored for a file (None if there is none)."""
        at = self.names.get(name)
        if at is None:
            return None
        columns = self._columns()
        if columns is None:
            return None
        first, count, parts_first, parts_count = self.files[at * len(FILE) + 5:(at + 1) * len(FILE)]
        end = first + count
        rows = zip(repeat(name, count), *[column[first:end] for column in columns[:-1]])
        made = list(map(tuple.__new__, repeat(Finding, count), rows))  # Finding(*row), row by row in C
        labels = columns[-1][parts_first * 2:(parts_first + parts_count) * 2]
        return FileResult(name, made, list(zip(labels[::2], labels[1::2])),
                          key=self.keys[at * KEY_WIDTH:(at + 1) * KEY_WIDTH])

    def note(self, name: str, status: list[int], seen: int, rules: str, key: str, result: FileResult | None):
        self.pending[name] = [*status, seen, rules, key, result]

    def attach(self, name: str, result: FileResult) -> None:
        """Give a file noted without a result the result just linted from the same bytes."""
        entry = self.pending.get(name)
        if entry is not None and entry[-1] is None and entry[KEY] == result.key:
            entry[-1] = result

    def save(self) -> None:
        """Merge what this run learnt into the shard on disk; OSError if it cannot be written."""
        if not any(entry[-1] is not None for entry in self.pending.values()):
            return  # nothing learnt (an entry without its result is no use)
        on_disk = Shard.__new__(Shard)
        on_disk.path, on_disk.cwd, on_disk.folder, on_disk.names, on_disk._decoded = self.path, self.cwd, self.folder, {}, None
        on_disk._read()
        table = _Table()
        for name in on_disk.names:
            if name not in self.pending and os.path.exists(name):
                result = on_disk.result(name)
                if result is not None:
                    table.add(name, on_disk.known(name), result)
        for name, entry in self.pending.items():
            if entry[-1] is not None:
                table.add(name, entry[:-1], entry[-1])
        payload = {"format": SHARD_FORMAT, "cwd": self.cwd, "dir": self.folder, "ints": INTS, **table.payload()}
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        write_atomically(Path(self.path), json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        self.pending = {}


def _ints(kind: str, text: str) -> array:
    values = array(kind)
    values.frombytes(base64.b64decode(text))
    return values


def _texts(indexes: array, strings: list[str]) -> list[str]:
    if not indexes:
        return []
    if min(indexes) < 0 or max(indexes) >= len(strings):
        raise ValueError("no such string")
    return list(map(strings.__getitem__, indexes))


class _Table:
    """A shard being written: its columns."""

    def __init__(self):
        self.strings: list[str] = []
        self.index: dict[str, int] = {}
        self.names: list[str] = []
        self.keys: list[str] = []
        self.rules: list[str] = []
        self.files = array("q")
        self.findings = array("i")
        self.fixes = array("i")
        self.parts = array("i")
        self.fingerprints: list[str] = []

    def intern(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.strings)
            self.strings.append(text)
        return found

    def add(self, name: str, head: list, result: FileResult) -> None:
        """Add a file's entry, unless it holds what the columns cannot (then it has none)."""
        size, mtime, ctime, inode, seen, rules, key = head
        first = len(self.fingerprints)
        try:
            findings, fixes = array("i"), array("i")
            for at, f in enumerate(result.findings, first):
                if type(f.fingerprint) is not str or " " in f.fingerprint or not f.fingerprint:
                    raise ValueError("fingerprint")
                findings.extend([f.line, f.column, f.end_line, f.end_column, self.intern(f.rule),
                                 self.intern(f.severity), self.intern(f.message)])
                if f.fix is not None:
                    if list(f.fix) != FIX_KEYS or type(f.fix["replacement"]) is not str:
                        raise ValueError("fix")
                    fixes.extend([at, *(f.fix[k] for k in FIX_KEYS[:4]), self.intern(f.fix["replacement"])])
            parts = array("i", [self.intern(text) for part in result.checklist for text in part])
            files = array("q", [size, mtime, ctime, inode, seen, first, len(result.findings),
                                len(self.parts) // 2, len(parts) // 2])
        except (ValueError, TypeError, OverflowError):
            return
        if len(key) != KEY_WIDTH or len(rules) != RULES_WIDTH:
            return
        self.names.append(name)
        self.keys.append(key)
        self.rules.append(rules)
        self.files.extend(files)
        self.findings.extend(findings)
        self.fixes.extend(fixes)
        self.parts.extend(parts)
        self.fingerprints.extend(f.fingerprint for f in result.findings)

    def payload(self) -> dict:
        def packed(values: array) -> str:
            return base64.b64encode(values.tobytes()).decode("ascii")

        return {"strings": self.strings, "names": self.names, "keys": "".join(self.keys), "rules": "".join(self.rules),
                "files": packed(self.files), "findings": packed(self.findings), "fixes": packed(self.fixes),
                "parts": packed(self.parts), "fingerprints": " ".join(self.fingerprints)}
