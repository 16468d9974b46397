"""The validated rule pack, remembered in the user's cache directory per version of
the rule files and of the code. A hit skips YAML parsing, validation and regex
compilation (the `regex` module pickles compiled patterns, not their source): about
2 ms instead of 75. Errors are never cached; any trouble with the cache means loading."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

from lint.cache.user import user_cache_dir
from lint.checks import KINDS
from lint.files import write_atomically
from lint.pack.files import pack_digest
from lint.pack.load import Pack, load_pack

PACK_CACHE_KEEP = 16  # validated packs kept in the user's cache directory


def load_pack_cached(paths: list[Path]) -> Pack:
    """load_pack(paths), from the user's cache when it holds this version."""
    try:
        digest = pack_digest(paths)
    except OSError:
        return load_pack(paths)  # it names the file that cannot be read
    directory = user_cache_dir()
    if directory is None:
        return load_pack(paths)
    target = directory / "packs" / f"{digest}.pickle"
    try:
        pack = pickle.loads(target.read_bytes())
        if isinstance(pack, Pack) and all(os.path.isfile(p) for p in _data_files(pack)):
            return pack
    except Exception:  # noqa: BLE001 - missing, truncated or from other code: rebuild
        pass
    pack = load_pack(paths)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
        for old in sorted(target.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime)[:-PACK_CACHE_KEEP]:
            old.unlink()
    except (OSError, pickle.PicklingError):
        pass
    return pack


def _data_files(pack: Pack) -> list[str]:
    return [file for rule in pack.rules.values() for key, value in rule.params.items()
            for file in KINDS[rule.check].params[key].data_files(value)]
