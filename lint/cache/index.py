"""The status index: for each draft a run has read, the status it had then (size,
times, inode), the digest of the rules it was linted with and the key of its bytes.
One JSON file (a shard) per directory of drafts.

A file whose status is unchanged gets its key without being read, as git's index
answers `git status`; its result then comes from its entry. A file modified within
RACY_NS of its reading is read again: a same-size edit in the same clock tick would
not show in its status. A run merges what it learnt with the shard on disk, so
concurrent runs lose at most some entries, which are then misses. A shard that is
not what save() writes is ignored.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from lint.cache.seal import seal, unseal
from lint.files import read_regular, write_atomically

RACY_NS = 2_000_000_000  # file times this close to their reading are not trusted (FAT: 2 s)
FORMAT = 4
MAX_BYTES = 256 * 1024 * 1024
SEEN = 4  # in a record, after the file's status: when it was taken
KEY_WIDTH, RULES_WIDTH = 64, 16  # hex digits of a file's key and of its rules' digest


def unchanged(status, known: list) -> bool:
    """The status is as recorded, and was not racy when recorded."""
    return known[:4] == list(status) and status[1] + RACY_NS < known[SEEN]


def _valid(record) -> bool:
    return (type(record) is list and len(record) == 7 and all(type(n) is int for n in record[:5])
            and type(record[5]) is str and len(record[5]) == RULES_WIDTH
            and type(record[6]) is str and len(record[6]) == KEY_WIDTH)


class Shard:
    """The records of the drafts of one directory: name -> [size, mtime, ctime, inode,
    seen, rules, key]."""

    def __init__(self, directory: str, cwd: str, folder: str):
        name = hashlib.blake2b(f"{cwd}\0{folder}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        self.path = os.path.join(directory, "index", name + ".json")
        self.cwd, self.folder = cwd, folder
        self.records = self._read()
        self.pending: dict[str, list] = {}

    def _read(self) -> dict[str, list]:
        try:
            payload = unseal(read_regular(self.path, MAX_BYTES, follow=False))
            data = json.loads(payload)
            if (data["format"], data["cwd"], data["dir"]) == (FORMAT, self.cwd, self.folder) \
                    and type(data["files"]) is dict:
                return {name: record for name, record in data["files"].items() if _valid(record)}
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return {}  # missing, damaged or another format: an empty shard

    def key(self, name: str, status, rules: str) -> str | None:
        """The key of a file whose status is as recorded (not racy then), with the same rules."""
        record = self.records.get(name)
        if record is None or not unchanged(status, record) or record[5] != rules[:RULES_WIDTH]:
            return None
        return record[6]

    def note(self, name: str, status, seen: int, rules: str, key: str) -> None:
        self.pending[name] = [*status, seen, rules[:RULES_WIDTH], key]

    def save(self) -> None:
        """Merge what this run learnt into the shard on disk (files deleted since are
        dropped); OSError if it cannot be written."""
        if not self.pending:
            return
        merged = {name: record for name, record in self._read().items() if os.path.exists(name)}
        merged.update(self.pending)
        payload = {"format": FORMAT, "cwd": self.cwd, "dir": self.folder, "files": merged}
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")
        write_atomically(Path(self.path), seal(data))
        self.records.update(self.pending)
        self.pending = {}
