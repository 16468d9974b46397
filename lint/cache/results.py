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
is no cache. Either way the run goes on.

Two memos spare a warm run most of its work. plans.json remembers the digest of
the effective rules (and the rule catalogue reporters show) under a key computed
without loading the rule pack: the bytes of the rule files, the configuration, the
options. So a run whose files are all cached never loads the pack, its check modules
or `regex`. The index (lint/cacheindex.py) spares reading files that have not
changed since an earlier run, and holds their results.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from pathlib import Path

from lint.cache.index import RULES_WIDTH, Shard, file_status, unchanged
from lint.findings import PART_STATUSES, SEVERITY_RANK, FileResult, Finding
from lint.read.source import UnreadableInput, read_bytes
from lint.cache.user import code_stamp, write_atomically

DIRECTORY_NAME = ".reportlint_cache"
FORMAT = 3
PLANS_KEPT = 32  # rule sets remembered in plans.json
RUNS_KEPT = 16  # whole runs' outputs remembered in runs/
_STORED = ("line", "column", "end_line", "end_column", "rule", "severity", "message", "fix", "fingerprint")
_TYPES = (int, int, int, int, str, str, str, (dict, type(None)), str)  # their types, in order
_CATALOG_TYPES = {"id": str, "severity": str, "family": str, "title": str, "message": str, "description": str,
                  "source": str, "source_label": str, "fixable": bool}


def cache_directory(root: Path, override: str | None = None) -> Path:
    """--cache-dir, else $REPORTLINT_CACHE_DIR, else `.reportlint_cache/` in `root`."""
    chosen = override or os.environ.get("REPORTLINT_CACHE_DIR")
    return Path(chosen) if chosen else root / DIRECTORY_NAME


