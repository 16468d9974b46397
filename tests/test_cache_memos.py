"""What spares a warm run its work: the plans memo (no rules loaded) and the index of
file status (no drafts read). Both must give the output of a cold run, and anything
damaged in them must only cost time."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import lint.cache.entries
import lint.cache.index
import lint.cache.packs
import lint.cache.results
import lint.pack.load
from lint.cache.seal import seal
from lint.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ROOT = EXAMPLES.parent


def check(*args, cache: Path):
    return CliRunner().invoke(main, ["check", "--no-color", "--isolated", "--cache-dir", str(cache), *args],
                              catch_exceptions=False)


def age(*paths: Path, seconds: int = 60) -> None:
    for path in paths:
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - seconds * 10**9))


@pytest.fixture
def drafts(tmp_path):
    """Ten drafts (enough for the index), written a minute ago."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    for copy in range(2):
        for source in sorted(EXAMPLES.glob("*.*")):
            target = folder / f"{copy}-{source.name}"
            shutil.copy(source, target)
            age(target)
    return folder


@pytest.fixture
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def trusted_data(monkeypatch):
    """The rules' data files in a fresh checkout may be seconds old: racy, so never
    trusted. Tests about something else must not depend on the checkout's age."""
    monkeypatch.setattr(lint.cache.index, "RACY_NS", 0)


def forbid_loading_rules(monkeypatch):
    monkeypatch.setattr(lint.pack.load, "load_pack", lambda *a: pytest.fail("loaded the rules"))
    monkeypatch.setattr(lint.cache.packs, "load_pack_cached", lambda *a: pytest.fail("loaded the rules"))


def forbid_work(monkeypatch):
    forbid_loading_rules(monkeypatch)
    monkeypatch.setattr(lint.cache.results, "read_bytes", lambda *a: pytest.fail(f"read {a[0]}"))


@pytest.mark.parametrize("replay", [False, True], ids=["index", "replay"])
@pytest.mark.parametrize("args", [["-q"], [], ["--format", "json"], ["--format", "sarif"], ["--statistics"],
                                  ["--lang", "en", "--format", "junit"], ["--fail-on", "info"]])
def test_a_warm_run_neither_loads_rules_nor_reads_drafts(drafts, cache, monkeypatch, trusted_data, args, replay):
    """From the index (results decoded), or replaying the whole run (nothing decoded)."""
    expected = check("--no-cache", *args, str(drafts), cache=cache)
    check(*args, str(drafts), cache=cache)
    forbid_work(monkeypatch)
    if replay:
        monkeypatch.setattr(lint.cache.entries, "load", lambda *a: pytest.fail("decoded a result"))
    else:
        shutil.rmtree(cache / "runs")
    warm = check(*args, str(drafts), cache=cache)
    assert (warm.exit_code, warm.stdout) == (expected.exit_code, expected.stdout)
    assert warm.stdout.count("\n") > 10


