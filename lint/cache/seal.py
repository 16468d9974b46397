"""Seals on what the project's result cache holds: an HMAC-SHA256 of each entry, index
shard, memo and remembered run, under a key private to the user (32 random bytes in
the user's cache directory, mode 0600). A seal that does not verify, a bit flipped
or a file written by someone else, makes the file a miss: damage or forgery costs time,
never a result. Without a private user cache directory there is no key, and the
result cache is not used."""
from __future__ import annotations

import hashlib
import hmac
import os
from functools import lru_cache
from pathlib import Path

from lint.cache.user import user_cache_dir

KEY_BYTES = 32
_MAC_HEX = 64


def _key() -> bytes | None:
    directory = user_cache_dir()
    return None if directory is None else _key_in(str(directory))


@lru_cache(maxsize=4)
def _key_in(directory: str) -> bytes | None:
    """The key of the user cache directory (remembered per directory: the environment
    may name another one later in the same process)."""
    path = Path(directory) / "seal.key"
    if not path.exists():
        _create(path)
    try:
        info = os.lstat(path)
        if not _private_file(info):
            return None
        with open(path, "rb") as handle:
            key = handle.read(KEY_BYTES + 1)
    except OSError:
        return None
    return key if len(key) == KEY_BYTES else None


def forget_key() -> None:
    _key_in.cache_clear()


def _create(path) -> None:
    """Write a new key whole, then link it into place: a concurrent run sees the whole
    key or none, and the first run's key wins."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(KEY_BYTES))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    except OSError:
        pass


def _private_file(info: os.stat_result) -> bool:
    import stat

    if not stat.S_ISREG(info.st_mode):
        return False
    return not hasattr(os, "getuid") or (info.st_uid == os.getuid() and not info.st_mode & 0o077)


def available() -> bool:
    return _key() is not None


def seal(payload: bytes) -> bytes:
    """The payload with its seal in front (a line of hex)."""
    return _mac(payload).encode("ascii") + b"\n" + payload


def unseal(data: bytes) -> bytes | None:
    """The payload if its seal verifies, else None."""
    mac, newline, payload = data[:_MAC_HEX], data[_MAC_HEX:_MAC_HEX + 1], data[_MAC_HEX + 1:]
    if newline != b"\n" or _key() is None:
        return None
    return payload if hmac.compare_digest(mac, _mac(payload).encode("ascii")) else None


def _mac(payload: bytes) -> str:
    key = _key()
    if key is None:
        raise OSError("no private key for the result cache")
    return hmac.new(key, payload, hashlib.sha256).hexdigest()
