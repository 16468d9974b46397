"""Whole runs: a run's output and exit code remembered under the keys of all its files
and the options that shape its output, so an unchanged run is replayed, not redone.
Stored as a line of JSON (key, exit code, size), then the output as is (JSON would
spend more time escaping and scanning it than reading it)."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from lint.cache.seal import seal, unseal
from lint.files import read_regular, write_atomically

FORMAT = 4
KEPT = 16  # runs remembered
MAX_BYTES = 1024 * 1024 * 1024


class RunKey:
    """A run's key, made as its files pass: the output options, then each file's name
    and result key (a file without a key makes the run one that is not remembered)."""

    def __init__(self, context: list):
        self._digest = hashlib.sha256(repr(context).encode("utf-8", "surrogatepass"))
        self.complete = True

    def add(self, name: str, key: str | None) -> None:
        if not key:
            self.complete = False
            return
        self._digest.update(f"{name}\0{key}\n".encode("utf-8", "surrogatepass"))

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def load(folder: str, key: str) -> tuple[bytes, int] | None:
    """The output (UTF-8, checked to decode) and exit code of the run with this key."""
    try:
        payload = unseal(read_regular(os.path.join(folder, key), MAX_BYTES, follow=False))
        if payload is None:
            return None  # damaged (an exit code flipped …), or not written by this user's reportlint
        head, _, body = payload.partition(b"\n")
        entry = json.loads(head)
        if (entry["format"], entry["key"], entry["size"]) == (FORMAT, key, len(body)) and entry["exit"] in (0, 1):
            body.decode("utf-8", "surrogatepass")  # or ValueError: not what store() wrote
            return body, entry["exit"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def store(folder: Path, key: str, output: str, code: int) -> None:
    """Remember a run and forget all but the KEPT newest (OSError if it cannot be written)."""
    body = output.encode("utf-8", "surrogatepass")
    head = json.dumps({"format": FORMAT, "key": key, "exit": code, "size": len(body)}).encode()
    folder.mkdir(exist_ok=True)
    write_atomically(folder / key, seal(head + b"\n" + body))
    _prune(folder, KEPT)


def _prune(folder: Path, keep: int) -> None:
    """Remove all but the `keep` newest entries (not other runs' temporary files)."""
    dated = []
    for entry in os.scandir(folder):
        try:
            if not entry.name.startswith("."):
                dated.append((entry.stat().st_mtime_ns, entry.path))
        except OSError:
            continue  # removed meanwhile by another run
    for _, path in sorted(dated)[:-keep]:
        try:
            os.unlink(path)
        except OSError:
            pass