def test_a_fresh_interpreter_answered_from_the_cache_imports_no_rule_machinery(drafts, cache):
    script = ("import json, sys\nfrom lint.cli import main\n"
              "try:\n    main(['check', '-q', '--isolated', '--cache-dir', sys.argv[1], sys.argv[2]])\n"
              "except SystemExit:\n    pass\n"
              "heavy = ('regex', 'yaml', 'jieba', 'docx', 'lint.checks', 'lint.engine', 'lint.pack.load')\n"
              "print(json.dumps([m for m in heavy if m in sys.modules]), file=sys.stderr)\n")
    runs = [subprocess.run([sys.executable, "-c", script, str(cache), str(drafts)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120) for _ in range(2)]
    assert "lint.checks" in json.loads(runs[0].stderr)  # the cold run needs them
    assert json.loads(runs[1].stderr) == []
    assert runs[1].stdout == runs[0].stdout and runs[1].stdout.count("\n") > 10


def test_a_few_files_are_answered_without_the_index(drafts, cache, monkeypatch, trusted_data):
    one = str(next(drafts.iterdir()))
    expected = check(one, cache=cache).stdout
    assert not (cache / "index").exists()
    forbid_loading_rules(monkeypatch)
    assert check(one, cache=cache).stdout == expected


def shard(cache: Path) -> Path:
    (found,) = (cache / "index").glob("*.json")
    return found


def damaged(data: dict, how: str) -> dict:
    records = data["files"]
    first = next(iter(records))
    if how == "files":
        data["files"] = list(records.values())
    elif how == "format":
        data["format"] = 3
    elif how == "short record":
        records[first] = records[first][:6]
    elif how == "types":
        records[first] = [str(v) for v in records[first]]
    elif how == "key":
        records[first][6] = records[first][6][:-1]
    elif how == "rules":
        records[first][5] = 16 * "0" + "1"
    return data


@pytest.mark.parametrize("how", ["truncated", "files", "format", "short record", "types", "key", "rules"])
def test_a_damaged_index_costs_time_not_results(drafts, cache, how):
    expected = check("--no-cache", "-q", str(drafts), cache=cache)
    check("-q", str(drafts), cache=cache)
    raw = shard(cache).read_bytes()
    shard(cache).write_bytes(raw[:len(raw) // 2] if how == "truncated" else
                             seal(json.dumps(damaged(json.loads(unsealed(raw)), how)).encode()))
    shutil.rmtree(cache / "runs")  # no replay: the index itself must answer
    result = check("-q", str(drafts), cache=cache)
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    assert records(shard(cache).read_bytes()) == records(raw) and len(records(raw)) == 10


def records(raw: bytes) -> dict:
    """Each draft's record in a shard: status, rules, key (not when it was read)."""
    return {name: record[:4] + record[5:] for name, record in json.loads(unsealed(raw))["files"].items()}


def unsealed(raw: bytes) -> bytes:
    """A cache file's JSON, after its seal (a line of hex)."""
    return raw.split(b"\n", 1)[1]


@pytest.mark.parametrize("damage", [b"", b"[]", b'{"format": 4, "plans": []}',
                                    b'{"format": 4, "plans": {"KEY": {"digest": 5, "data": {}, "catalog": [1]}}}',
                                    b'{"format": 4, "plans": {"KEY": {"digest": "0", "data": {"/x": [1, 2]}}}}',
                                    b'{"format": 4, "plans": {"KEY": {"catalog": [{"id": 1}]}}}'])
def test_a_damaged_plans_memo_costs_time_not_results(drafts, cache, damage, trusted_data):
    expected = check("--no-cache", "--format", "sarif", str(drafts), cache=cache)
    check("--format", "sarif", str(drafts), cache=cache)
    plans = json.loads(unsealed((cache / "plans.json").read_bytes()))["plans"]
    for key in plans:
        (cache / "plans.json").write_bytes(seal(damage.replace(b"KEY", key.encode())))
        result = check("--format", "sarif", str(drafts), cache=cache)
        assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)


def test_an_edited_data_file_is_seen_through_the_plans_memo(terms_rule, cache):
    rules, terms, draft = terms_rule
    age(terms, draft)
    args = ["-q", "--rules", str(rules), "--select", "X901", str(draft)]
    assert check(*args, cache=cache).stdout == check(*args, cache=cache).stdout == ""
    before = terms.stat()
    terms.write_text("旧名字: 新名字\n", encoding="utf-8")  # the same size, and the old time put back
    os.utime(terms, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert terms.stat().st_size == before.st_size
    assert "“旧名字”应为“新名字”" in check(*args, cache=cache).stdout


def test_entries_of_deleted_files_leave_the_index(drafts, cache):
    check(str(drafts), cache=cache)
    gone, edited = sorted(drafts.iterdir())[:2]
    gone.unlink()
    edited.write_text(edited.read_text("utf-8") + "\n补充一句。\n", encoding="utf-8")
    check(str(drafts), cache=cache)
    names = json.loads(unsealed(shard(cache).read_bytes()))["files"]
    assert str(gone) not in names and str(edited) in names and len(names) == 9


def test_a_draft_edited_while_it_is_read_is_read_again(drafts, cache, monkeypatch):
    """The index records the status taken before reading: an edit made meanwhile shows
    as another status in the next run, which reads the draft again."""
    first = sorted(drafts.iterdir())[0]
    original = lint.cache.results.read_bytes

    def read_and_edit(path, limit):
        data = original(path, limit)
        if path == first:
            path.write_text(path.read_text("utf-8") + "\n补充一句，，\n", encoding="utf-8")
        return data

    monkeypatch.setattr(lint.cache.results, "read_bytes", read_and_edit)
    check("-q", str(drafts), cache=cache)
    monkeypatch.setattr(lint.cache.results, "read_bytes", original)
    assert check("-q", str(drafts), cache=cache).stdout == check("--no-cache", "-q", str(drafts), cache=cache).stdout
    assert "T303" in check("-q", str(first), cache=cache).stdout


def test_a_replay_is_never_taken_for_other_options(drafts, cache, trusted_data):
    variants = [["-q"], ["-q", "--lang", "en"], ["-q", "--select", "T3"], ["-q", "--fail-on", "info"],
                ["--format", "json"], ["-q", "--ignore", "H"]]
    expected = [check("--no-cache", *args, str(drafts), cache=cache) for args in variants]
    for _ in range(2):
        for args, want in zip(variants, expected):
            got = check(*args, str(drafts), cache=cache)
            assert (got.exit_code, got.stdout) == (want.exit_code, want.stdout), args


def test_a_changed_file_or_baseline_is_not_replayed(drafts, cache, tmp_path, trusted_data):
    baseline = tmp_path / "baseline.json"
    check("--write-baseline", str(baseline), str(drafts), cache=cache)
    args = ["-q", "--baseline", str(baseline), str(drafts)]
    assert check(*args, cache=cache).stdout == check(*args, cache=cache).stdout == ""
    baseline.write_text('{"format": "reportlint-baseline", "version": 1, "findings": []}', encoding="utf-8")
    assert check(*args, cache=cache).stdout == check("--no-cache", *args, cache=cache).stdout != ""
    draft = sorted(drafts.iterdir())[0]
    draft.write_text(draft.read_text("utf-8") + "\n再补充一句话。。\n", encoding="utf-8")
    assert check("-q", str(drafts), cache=cache).stdout == check("--no-cache", "-q", str(drafts), cache=cache).stdout


@pytest.mark.parametrize("damage", [b"", b"{}", b'{"format": 4, "key": "KEY", "size": 5, "exit": 0}\nabc',
                                    b'{"format": 4, "key": "KEY", "size": 1, "exit": 7}\nx',
                                    b'{"format": 4, "key": "other", "size": 1, "exit": 0}\nx',
                                    b'{"format": 4, "key": "KEY", "size": 2, "exit": 0}\n\xff\xfe',
                                    b'[1, 2]\nx'])
def test_a_damaged_run_entry_costs_time_not_results(drafts, cache, damage):
    expected = check("--no-cache", "-q", str(drafts), cache=cache)
    check("-q", str(drafts), cache=cache)
    for entry in (cache / "runs").iterdir():
        entry.write_bytes(seal(damage.replace(b"KEY", entry.name.encode())))
    result = check("-q", str(drafts), cache=cache)
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)


def test_a_flipped_exit_code_in_a_run_memo_is_not_replayed(drafts, cache):
    expected = check("--no-cache", "-q", str(drafts), cache=cache)
    assert expected.exit_code == 1
    check("-q", str(drafts), cache=cache)
    for entry in (cache / "runs").iterdir():
        entry.write_bytes(entry.read_bytes().replace(b'"exit": 1', b'"exit": 0'))
    result = check("-q", str(drafts), cache=cache)
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)


