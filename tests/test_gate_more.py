"""More of the gate's promises (issue 16): an alias bomb in a rule file, a cap on a
rule's findings per file, a directory that cannot be listed, a full output device,
--fix on a full disk, and SIGTERM during a parallel run: each a clear answer, never a
traceback, a hang or a silent gap."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REPORTLINT = [sys.executable, "-c", "import sys; from lint.cli import run; sys.exit(run())"]


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_an_alias_bomb_in_a_rule_file_is_refused_with_its_line(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    layers = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    (rules / "X900.yaml").write_text("id: X900\nseverity: info\nmessage: m\nsource: s\ncheck: pattern\n"
                                     "pattern: x\nexamples:\n  fail: [x]\nbomb:\n  " + "\n  ".join(layers) + "\n",
                                     encoding="utf-8")
    result = run("check", "--isolated", "--no-cache", "--rules", str(rules), str(EXAMPLES / "complete-report.txt"))
    assert result.exit_code == 2 and "X900.yaml:" in result.output and "aliases" in result.output


def test_a_rule_reports_at_most_a_thousand_findings_per_file_and_says_how_many_more(tmp_path):
    draft = tmp_path / "commas.txt"
    draft.write_text("某局2023年法治政府建设年度报告\n" + "一,二" * 1500 + "\n", encoding="utf-8")
    import json

    found = json.loads(run("check", "--isolated", "--no-cache", "--select", "T301", "--format", "json",
                           str(draft)).stdout)
    assert len(found) == 1000 and "另有 500 处" in found[-1]["message"]


def test_a_directory_that_cannot_be_listed_stops_the_run(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "draft.txt").write_text("x", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("check", "--isolated", "--no-cache", str(tmp_path))
    assert result.exit_code == 2 and "locked" in result.output and "cannot list" in result.output


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [("check",), ("check", "--format", "json"), ("review",)])
def test_a_full_output_device_is_exit_2_with_one_line(args):
    with open("/dev/full", "wb") as full:
        done = subprocess.run([*REPORTLINT, *args, "--isolated", "--no-cache", str(EXAMPLES)], stdout=full,
                              stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert b"cannot write the report" in done.stderr and done.stderr.count(b"\n") == 1


def test_fix_on_a_full_disk_leaves_the_draft_and_says_why(tmp_path, monkeypatch):
    import errno

    import lint.fix

    draft = tmp_path / "draft.txt"
    shutil.copy(EXAMPLES / "typography-defects.txt", draft)
    before = draft.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lint.fix, "write_atomically", full)
    result = run("check", "--isolated", "--fix", "-j", "1", str(draft))
    assert result.exit_code == 1 and "No space left on device" in result.stdout and "E003" in result.stdout
    assert draft.read_bytes() == before and "Traceback" not in result.output


def _parallel_run_with_workers(tmp_path: Path):
    """A -j2 run over 300 drafts, once both its workers are up: (process, worker pids)."""
    for i in range(300):
        shutil.copy(EXAMPLES / "typography-defects.txt", tmp_path / f"{i:03d}.txt")
    process = subprocess.Popen([*REPORTLINT, "check", "--isolated", "--no-cache", "-j", "2", "-q", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        try:
            workers = {int(p) for p in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()}
        except OSError:
            pass
        time.sleep(0.05)
    if process.poll() is not None:
        pytest.skip("the run ended before it could be stopped")
    return process, workers


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the worker processes")
def test_sigterm_stops_a_parallel_run_and_leaves_no_worker_behind(tmp_path):
    process, workers = _parallel_run_with_workers(tmp_path)
    process.send_signal(signal.SIGTERM)
    stderr = process.communicate(timeout=60)[1]
    assert process.returncode == 143 and b"terminated" in stderr and b"Traceback" not in stderr
    time.sleep(0.5)
    assert workers and not [pid for pid in workers if _running(pid)]


def test_a_damaged_jieba_dictionary_in_the_user_cache_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("REPORTLINT_CACHE_DIR", raising=False)
    from lint.cache.user import user_cache_dir
    from lint.parse import segment

    segment._tokenizer.cache_clear()
    segment.search_words.cache_clear()
    expected = segment.search_words("推进行政执法体制改革")
    directory = Path(user_cache_dir())
    (dictionary,) = directory.glob("jieba-dict-*.txt")
    dictionary.write_text("a damaged line\n\x00\n", encoding="utf-8")
    for cache in directory.glob("*.cache"):
        cache.unlink()
    segment._tokenizer.cache_clear()
    segment.search_words.cache_clear()
    try:
        assert segment.search_words("推进行政执法体制改革") == expected
        assert "damaged" not in dictionary.read_text(encoding="utf-8")  # made again
    finally:
        segment._tokenizer.cache_clear()
        segment.search_words.cache_clear()


def test_a_role_heading_pattern_that_backtracks_without_end_is_e002_not_a_hang(tmp_path, monkeypatch):
    import lint.parse.outline
    import lint.parse.roles
    from lint.engine import Linter
    from lint.pack.files import default_rules_dir
    from lint.pack.load import load_pack

    monkeypatch.setattr(lint.parse.outline, "PATTERN_TIMEOUT", 0.2)
    monkeypatch.setattr(lint.parse.roles, "PATTERN_TIMEOUT", 0.2)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "roles.yaml").write_text("roles:\n  - name: slow\n    label: {zh: 慢, en: slow}\n"
                                      "    heading: '(?:x|xx)+y'\n", encoding="utf-8")
    pack = load_pack([default_rules_dir(), rules])
    text = "某局2023年法治政府建设年度报告\n一、" + "x" * 40 + "\n正文。\n"
    started = time.monotonic()
    result = Linter(pack, list(pack.rules.values())).lint_text(text)
    assert time.monotonic() - started < 20
    assert "E002" in {f.rule for f in result.findings}
    assert {status for _, status in result.checklist} == {"unchecked"}


@pytest.mark.parametrize("setting,says", [
    ("X501: {ngram: 0}", "2 or more"), ("X501: {percent: 500}", "percentage"), ("X503: {percent: -5}", "negative"),
    ("C603: {allowed: x}", "whole numbers"), ("C606: {expected: [atlantis]}", "unknown topic"),
    ("C605: {known: nowhere.txt}", "no such data file"), ("S116: {enabled: maybe}", "true or false")])
def test_settings_of_the_new_kinds_that_would_misbehave_are_refused_when_loaded(tmp_path, setting, says):
    config = tmp_path / "c.yaml"
    config.write_text(f"rule-settings:\n  {setting}\n", encoding="utf-8")
    result = run("check", "--config", str(config), "--no-cache", str(EXAMPLES / "complete-report.txt"))
    assert result.exit_code == 2 and f"{config}:2" in result.output and says in result.output


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the worker processes")
def test_workers_end_when_the_main_process_is_killed(tmp_path):
    process, workers = _parallel_run_with_workers(tmp_path)
    process.kill()
    process.wait(timeout=30)
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = {pid for pid in alive if _running(pid)}
    assert workers and not alive
