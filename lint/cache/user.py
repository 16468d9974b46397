"""What the caches share: the user's cache directory, the code stamp, derived data.

Two kinds of cache exist. The per-project result cache (lint/cache.py) holds JSON
only, since a project directory may come from anyone. The user's own cache
directory (~/.cache/reportlint, or $XDG_CACHE_HOME/reportlint) holds what makes
start-up cheap: jieba's dictionary, the validated rule pack, parsed data files.
It is private to the user, like Python's own bytecode caches.
"""
from __future__ import annotations

import os
import stat
import sys
from functools import lru_cache
from pathlib import Path

from lint.files import write_atomically

# Libraries whose behaviour is part of a result: an upgrade must not reuse old entries.
LIBRARIES = ("regex", "jieba", "opencc", "docx", "lxml", "yaml")


def user_cache_dir() -> Path | None:
    """The user's own cache directory ($XDG_CACHE_HOME or ~/.cache, then reportlint/private),
    made if needed; None unless the path is absolute and the directory is a real one,
    owned by the user and closed to others (0700): the caches there hold pickles, which
    may be loaded only from where no one else can write. A directory that came with a
    checkout is never 0700 (git makes directories open), so it is not taken for ours."""
    return _private_directory(os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))


def forget_user_cache() -> None:
    """After the directory was removed: check it (and its key) again when next needed."""
    from lint.cache.seal import forget_key

    _private_directory.cache_clear()
    forget_key()


@lru_cache(maxsize=4)
def _private_directory(xdg: str | None, home: str | None) -> Path | None:
    """user_cache_dir for the environment's values, checked once a process."""
    base = xdg or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None  # HOME unset and no passwd entry: "~" would be a directory of the tree
    directory = Path(base) / "reportlint" / "private"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(directory)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077):
        return None
    return directory


@lru_cache(maxsize=1)
def code_stamp() -> tuple:
    """reportlint's version and modules and the libraries': name, size and time of each
    file, so a source checkout, an edit or an upgrade never reuses another's entries."""
    from lint import __version__

    stamp: list = [__version__, sys.version]
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # lint/
    modules = []
    for root, dirs, names in os.walk(package):  # os.walk, not Path.rglob: a third of the time
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        modules += [os.path.join(root, name) for name in names if name.endswith(".py")]
    for file in sorted(modules):
        info = os.stat(file)
        stamp.append([os.path.relpath(file, package).replace(os.sep, "/"), info.st_size, info.st_mtime_ns])
    for name in LIBRARIES:
        origin = _origin(name)
        info = os.stat(origin) if origin and os.path.exists(origin) else None
        stamp.append([name, origin, info and info.st_size, info and info.st_mtime_ns])
    return tuple(stamp)


def _origin(module: str) -> str | None:
    """The file a library is (or would be) imported from, without importing it."""
    loaded = sys.modules.get(module)
    spec = getattr(loaded, "__spec__", None)
    if spec is None:
        from importlib.util import find_spec

        try:
            spec = find_spec(module)
        except (ImportError, ValueError):
            spec = None
    return spec.origin if spec and spec.origin else None


def derived(kind: str, raw: bytes, build, expected: type):
    """build(), remembered in the user's cache directory per `kind` and content `raw`
    of the file it is built from (as marshal: plain data only). A damaged or unwritable
    cache means building it."""
    import hashlib
    import marshal

    digest = hashlib.sha256(kind.encode() + b"\0" + raw).hexdigest()
    directory = user_cache_dir()
    if directory is None:
        return build()
    target = directory / "data" / f"{digest}.marshal"
    try:
        cached = marshal.loads(target.read_bytes())
        if isinstance(cached, expected):
            return cached
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, marshal.dumps(value))
    except (OSError, ValueError):
        pass
    return value