def test_an_entry_written_by_someone_else_is_a_miss(drafts, cache):
    """A well-formed entry without this user's seal (forged, or from another machine)."""
    expected = check("--no-cache", "-q", str(drafts), cache=cache)
    check("-q", str(drafts), cache=cache)
    for path in cache.rglob("*"):
        if path.is_file() and len(path.parent.name) == 2:
            entry = json.loads(unsealed(path.read_bytes()))
            entry["findings"] = []
            path.write_bytes(b"0" * 64 + b"\n" + json.dumps(entry).encode())
    shutil.rmtree(cache / "runs")
    result = check("-q", str(drafts), cache=cache)
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)


def test_a_plans_entry_recorded_while_the_data_files_were_new_is_recorded_again_by_a_replay(
        drafts, cache, monkeypatch, trusted_data):
    """Data files installed a moment before the run that recorded them are racy: a replay
    makes the digest again and must keep it, or every later replay loads the rules."""
    from lint.cache.seal import seal, unseal

    expected = check("-q", str(drafts), cache=cache)
    check("-q", str(drafts), cache=cache)
    memo = json.loads(unseal((cache / "plans.json").read_bytes()))
    for entry in memo["plans"].values():
        for status in entry.get("data", {}).values():
            if status:
                status[4] = status[1]  # seen at the moment the file was written
    (cache / "plans.json").write_bytes(seal(json.dumps(memo).encode()))
    check("-q", str(drafts), cache=cache)  # replayed, after making the digest again
    forbid_work(monkeypatch)
    warm = check("-q", str(drafts), cache=cache)
    assert (warm.exit_code, warm.stdout) == (expected.exit_code, expected.stdout)
