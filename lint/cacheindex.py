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
from pathlib import Path

from .finding import PART_STATUSES, SEVERITY_RANK, FileResult, Finding
from .stamp import write_atomically

RACY_NS = 2_000_000_000  # file times this close to their reading are not trusted (FAT: 2 s)
SHARD_FORMAT = 2
# An entry: the file's status, the digest of its rules, its key, and where its findings are.
SIZE, MTIME, CTIME, INODE, SEEN, RULES, KEY, FIRST, COUNT, PARTS = range(10)
ENTRY_LENGTH = 10
# Findings are rows of integers (texts are indexes in the shard's table of strings),
# stored as one base64 array: parsing it costs a tenth of parsing the same as JSON.
ROW = ("line", "column", "end_line", "end_column", "rule", "severity", "message",
       "fix_line", "fix_column", "fix_end_line", "fix_end_column", "fix_replacement")  # -1: no fix
FIX_KEYS = ["line", "column", "end_line", "end_column", "replacement"]
INTS = f"{sys.byteorder}-{array('i').itemsize}"


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

    def __init__(self, directory: str, cwd: str, folder: str):
        name = hashlib.blake2b(f"{cwd}\0{folder}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        self.path = os.path.join(directory, "index", name + ".json")
        self.cwd, self.folder = cwd, folder
        self.strings, self.columns, self.fingerprints, self.files = self._read()
        self.pending: dict[str, list] = {}  # name -> [status..., seen, rules, key, FileResult or None]

    def _read(self) -> tuple[list[str], list[int], list[str], dict]:
        try:
            with open(self.path, "rb") as handle:
                data = json.loads(handle.read().decode("utf-8", "surrogatepass"))
            if (data["format"], data["cwd"], data["dir"], data["ints"]) == (SHARD_FORMAT, self.cwd, self.folder, INTS):
                strings, files, text = data["strings"], data["files"], data["fingerprints"]
                rows = array("i")
                rows.frombytes(base64.b64decode(data["rows"], validate=True))
                fingerprints = text.split("\n") if text else []
                if (type(files) is dict and type(strings) is list and all(type(s) is str for s in strings)
                        and len(rows) == len(ROW) * len(fingerprints)):
                    return strings, [rows[i::len(ROW)].tolist() for i in range(len(ROW))], fingerprints, files
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # missing, damaged or another format: an empty shard
        return [], [[] for _ in ROW], [], {}

    def known(self, name: str) -> list | None:
        entry = self.files.get(name)
        return entry if type(entry) is list and len(entry) == ENTRY_LENGTH else None

    def result(self, name: str, entry: list) -> FileResult | None:
        """The result an entry points at, or None if it is not what save() writes."""
        try:
            return _decode(name, entry, self.strings, self.columns, self.fingerprints)
        except (ValueError, TypeError, IndexError):
            return None

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
        on_disk.path, on_disk.cwd, on_disk.folder = self.path, self.cwd, self.folder
        on_disk.strings, on_disk.columns, on_disk.fingerprints, on_disk.files = on_disk._read()
        table = _Table()
        for name, entry in on_disk.files.items():
            if name not in self.pending and on_disk.known(name) and os.path.exists(name):
                result = on_disk.result(name, entry)
                if result is not None:
                    table.add(name, entry[:KEY + 1], result)
        for name, entry in self.pending.items():
            if entry[-1] is not None:
                table.add(name, entry[:KEY + 1], entry[-1])
        payload = {"format": SHARD_FORMAT, "cwd": self.cwd, "dir": self.folder, "ints": INTS, **table.payload()}
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        write_atomically(Path(self.path), json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        self.pending = {}


class _Table:
    """A shard being written: entries, rows, fingerprints and strings."""

    def __init__(self):
        self.strings: list[str] = []
        self.index: dict[str, int] = {}
        self.rows = array("i")
        self.fingerprints: list[str] = []
        self.files: dict[str, list] = {}

    def intern(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.strings)
            self.strings.append(text)
        return found

    def add(self, name: str, head: list, result: FileResult) -> None:
        """Add a file's entry, unless its result holds what a row cannot (then it has none)."""
        try:
            rows = array("i", [value for f in result.findings for value in self._row(f)])
            parts = [self.intern(text) for part in result.checklist for text in part]
        except (ValueError, TypeError, OverflowError):
            return
        self.files[name] = [*head, len(self.fingerprints), len(result.findings), parts]
        self.rows.extend(rows)
        self.fingerprints.extend(f.fingerprint for f in result.findings)

    def _row(self, f: Finding) -> list[int]:
        if "\n" in f.fingerprint:
            raise ValueError("fingerprint")
        fix = f.fix
        if fix is None:
            tail = [0, 0, 0, 0, -1]
        elif list(fix) == FIX_KEYS and type(fix["replacement"]) is str:
            tail = [fix["line"], fix["column"], fix["end_line"], fix["end_column"], self.intern(fix["replacement"])]
        else:
            raise ValueError("fix")
        return [f.line, f.column, f.end_line, f.end_column, self.intern(f.rule), self.intern(f.severity),
                self.intern(f.message), *tail]

    def payload(self) -> dict:
        return {"strings": self.strings, "rows": base64.b64encode(self.rows.tobytes()).decode("ascii"),
                "fingerprints": "\n".join(self.fingerprints), "files": self.files}


def _decode(name: str, entry: list, strings: list[str], columns: list[list[int]],
            fingerprints: list[str]) -> FileResult | None:
    first, count, parts = entry[FIRST], entry[COUNT], entry[PARTS]
    if not (type(first) is int and type(count) is int and 0 <= first and 0 <= count
            and first + count <= len(fingerprints) and type(parts) is list and len(parts) % 2 == 0):
        return None
    made = []
    new = object.__new__
    end = first + count
    for line, column, end_line, end_column, rule, severity, message, fix_line, fix_column, fix_end_line, \
            fix_end_column, replacement, fingerprint in zip(*[c[first:end] for c in columns], fingerprints[first:end]):
        severity = strings[severity]
        if severity not in SEVERITY_RANK:
            return None
        # As Finding(...) would make it, without the frozen dataclass's slow __init__:
        # thousands of these make up much of a warm run.
        finding = new(Finding)
        finding.__dict__.update(
            path=name, line=line, column=column, end_line=end_line, end_column=end_column, rule=strings[rule],
            severity=severity, message=strings[message], fingerprint=fingerprint,
            fix=None if replacement < 0 else {"line": fix_line, "column": fix_column, "end_line": fix_end_line,
                                              "end_column": fix_end_column, "replacement": strings[replacement]})
        made.append(finding)
    checklist = [(strings[parts[i]], strings[parts[i + 1]]) for i in range(0, len(parts), 2)]
    if not all(status in PART_STATUSES for _, status in checklist):
        return None
    return FileResult(name, made, checklist)
