"""Any console: a GBK or cp1252 console, or a pipe, gets the report; machine formats are
UTF-8 whatever the console's code page."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTLINT = [sys.executable, "-c", "import sys; from lint.cli import run; sys.exit(run())"]


def run(encoding: str, *args):
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([*REPORTLINT, "check", "--isolated", "--no-cache", *args, "examples/"], cwd=ROOT, env=env,
                          capture_output=True, timeout=120)


@pytest.mark.parametrize("encoding", ["gbk", "cp1252", "ascii"])
def test_text_output_on_a_narrow_console_is_written_whole(encoding):
    done = run(encoding)
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    text = done.stdout.decode(encoding)
    assert text.count("examples/") > 20 and "typography-defects.txt:" in text
    assert ("[有]" if encoding == "gbk" else "[Y]") in text


@pytest.mark.parametrize("encoding", ["gbk", "cp1252"])
@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
def test_machine_formats_are_utf8_whatever_the_console(encoding, fmt):
    done = run(encoding, "--format", fmt)
    assert done.returncode == 1
    assert json.loads(done.stdout.decode("utf-8"))


def test_an_unexpected_error_is_exit_2_in_one_line(monkeypatch, capsys):
    import lint.check
    from lint.cli import run as entry

    def broken(*args, **kwargs):
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(lint.check, "run_check", broken)
    monkeypatch.setattr(sys, "argv", ["reportlint", "check", "--isolated", str(ROOT / "examples")])
    with pytest.raises(SystemExit) as exit_info:
        entry()
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_console_command_exits_with_the_runs_code_and_flushes_its_output(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("2024年,我局推进依法行政。\n", encoding="utf-8")
    console = [sys.executable, "-c", "from lint.__main__ import console; console()"]
    command = [*console, "check", "--isolated", "--no-cache"]
    defective = subprocess.run([*command, "--format", "json", str(draft)], capture_output=True, timeout=120)
    assert defective.returncode == 1 and json.loads(defective.stdout.decode("utf-8"))
    usage = subprocess.run([*command, "--no-such-option"], capture_output=True, timeout=120)
    assert usage.returncode == 2 and b"no-such-option" in usage.stderr and b"Traceback" not in usage.stderr


@pytest.mark.parametrize("odd_name", [False, True], ids=["utf8-names", "undecodable-name"])
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
@pytest.mark.parametrize("output", ["stdout", "file"])
def test_a_replayed_run_writes_what_the_run_wrote(tmp_path, encoding, output, odd_name):
    # A replay writes the stored UTF-8 as it is where the output takes UTF-8, and as
    # text in the console's encoding elsewhere; a name that is not UTF-8 stays escaped.
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for copy in range(3):  # enough drafts for the cache's index (and so for a replay)
        for source in sorted((ROOT / "examples").glob("*.txt")):
            (drafts / f"{copy}-{source.name}").write_bytes(source.read_bytes())
    if odd_name and sys.platform != "win32":
        (drafts / os.fsdecode(b"\xe6\x8a\xa5\xff-draft.txt")).write_bytes("2024年,我局推进依法行政。\n".encode())
    for path in drafts.iterdir():  # a minute old: the index trusts them
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 60 * 10**9))
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    target = tmp_path / "out.txt"
    command = [*REPORTLINT, "check", "--isolated", "--cache-dir", str(tmp_path / "cache"), str(drafts)]
    if output == "file":
        command += ["-o", str(target)]

    def once():
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=120)
        assert done.returncode == 1 and not done.stderr.strip(b"\n").count(b"Traceback")
        return target.read_bytes() if output == "file" else done.stdout
    first = once()
    (memo,) = (tmp_path / "cache").glob("runs/*")
    stored = memo.stat()
    second, third = once(), once()
    assert first == second == third and first.count(b"drafts") > 10
    assert (b"\\udcff" in first) == (odd_name and sys.platform != "win32")  # an undecodable byte, escaped
    again = memo.stat()  # replayed, not linted and stored again
    assert (again.st_ino, again.st_mtime_ns) == (stored.st_ino, stored.st_mtime_ns)
