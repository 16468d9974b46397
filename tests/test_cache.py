"""The result cache: same output as without it, never stale, never in the way."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.engine import Linter

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def check(*args, cache: Path | None = None):
    extra = ["--cache-dir", str(cache)] if cache else []
    return CliRunner().invoke(main, ["check", "--no-color", *extra, *args], catch_exceptions=False)


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.glob("??/*") if not p.name.startswith("."))


@pytest.fixture
def tree(tmp_path):
    for source in sorted(EXAMPLES.glob("*.*")):
        shutil.copy(source, tmp_path / source.name)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "gitlab"])
def test_warm_run_gives_the_cold_output_without_linting(tree, tmp_path_factory, fmt, monkeypatch):
    cache = tmp_path_factory.mktemp("c")
    expected = check("--isolated", "--no-cache", "--format", fmt, str(tree))
    cold = check("--isolated", "--format", fmt, str(tree), cache=cache)
    assert len(entries(cache)) == len(list(tree.iterdir()))
    monkeypatch.setattr(Linter, "lint_document", lambda self, doc, *rest: pytest.fail(f"linted {doc.path}"))
    warm = check("--isolated", "--format", fmt, str(tree), cache=cache)
    assert expected.exit_code == cold.exit_code == warm.exit_code == 1
    assert expected.stdout == cold.stdout == warm.stdout and warm.stdout.count("\n") > 20


def test_statistics_and_quiet_from_the_cache(tree, tmp_path_factory):
    cache = tmp_path_factory.mktemp("c")
    for args in (["--statistics"], ["-q"], ["--lang", "en"]):
        expected = check("--isolated", "--no-cache", *args, str(tree))
        check("--isolated", *args, str(tree), cache=cache)
        assert check("--isolated", *args, str(tree), cache=cache).stdout == expected.stdout


def test_a_changed_file_is_linted_again(tree, tmp_path_factory):
    cache = tmp_path_factory.mktemp("c")
    draft = tree / "complete-report.txt"
    assert check("--isolated", "--select", "T303", str(draft), cache=cache).exit_code == 0
    draft.write_text(draft.read_text("utf-8").replace("。", "。。", 1), encoding="utf-8")
    result = check("--isolated", "--select", "T303", str(draft), cache=cache)
    assert "T303" in result.stdout


def test_the_same_text_under_another_name_is_its_own_entry(tree, tmp_path_factory):
    cache = tmp_path_factory.mktemp("c")
    shutil.copy(tree / "missing-parts.txt", tree / "copy.txt")
    result = check("--isolated", "-q", str(tree / "missing-parts.txt"), str(tree / "copy.txt"), cache=cache)
    again = check("--isolated", "-q", str(tree / "copy.txt"), cache=cache)
    assert "copy.txt:" in again.stdout and "missing-parts.txt" not in again.stdout
    assert again.stdout in result.stdout


def test_changed_rule_settings_severity_and_language_are_new_keys(tree, tmp_path_factory):
    cache = tmp_path_factory.mktemp("c")
    draft = str(tree / "missing-parts.txt")
    check("--isolated", "-q", draft, cache=cache)
    (tree / ".reportlint.yaml").write_text("rule-settings:\n  S112:\n    severity: info\n", encoding="utf-8")
    config = str(tree / ".reportlint.yaml")
    demoted = check("--config", config, "-q", "--select", "S112", draft, cache=cache)
    assert "S112 [提示]" in demoted.stdout
    english = check("--config", config, "-q", "--select", "S112", "--lang", "en", draft, cache=cache)
    assert "S112 [info]" in english.stdout
    assert check("--isolated", "-q", "--select", "S112", draft, cache=cache).stdout.count("S112 [错误]") == 1


def test_a_changed_rule_data_file_is_a_new_key(terms_rule, tmp_path_factory):
    cache = tmp_path_factory.mktemp("c")
    rules, terms, draft = terms_rule
    args = ["--isolated", "-q", "--rules", str(rules), "--select", "X901", str(draft)]
    assert check(*args, cache=cache).exit_code == 0
    terms.write_text("旧名字: 新名字\n", encoding="utf-8")
    assert "“旧名字”应为“新名字”" in check(*args, cache=cache).stdout


DAMAGED_ENTRIES = [
    b"", b"{not json", b'{"format": 4, "key": "another"}', b"\xff\xfe\x00",
    b'{"format": 3, "key": "KEY", "findings": [], "lines": {}, "path": "p", "checklist": []}',
    b'{"format": 4, "key": "KEY", "findings": [[1]], "lines": {}}',
    b'{"format": 4, "key": "KEY", "findings": [["1", 1, 1, 2, "T", "error", "m", null, ""]],'
    b' "lines": {}, "path": "p", "checklist": []}',
    b'{"format": 4, "key": "KEY", "findings": [], "lines": {"1": 5}, "path": "p", "checklist": []}',
    b'{"format": 4, "key": "KEY", "findings": [], "lines": {}, "path": "p", "checklist": [[1]]}',
]


@pytest.mark.parametrize("damage", DAMAGED_ENTRIES)
def test_a_damaged_entry_is_a_miss_and_is_rewritten(tree, tmp_path_factory, damage):
    cache = tmp_path_factory.mktemp("c")
    expected = check("--isolated", str(tree), cache=cache)
    for entry in entries(cache):
        entry.write_bytes(damage.replace(b"KEY", (entry.parent.name + entry.name).encode()))
    result = check("--isolated", str(tree), cache=cache)
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    assert all(e.read_bytes()[65:].startswith(b'{"format"') and len(e.read_bytes()) > 125 for e in entries(cache))


def test_an_unwritable_cache_is_no_cache(tree, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    expected = check("--isolated", "--no-cache", str(tree))
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(blocker / "cache"))
    result = check("--isolated", str(tree))
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    assert blocker.read_text("utf-8") == "x"


def test_no_cache_neither_reads_nor_writes(tree, tmp_path_factory, monkeypatch):
    cache = tmp_path_factory.mktemp("c")
    check("--isolated", str(tree), cache=cache)
    before = {p: p.read_bytes() for p in entries(cache)}
    calls = []
    original = Linter.lint_document
    monkeypatch.setattr(Linter, "lint_document",
                        lambda self, doc, *rest: calls.append(doc.path) or original(self, doc, *rest))
    check("--isolated", "--no-cache", str(tree), cache=cache)
    assert len(calls) == len([p for p in tree.iterdir() if p.is_file()])
    assert {p: p.read_bytes() for p in entries(cache)} == before


def test_fix_does_not_take_results_from_the_cache(tree, tmp_path_factory):
    cache = tmp_path_factory.mktemp("c")
    draft = tree / "typography-defects.txt"
    check("--isolated", str(draft), cache=cache)
    before = draft.read_bytes()
    check("--isolated", "--fix", "--select", "T301", str(draft), cache=cache)
    assert draft.read_bytes() != before
    assert "T301" not in check("--isolated", "--select", "T301", str(draft), cache=cache).stdout


def test_default_directory_is_beside_the_config_with_its_own_gitignore(tree, monkeypatch):
    monkeypatch.delenv("REPORTLINT_CACHE_DIR")
    (tree / ".reportlint.yaml").write_text("lang: zh\n", encoding="utf-8")
    sub = tree / "drafts"
    sub.mkdir()
    shutil.copy(EXAMPLES / "missing-parts.txt", sub / "a.txt")
    monkeypatch.chdir(sub)
    check("a.txt")
    cache = tree / ".reportlint_cache"
    assert entries(cache) and (cache / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text("utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert not (sub / ".reportlint_cache").exists()
    result = CliRunner().invoke(main, ["clean"])
    assert result.exit_code == 0 and not cache.exists()


def test_clean_leaves_a_directory_that_is_not_a_cache(tmp_path):
    stranger = tmp_path / "mine"
    stranger.mkdir()
    (stranger / "keep.txt").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "--cache-dir", str(stranger)])
    assert result.exit_code == 2 and (stranger / "keep.txt").exists()


def test_workers_fill_and_use_the_cache(tmp_path, tmp_path_factory):
    cache = tmp_path_factory.mktemp("c")
    sources = sorted(EXAMPLES.glob("*.*"))
    for i in range(16):
        shutil.copy(sources[i % len(sources)], tmp_path / f"{i:02d}{sources[i % len(sources)].suffix}")
    first = check("--isolated", "-j", "2", str(tmp_path), cache=cache)
    assert first.stdout == check("--isolated", "--no-cache", "-j", "1", str(tmp_path)).stdout
    assert len(entries(cache)) == 16
    changed = next(tmp_path.glob("*.md"))
    changed.write_text(changed.read_text("utf-8") + "\n补充一句。。\n", encoding="utf-8")  # one miss among hits
    second = check("--isolated", "-j", "2", str(tmp_path), cache=cache)
    assert second.stdout == check("--isolated", "--no-cache", "-j", "1", str(tmp_path)).stdout
    assert second.stdout != first.stdout and len(entries(cache)) == 17


def test_concurrent_runs_share_one_cache(tree, tmp_path_factory):
    cache = tmp_path_factory.mktemp("c")
    command = [sys.executable, "-m", "lint.cli", "check", "--isolated", "--no-color", "-j", "1",
               "--cache-dir", str(cache), str(tree)]
    expected = check("--isolated", "--no-cache", str(tree)).stdout
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [out.decode("utf-8") for out, _ in outputs] == [expected] * 3
    assert not any(err for _, err in outputs)
    assert not list(cache.glob("??/.tmp-*"))
    assert check("--isolated", str(tree), cache=cache).stdout == expected


def age(tree: Path, seconds: int = 60) -> None:
    for path in tree.iterdir():
        if path.is_file():
            info = path.stat()
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - seconds * 10**9))


@pytest.fixture
def indexed(monkeypatch):
    """Use the index of file status for runs of any size (the examples are few)."""
    import lint.check

    monkeypatch.setattr(lint.check, "INDEX_MIN_FILES", 1)


def test_warm_run_takes_keys_from_the_index_without_reading_old_files(tree, tmp_path_factory, monkeypatch, indexed):
    import lint.cache.results

    cache = tmp_path_factory.mktemp("c")
    age(tree)
    expected = check("--isolated", str(tree), cache=cache).stdout
    monkeypatch.setattr(lint.cache.results, "read_bytes", lambda *a: pytest.fail("read a file the index knows"))
    assert check("--isolated", str(tree), cache=cache).stdout == expected


def test_a_recently_modified_file_is_read_again(tree, tmp_path_factory, monkeypatch, indexed):
    import lint.cache.results

    cache = tmp_path_factory.mktemp("c")
    check("--isolated", str(tree), cache=cache)  # the files were written just now: racy
    reads = []
    original = lint.cache.results.read_bytes
    monkeypatch.setattr(lint.cache.results, "read_bytes", lambda *a: reads.append(a[0]) or original(*a))
    check("--isolated", str(tree), cache=cache)
    assert len(reads) == len([p for p in tree.iterdir() if p.is_file()])


def test_a_same_size_edit_with_the_old_mtime_is_not_stale(tree, tmp_path_factory, indexed):
    cache = tmp_path_factory.mktemp("c")
    age(tree)
    draft = tree / "complete-report.txt"
    before = check("--isolated", str(draft), cache=cache).stdout
    info = draft.stat()
    data = draft.read_bytes()
    tampered = data.replace("。".encode("utf-8"), b",,,", 1)  # three bytes for three: same size
    assert len(tampered) == len(data)
    draft.write_bytes(tampered)
    os.utime(draft, ns=(info.st_atime_ns, info.st_mtime_ns))  # the inode's change time still moves
    after = check("--isolated", str(draft), cache=cache).stdout
    assert after == check("--isolated", "--no-cache", str(draft)).stdout and after != before
