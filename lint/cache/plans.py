"""The plans memo (plans.json): the digest of the effective rules and the rule
catalogue the reporters print, under a key computed without loading the rules (the
rule files' bytes, the configuration, the options), with the status of every data
file the rules read. A run whose files are all cached so never loads the rule pack,
its check modules or `regex`."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from pathlib import Path

from lint.cache.index import unchanged
from lint.cache.seal import seal, unseal
from lint.cache.user import code_stamp
from lint.files import file_status, read_regular, write_atomically

FORMAT = 4
KEPT = 32  # rule sets remembered
MAX_BYTES = 64 * 1024 * 1024
_CATALOG_TYPES = {"id": str, "severity": str, "family": str, "title": str, "message": str, "description": str,
                  "source": str, "source_label": str, "fixable": bool}


class Plans:
    def __init__(self, path: str):
        self.path = path
        self._plans: dict | None = None
        self.changed = False

    def rules_digest(self, plan_key: str) -> str | None:
        """The digest of the rules a plan key stands for, if an earlier run recorded it
        and none of the data files the rules read has changed since."""
        entry = self._read().get(plan_key)
        try:
            digest, data = entry["digest"], entry["data"]
            if not all(_same(file_status(path), known) for path, known in data.items()):
                return None
            return digest if isinstance(digest, str) else None
        except (KeyError, TypeError, AttributeError, IndexError):
            return None

    def remember_rules(self, plan_key: str, digest: str, data: dict) -> None:
        self._update(plan_key, digest=digest, data=data)

    def catalog(self, plan_key: str) -> list[dict] | None:
        entry = self._read().get(plan_key)
        catalog = entry.get("catalog") if isinstance(entry, dict) else None
        if isinstance(catalog, list) and all(
                isinstance(rule, dict) and rule.keys() == _CATALOG_TYPES.keys()
                and all(type(rule[k]) is t for k, t in _CATALOG_TYPES.items()) for rule in catalog):
            return catalog
        return None

    def remember_catalog(self, plan_key: str, catalog: list[dict]) -> None:
        self._update(plan_key, catalog=catalog)

    def _update(self, plan_key: str, **values) -> None:
        plans = self._read()
        entry = plans.pop(plan_key, None)
        plans[plan_key] = {**(entry if isinstance(entry, dict) else {}), **values}
        self.changed = True

    def _read(self) -> dict:
        if self._plans is None:
            self._plans = {}
            try:
                data = json.loads(unseal(read_regular(self.path, MAX_BYTES, follow=False)))
                if data["format"] == FORMAT and isinstance(data["plans"], dict):
                    self._plans = data["plans"]
            except (OSError, ValueError, KeyError, TypeError):
                pass
        return self._plans

    def save(self) -> None:
        """OSError if it cannot be written."""
        if self.changed:
            plans = dict(list(self._read().items())[-KEPT:])
            payload = json.dumps({"format": FORMAT, "plans": plans}, ensure_ascii=False).encode()
            write_atomically(Path(self.path), seal(payload))
            self.changed = False


def _same(status, known) -> bool:
    """A data file is as recorded: still absent, or present and unchanged."""
    if status is None or known is None:
        return status is None and known is None
    return unchanged(status, known)


def linter_digest(linter) -> tuple[str, dict]:
    """What a linter's results depend on, besides the file: rules, pack, settings, code;
    and the status of each data file the rules read, taken before reading it."""
    from lint.checks import KINDS

    data: dict[str, list] = {}
    parts = [FORMAT, code_stamp(), linter.lang, _canonical(linter.settings),
             _canonical(linter.pack.roles), _canonical(linter.pack.parts), linter.pack.organ_pattern]
    for rule in linter.rules:
        kinds = KINDS[rule.check].params
        params = {key: _file_digest(value, data) if key in kinds and kinds[key].data_files(value)
                  else _canonical(value) for key, value in rule.params.items()}
        parts.append([rule.id, rule.severity, rule.check, rule.message, params])
    text = json.dumps(parts, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), data


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


def _file_digest(path: str, data: dict) -> list:
    seen, status = time.time_ns(), file_status(path)
    data[path] = status and [*status, seen]  # None: absent, and must stay so
    try:
        return ["file", path, hashlib.sha256(read_regular(path)).hexdigest()]
    except OSError:
        return ["file", path, None]


def plans_path(root: str) -> str:
    return os.path.join(root, "plans.json")