class ResultCache:
    def __init__(self, directory: Path, index: bool = True):
        self.directory = directory
        self.index = index  # use the index of file status (worth it for many files)
        self._cwd = os.getcwd()
        self._root = os.fspath(directory)
        self._writable: bool | None = None
        self._shards: dict[str, Shard] = {}
        self._plans: dict | None = None
        self._plans_changed = False

    # -- entries, by key ---------------------------------------------------------

    def lint(self, linter, path: Path, rules: str, display: str | None = None) -> FileResult:
        """The cached result for the file's current bytes, else a fresh one (then stored);
        `rules` is the digest of the linter's rules (linter_digest). The bytes hashed are
        the bytes linted, so a file changing meanwhile cannot leave a result under the wrong key."""
        data, key = self._read(path, display, rules, linter.settings["max_bytes"])
        if key is None:
            return linter.lint_path(path, display)
        result = self.load(key)
        if result is None:
            result = linter.lint_path(path, display, data)
            self.store(key, result)
        result.key = key
        return result

    def load(self, key: str) -> FileResult | None:
        try:
            with open(self._entry(key), "rb") as handle:
                entry = json.loads(handle.read().decode("utf-8", "surrogatepass"))
            if entry["key"] != key or entry["format"] != FORMAT:
                return None
            path, items = entry["path"], entry["findings"]
            if not isinstance(path, str) or not all(
                    len(item) == len(_TYPES) and all(map(isinstance, item, _TYPES)) and item[5] in SEVERITY_RANK
                    for item in items):
                return None  # not what store() writes: edited by hand or damaged
            lines = {int(n): text for n, text in entry["lines"].items() if isinstance(text, str)}
            checklist = [tuple(c) for c in entry["checklist"]]
            if len(lines) != len(entry["lines"]) or not all(
                    len(c) == 2 and isinstance(c[0], str) and c[1] in PART_STATUSES for c in checklist):
                return None
            return FileResult(path, [Finding(path, *item) for item in items], checklist, lines, key)
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

    def _entry(self, key: str) -> str:
        return os.path.join(self._root, key[:2], key[2:])

    def _read(self, path: Path, display: str | None, rules: str, max_bytes: int) -> tuple[bytes | None, str | None]:
        try:
            data = read_bytes(path, max_bytes)
        except UnreadableInput:
            return None, None  # the linter reports why; nothing worth caching
        digest = hashlib.blake2b(rules.encode(), digest_size=32)  # 2x sha256's speed here
        # The name is reported, and the fingerprints hold it relative to the working directory.
        digest.update(f"\0{display or path}\0{self._cwd}\0".encode("utf-8", "surrogatepass"))
        digest.update(data)
        return data, digest.hexdigest()

    # -- lookups, by file ------------------------------------------------------------

    def lookup(self, path: Path, rules: str, max_bytes: int, display: str | None = None,
               lines: bool = False) -> FileResult | None:
        """The cached result of a file linted with the rules whose digest is `rules`, or
        None. With the index, an unchanged file is answered from its shard, unread; its
        quoted source lines (`lines`) come from its entry."""
        name = display or str(path)
        shard, status, known = self._indexed(path, name, rules) if self.index else (None, None, None)
        if known:
            hit = self.load(known) if lines else shard.result(name)
            if hit is not None:
                return hit
        seen = time.time_ns()
        _, key = self._read(path, display, rules, max_bytes)
        if key is None:
            return None
        hit = self.load(key)
        if status is not None:
            shard.note(name, status, seen, rules[:RULES_WIDTH], key, hit)
        return hit

    def indexed_key(self, path: Path, rules: str, display: str | None = None) -> str | None:
        """The key of a file the index knows unchanged, else None (nothing is read)."""
        return self._indexed(path, display or str(path), rules)[2]

    def _indexed(self, path: Path, name: str, rules: str) -> tuple[Shard, list[int] | None, str | None]:
        """The file's shard, its status, and its key if the shard knows it unchanged."""
        shard = self._shard(name)
        status = file_status(path)
        return shard, status, status and shard.unchanged_key(name, status, rules[:RULES_WIDTH])

    def record(self, result: FileResult, display: str | None = None) -> None:
        """Put a file's fresh result into the index, if it was looked up and linted from the same bytes."""
        if self.index and result.key:
            self._shard(display or result.path).attach(display or result.path, result)

    def _shard(self, name: str) -> Shard:
        folder = os.path.dirname(name)
        shard = self._shards.get(folder)
        if shard is None:
            shard = self._shards[folder] = Shard(self._root, self._cwd, folder)
        return shard

    def save(self) -> None:
        """Write what this run learnt: index shards and plans."""
        try:
            for shard in self._shards.values():
                if shard.pending:
                    self._prepare(self.directory)
                    shard.save()
            if self._plans_changed:
                self._prepare(self.directory)
                plans = dict(list(self._read_plans().items())[-PLANS_KEPT:])
                payload = {"format": FORMAT, "plans": plans}
                write_atomically(self.directory / "plans.json", json.dumps(payload, ensure_ascii=False).encode())
                self._plans_changed = False
        except OSError:
            self._writable = False

    # -- runs: a whole run's output under the keys of all its files --------------------

    def run_output(self, run_key: str) -> tuple[str, int] | None:
        """A remembered run: a line of JSON (key, exit code, size), then the output as is
        (JSON would spend more time escaping and scanning it than reading it)."""
        try:
            with open(os.path.join(self._root, "runs", run_key), "rb") as handle:
                head, _, body = handle.read().partition(b"\n")
            entry = json.loads(head)
            if (entry["format"], entry["key"], entry["size"]) == (FORMAT, run_key, len(body)) \
                    and entry["exit"] in (0, 1):
                return body.decode("utf-8", "surrogatepass"), entry["exit"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def remember_run(self, run_key: str, output: str, code: int) -> None:
        folder = self.directory / "runs"
        body = output.encode("utf-8", "surrogatepass")
        head = json.dumps({"format": FORMAT, "key": run_key, "exit": code, "size": len(body)}).encode()
        try:
            self._prepare(folder)
            write_atomically(folder / run_key, head + b"\n" + body)
        except OSError:
            self._writable = False
            return
        _prune(folder, RUNS_KEPT)

    # -- plans: the digest of a rule set, and its catalogue ----------------------------

    def rules_digest(self, plan_key: str) -> str | None:
        """The digest of the rules a plan key stands for, if an earlier run recorded it
        and none of the data files the rules read has changed since."""
        entry = self._read_plans().get(plan_key)
        try:
            digest, data = entry["digest"], entry["data"]
            for path, known in data.items():
                status = file_status(path)
                if (status, known) != (None, None) and (status is None or known is None or not unchanged(status, known)):
                    return None
            return digest if isinstance(digest, str) else None
        except (KeyError, TypeError, AttributeError, IndexError):
            return None

    def remember_rules(self, plan_key: str, digest: str, data: dict) -> None:
        plans = self._read_plans()
        entry = plans.pop(plan_key, {})
        plans[plan_key] = {**entry, "digest": digest, "data": data}
        self._plans_changed = True

    def catalog(self, plan_key: str) -> list[dict] | None:
        entry = self._read_plans().get(plan_key)
        catalog = entry.get("catalog") if isinstance(entry, dict) else None
        if isinstance(catalog, list) and all(
                isinstance(rule, dict) and rule.keys() == _CATALOG_TYPES.keys()
                and all(type(rule[k]) is t for k, t in _CATALOG_TYPES.items()) for rule in catalog):
            return catalog
        return None

    def remember_catalog(self, plan_key: str, catalog: list[dict]) -> None:
        plans = self._read_plans()
        entry = plans.pop(plan_key, None)
        plans[plan_key] = {**(entry if isinstance(entry, dict) else {}), "catalog": catalog}
        self._plans_changed = True

    def _read_plans(self) -> dict:
        if self._plans is None:
            self._plans = {}
            try:
                with open(os.path.join(self._root, "plans.json"), "rb") as handle:
                    data = json.loads(handle.read())
                if data["format"] == FORMAT and isinstance(data["plans"], dict):
                    self._plans = data["plans"]
            except (OSError, ValueError, KeyError, TypeError):
                pass
        return self._plans

    # -- the directory ----------------------------------------------------------------

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


def linter_digest(linter) -> tuple[str, dict]:
    """What a linter's results depend on, besides the file: rules, pack, settings, code;
    and the status of each data file the rules read, taken before reading it."""
    from lint.checks import KINDS

    data: dict[str, list] = {}
    parts = [FORMAT, code_stamp(), linter.lang, sorted((k, repr(v)) for k, v in linter.settings.items()),
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
        return ["file", path, hashlib.sha256(Path(path).read_bytes()).hexdigest()]
    except OSError:
        return ["file", path, None]


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


def clear(directory: Path) -> bool:
    """Remove a cache directory made by reportlint (it holds our CACHEDIR.TAG); True if removed."""
    import shutil

    if not (directory / "CACHEDIR.TAG").is_file():
        return False
    shutil.rmtree(directory, ignore_errors=True)
    return True
