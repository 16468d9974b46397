"""Inputs nobody vetted: every file gets an answer, nothing hangs, nothing is written unasked."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def check(*args):
    return CliRunner().invoke(main, ["check", "--isolated", "--format", "json", *args], catch_exceptions=False)


def e001_paths(output: str) -> set[str]:
    import json

    return {Path(f["path"]).name for f in json.loads(output) if f["rule"] == "E001"}


@pytest.fixture
def hostile_tree(tmp_path):
    (tmp_path / "ok.txt").write_text((EXAMPLES / "complete-report.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")
    (tmp_path / "dir-loop").mkdir()
    (tmp_path / "dir-loop" / "self").symlink_to(tmp_path / "dir-loop")
    (tmp_path / "named-like-a-file.txt").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")
    return tmp_path


def test_every_odd_file_gets_an_e001_and_nothing_hangs(hostile_tree):
    result = check(str(hostile_tree))
    assert result.exit_code == 1
    assert e001_paths(result.stdout) == {"dangling.txt", "loop-a.txt", "loop-b.txt", "pipe.txt"}


def test_fix_on_odd_files_writes_nothing_and_does_not_hang(hostile_tree):
    before = (hostile_tree / "ok.txt").read_bytes()
    result = check("--fix", str(hostile_tree))
    assert e001_paths(result.stdout) == {"dangling.txt", "loop-a.txt", "loop-b.txt", "pipe.txt"}
    assert (hostile_tree / "ok.txt").read_bytes() == before
    assert (hostile_tree / "dangling.txt").is_symlink() and not (hostile_tree / "nowhere.txt").exists()


def test_unreadable_file_is_e001(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = tmp_path / "secret.txt"
    path.write_text("正文", encoding="utf-8")
    path.chmod(0)
    assert e001_paths(check(str(path)).stdout) == {"secret.txt"}


def test_a_closed_stdout_pipe_ends_quietly():
    script = ("import sys; sys.argv = ['reportlint', 'check', '--isolated', '--no-color', sys.argv[1]];"
              " from lint.cli import run; run()")
    proc = subprocess.run(f"{sys.executable} -c \"{script}\" {EXAMPLES} | head -1", shell=True,
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr


def test_size_limit_gives_e001(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("max-bytes: 100\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("正文。" * 100, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / ".reportlint.yaml"), "--format", "json",
                                       str(big)])
    assert e001_paths(result.stdout) == {"big.txt"}


def test_ctrl_c_during_fix_exits_130_and_leaves_the_draft_whole(tmp_path, monkeypatch, interrupted_draft):
    from lint import cli

    draft = interrupted_draft
    before = draft.read_bytes()
    monkeypatch.setattr(sys, "argv", ["reportlint", "check", "--isolated", "--fix", str(draft)])
    with pytest.raises(SystemExit) as info:
        cli.run()
    assert info.value.code == 130
    assert draft.read_bytes() == before
    assert os.listdir(tmp_path) == ["draft.txt"]


def test_two_concurrent_fix_runs_on_one_tree_do_not_interfere(tmp_path):
    for i in range(6):
        (tmp_path / f"r{i}.txt").write_text((EXAMPLES / "traditional-gb18030.txt").read_bytes().decode("gb18030"),
                                            encoding="gb18030")
    expected_dir = tmp_path / "expected"
    expected_dir.mkdir()
    (expected_dir / "r.txt").write_bytes((tmp_path / "r0.txt").read_bytes())
    subprocess.run([sys.executable, "-m", "lint.cli", "check", "--isolated", "-q", "--fix", str(expected_dir)],
                   cwd=ROOT, capture_output=True, timeout=120)
    expected = (expected_dir / "r.txt").read_bytes()
    drafts = map(str, sorted(tmp_path.glob("r*.txt")))
    command = [sys.executable, "-m", "lint.cli", "check", "--isolated", "-q", "--fix", *drafts]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    for proc in runs:
        _, err = proc.communicate(timeout=120)
        assert b"Traceback" not in err, err
    for i in range(6):
        assert (tmp_path / f"r{i}.txt").read_bytes() == expected
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".reportlint")]
