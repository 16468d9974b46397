"""The rest of issue 16's numbered cases, each reproduced as the report described it:
--fix past `ulimit -f`, in a folder it may not write, on a draft deleted during a parallel
run, SIGTERM at the moment of the rename; nesting in a rule file, in `select` and in a
baseline; a missing or unwritable HOME; reading a draft of very many short lines; rule
file patterns that never finish in a section's content, the signature's organ and the
date check."""
from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REPORTLINT = [sys.executable, "-c", "import sys; from lint.cli import run; sys.exit(run())"]
DEFECTIVE = EXAMPLES / "typography-defects.txt"


def run(*args):
    return CliRunner().invoke(main, list(args))


def _leftovers(folder: Path, keep: set[str]) -> set[str]:
    return {name for name in os.listdir(folder) if name not in keep}


# case 6: --fix when writing fails


def test_fix_past_the_file_size_limit_leaves_the_draft_and_says_why(tmp_path):
    draft = tmp_path / "draft.txt"
    shutil.copy(DEFECTIVE, draft)
    before = draft.read_bytes()
    limit = len(before) // 2

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run([*REPORTLINT, "check", "--isolated", "--no-cache", "--fix", str(draft)], cwd=ROOT,
                          preexec_fn=small_files, capture_output=True, timeout=120)
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert "draft.txt:1:1: E003" in done.stdout.decode() and "File too large" in done.stdout.decode()
    assert draft.read_bytes() == before
    assert _leftovers(tmp_path, {"draft.txt"}) == set()


def test_fix_in_a_folder_it_may_not_write_leaves_the_draft_and_says_why(tmp_path, monkeypatch):
    import tempfile

    draft = tmp_path / "draft.txt"
    shutil.copy(DEFECTIVE, draft)
    before = draft.read_bytes()
    real = tempfile.mkstemp

    def refused(*args, dir=None, **kwargs):  # what a read-only folder answers (root is never refused)
        if Path(dir) == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = run("check", "--isolated", "--no-cache", "--fix", str(draft))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "draft.txt:1:1: E003" in result.stdout and "Permission denied" in result.stdout
    assert draft.read_bytes() == before and _leftovers(tmp_path, {"draft.txt"}) == set()


