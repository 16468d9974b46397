"""File-system helpers shared by the stages: a file's status, atomic replacement,
paths as reports print them."""
from __future__ import annotations

import os
from pathlib import Path


def file_status(path) -> tuple[int, int, int, int] | None:
    """Size, modification and change times (ns), inode; None if it cannot be stat'ed.
    What tells that a file is unchanged without reading it: the change time catches an
    edit whose modification time was put back (cp -p, touch -r)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def write_atomically(target: Path, payload: bytes, like: os.stat_result | None = None, durable: bool = False) -> None:
    """Readers see the whole file or none: a temporary file beside the target, then a
    rename. `like`: give it that file's permissions and (if we may) owner; `durable`:
    fsync before the rename. OSError on failure, and the temporary file is gone."""
    import tempfile  # here: a run answered from the caches writes nothing

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if like is not None:
            os.chmod(tmp, like.st_mode & 0o7777)
            try:
                os.chown(tmp, like.st_uid, like.st_gid)
            except (PermissionError, AttributeError):
                pass  # not ours to change; the owner stays the one who writes
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def portable_path(path: str, start: str | None = None) -> str:
    """The path relative to `start` (the working directory), with forward slashes, as
    reports and fingerprints hold it; a pseudo-path like <stdin> as it is, and a path
    on another drive (Windows) absolute."""
    if path.startswith("<"):
        return path
    try:
        return Path(os.path.relpath(os.path.abspath(path), start and os.path.abspath(start))).as_posix()
    except ValueError:
        return Path(path).as_posix()


SMALL_FILE = 16 * 1024 * 1024  # rule files, data files, configuration, baselines, cache files


def read_regular(path, limit: int = SMALL_FILE, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; OSError for anything else (a
    FIFO would block, /dev/zero would never end, a symlink in a cache may lead anywhere)."""
    import stat

    info = os.stat(path) if follow else os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(f"{path}: not a regular file")
    if info.st_size > limit:
        raise OSError(f"{path}: larger than {limit} bytes")
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(f"{path}: larger than {limit} bytes")
    return data