def test_a_draft_deleted_during_a_parallel_fix_is_e001_and_the_others_are_fixed(tmp_path, monkeypatch):
    import lint.fix

    for i in range(12):
        shutil.copy(DEFECTIVE, tmp_path / f"r{i:02d}.txt")
    victim = tmp_path / "r05.txt"
    real = lint.fix.fix_document

    def deleting(linter, doc, unsafe=False):  # runs in the worker that fixes the victim
        outcome = real(linter, doc, unsafe)
        if Path(doc.path) == victim:
            victim.unlink()
        return outcome

    monkeypatch.setattr(lint.fix, "fix_document", deleting)
    result = run("check", "--isolated", "--no-cache", "--fix", "-j", "2", "-q", str(tmp_path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "r05.txt:1:1: E003" in result.stdout and "r05.txt:1:1: E001" in result.stdout
    fixed = [path for path in tmp_path.glob("r*.txt") if path.read_bytes() != DEFECTIVE.read_bytes()]
    assert len(fixed) == 11 and _leftovers(tmp_path, {f"r{i:02d}.txt" for i in range(12) if i != 5}) == set()


# case 13: SIGTERM during a -j1 --fix


def test_sigterm_at_the_rename_of_a_fix_leaves_the_draft_whole_and_no_copy(tmp_path, monkeypatch):
    from lint import cli

    draft = tmp_path / "draft.txt"
    shutil.copy(DEFECTIVE, draft)
    before = draft.read_bytes()
    real = os.replace

    def terminated_first(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)
        return real(*args, **kwargs)

    monkeypatch.setattr(os, "replace", terminated_first)
    argv = ["reportlint", "check", "--isolated", "--no-cache", "-j", "1", "--fix", str(draft)]
    monkeypatch.setattr(sys, "argv", argv)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        with pytest.raises(SystemExit) as info:
            cli.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert info.value.code == 143
    assert draft.read_bytes() == before and os.listdir(tmp_path) == ["draft.txt"]


# case 7: nesting in every file reportlint reads


def test_a_rule_file_nested_hundreds_of_levels_is_a_clear_error(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    deep = "{a: " * 400 + "1" + "}" * 400
    (rules / "X900.yaml").write_text(f"id: X900\nseverity: info\nmessage: m\nsource: s\ncheck: pattern\n"
                                     f"pattern: x\nextra: {deep}\n", encoding="utf-8")
    result = run("check", "--isolated", "--no-cache", "--rules", str(rules), str(EXAMPLES / "complete-report.txt"))
    assert result.exit_code == 2 and "Traceback" not in result.output and "X900.yaml" in result.output


def test_a_select_list_nested_hundreds_of_levels_is_a_clear_error(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("select:\n" + "".join("  " * depth + "-\n" for depth in range(1, 500)) + "  " * 500 + "- S101\n",
                      encoding="utf-8")
    result = run("check", "--config", str(config), "--no-cache", str(EXAMPLES / "complete-report.txt"))
    assert result.exit_code == 2 and "Traceback" not in result.output and "c.yaml" in result.output


def test_a_baseline_nested_thousands_of_levels_is_a_clear_error(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    result = run("check", "--isolated", "--no-cache", "--baseline", str(baseline),
                 str(EXAMPLES / "complete-report.txt"))
    assert result.exit_code == 2 and "Traceback" not in result.output and "baseline.json" in result.output


# case 11: HOME missing or not writable


@pytest.mark.parametrize("home", [None, "/proc"], ids=["unset", "unwritable"])
def test_without_a_usable_home_the_run_answers_and_shares_no_tmp_file(tmp_path, home):
    own_tmp = tmp_path / "tmp"
    own_tmp.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in ("HOME", "XDG_CACHE_HOME", "REPORTLINT_CACHE_DIR")}
    env["TMPDIR"] = str(own_tmp)
    if home:
        env["HOME"] = home
    args = ["check", "--isolated", "--no-cache", "--format", "json", str(EXAMPLES / "complete-report.txt")]
    done = subprocess.run([*REPORTLINT, *args], cwd=tmp_path, env=env, capture_output=True, timeout=120)
    assert done.returncode in (0, 1) and b"Traceback" not in done.stderr
    expected = run(*args).stdout
    assert done.stdout.decode() == expected
    assert os.listdir(own_tmp) == []  # jieba's cache went to a private folder removed at exit
    assert not (tmp_path / "~").exists()


# case 16: reading is linear in the number of lines


def test_reading_a_draft_of_many_short_lines_is_linear(tmp_path):
    from lint.read import read_draft

    def seconds(lines: int) -> float:
        draft = tmp_path / f"{lines}.txt"
        draft.write_bytes(("一行。\r\n" * lines).encode("utf-8"))
        started = time.perf_counter()
        source = read_draft(draft, 64 * 1024 * 1024)
        assert len(source.lines) == lines
        return time.perf_counter() - started

    small, large = seconds(50_000), seconds(800_000)  # 16× the lines
    assert large < 5 and large < 16 * 8 * max(small, 0.005), (small, large)


# case 17: every rule-file pattern runs under the timeout


def _slow_pack(tmp_path, monkeypatch, rule_yaml: str = "", outline_organ: str | None = None):
    import lint.parse.outline
    import lint.parse.roles
    from lint.pack.files import default_rules_dir
    from lint.pack.load import load_pack

    monkeypatch.setattr(lint.parse.outline, "PATTERN_TIMEOUT", 0.2)
    monkeypatch.setattr(lint.parse.roles, "PATTERN_TIMEOUT", 0.2)
    rules = tmp_path / "rules"
    rules.mkdir()
    if rule_yaml:
        (rules / "X900.yaml").write_text(rule_yaml, encoding="utf-8")
    if outline_organ:
        (rules / "outline.yaml").write_text(f"outline:\n  organ: '{outline_organ}'\n", encoding="utf-8")
    return load_pack([default_rules_dir(), rules])


def _lint_quickly(pack, text: str, rule_timeout: float = 0.5):
    from dataclasses import replace

    from lint.engine import Linter

    linter = Linter(pack, list(pack.rules.values()))
    linter.settings = replace(linter.settings, rule_timeout=rule_timeout)
    started = time.monotonic()
    result = linter.lint_text(text)
    assert time.monotonic() - started < 20
    return result


def test_an_empty_pattern_that_never_finishes_is_e002_not_a_hang(tmp_path, monkeypatch):
    pack = _slow_pack(tmp_path, monkeypatch, "id: X900\nseverity: warning\nmessage: '{role}'\nsource: s\n"
                      "check: substance\nroles: [shortcomings]\nmin_chars: 1\nempty: '(?:x|xx)+y'\n"
                      "examples:\n  fail: [x]\n")
    text = "某局2023年法治政府建设年度报告\n一、存在的不足和原因\n" + "x" * 60 + "\n"
    result = _lint_quickly(pack, text)
    assert [f.rule for f in result.findings if f.rule == "E002"] == ["E002"]
    assert "X900" in next(f.message for f in result.findings if f.rule == "E002")


def test_an_organ_pattern_that_never_finishes_leaves_the_checklist_unchecked(tmp_path, monkeypatch):
    pack = _slow_pack(tmp_path, monkeypatch, outline_organ="(?:x|xx)+y")
    text = "某局2023年法治政府建设年度报告\n一、主要举措\n正文。\n" + "x" * 39 + "\n2024年1月5日\n"
    result = _lint_quickly(pack, text)
    assert "E002" in {f.rule for f in result.findings}
    assert {status for _, status in result.checklist} == {"unchecked"}


class _Stalling:
    """A compiled pattern's stand-in whose search never ends (as a backtracking one in C),
    or, off the main thread, records the timeout it was given and times out."""

    def __init__(self):
        self.timeouts = []

    def search(self, text, *args, timeout=None, **kwargs):
        self.timeouts.append(timeout)
        if threading.current_thread() is not threading.main_thread():
            raise TimeoutError("regex timed out")
        while True:
            time.sleep(0.01)


_DATED = "某市司法局2023年法治政府建设年度报告\n正文。\n某市司法局\n2024年02月05日\n"


def test_a_date_pattern_that_never_ends_is_stopped_at_the_rules_time_limit(tmp_path, monkeypatch):
    pack = _slow_pack(tmp_path, monkeypatch)
    stalling = pack.rules["M203"].params["expected"] = _Stalling()
    result = _lint_quickly(pack, _DATED)  # within 20 s, with a rule limit of 0.5 s
    assert stalling.timeouts == [None]  # the timer stops it: no clock read per regex call
    assert "E002" in {f.rule for f in result.findings} and "M203" not in {f.rule for f in result.findings}


def test_off_the_main_thread_each_regex_call_gets_the_time_left(tmp_path, monkeypatch):
    pack = _slow_pack(tmp_path, monkeypatch)
    stalling = pack.rules["M203"].params["expected"] = _Stalling()
    results = []
    worker = threading.Thread(target=lambda: results.append(_lint_quickly(pack, _DATED)))
    worker.start()
    worker.join(timeout=30)
    assert results and stalling.timeouts and all(isinstance(t, float) and 0 < t <= 0.5 for t in stalling.timeouts)
    assert "E002" in {f.rule for f in results[0].findings}


# case 12 and 14: -j bounded; a cache file that is a symlink to a device


def test_jobs_are_bounded_however_many_are_asked_for():
    from lint.options import Options
    from lint.workers import MAX_JOBS, jobs_for

    asked = Options(jobs=100_000)
    assert jobs_for(asked, 10_000) <= min(MAX_JOBS, 4 * (os.cpu_count() or 1))


def test_a_cache_file_that_is_a_symlink_to_dev_zero_is_a_miss(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy(DEFECTIVE, drafts / "r.txt")
    cache = tmp_path / "cache"
    expected = run("check", "--isolated", "--cache-dir", str(cache), str(drafts)).output
    replaced = [path for path in cache.rglob("*") if path.is_file() and path.name not in ("CACHEDIR.TAG", ".gitignore")]
    for path in replaced:
        path.unlink()
        path.symlink_to("/dev/zero")
    assert any(path.name == "plans.json" for path in replaced) and len(replaced) >= 2
    started = time.monotonic()
    assert run("check", "--isolated", "--cache-dir", str(cache), str(drafts)).output == expected
    assert time.monotonic() - started < 30


def test_linting_leaves_the_alarm_signal_as_it_found_it():
    """The rule timer is borrowed for the time of a file: a program that lints drafts
    (an editor, the language server) keeps its own SIGALRM disposition."""
    from lint.engine import Linter
    from lint.pack.files import default_rules_dir
    from lint.pack.load import load_pack

    pack = load_pack([default_rules_dir()])
    linter = Linter(pack, list(pack.rules.values()))
    before = signal.getsignal(signal.SIGALRM)
    assert linter.lint_text("某局2023年法治政府建设年度报告\n一、主要举措\n正文。\n").findings is not None
    assert signal.getsignal(signal.SIGALRM) == before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)

    def own(signum, frame):
        pass

    signal.signal(signal.SIGALRM, own)
    try:
        linter.lint_text("正文。\n")
        assert signal.getsignal(signal.SIGALRM) is own
    finally:
        signal.signal(signal.SIGALRM, before)


class _Watched:
    """A rule's compiled pattern that notes each call made without a timeout."""

    untimed: list = []

    def __init__(self, pattern, rule_id):
        self._pattern, self._rule = pattern, rule_id

    def __getattr__(self, name):
        attribute = getattr(self._pattern, name)
        if name not in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
            return attribute

        def called(*args, **kwargs):
            if kwargs.get("timeout") is None:
                _Watched.untimed.append((self._rule, name))
            return attribute(*args, **kwargs)
        return called


def _watched(value, rule_id):
    import regex

    if isinstance(value, regex.Pattern):
        return _Watched(value, rule_id)
    if isinstance(value, list):
        return [_watched(v, rule_id) for v in value]
    if isinstance(value, tuple):
        return tuple(_watched(v, rule_id) for v in value)
    if isinstance(value, dict):
        return {k: _watched(v, rule_id) for k, v in value.items()}
    return value


def test_off_the_main_thread_every_rule_pattern_call_has_a_timeout():
    """Where no timer can stop a rule, each call of a pattern from a rule file must carry
    the time the rule has left: one call without it could run for hours."""
    from lint.engine import Linter
    from lint.pack.files import default_rules_dir
    from lint.pack.load import load_pack

    pack = load_pack([default_rules_dir()])
    for rule in pack.rules.values():
        rule.params = {key: _watched(value, rule.id) for key, value in rule.params.items()}
    linter = Linter(pack, list(pack.rules.values()))
    texts = [text for rule in pack.rules.values() for kind in ("fail", "pass")
             for text in rule.examples.get(kind, []) if isinstance(text, str)]
    texts += [path.read_text("utf-8") for path in sorted(EXAMPLES.glob("*.txt")) if "gb18030" not in path.name]
    _Watched.untimed = []
    worker = threading.Thread(target=lambda: [linter.lint_text(text) for text in texts])
    worker.start()
    worker.join(timeout=300)
    assert not worker.is_alive() and len(texts) > 100
    assert sorted(set(_Watched.untimed)) == []
