"""-j: worker processes give the same output, in the same order, as one process."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from lint.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_jobs_output_is_identical_to_a_single_process(tmp_path):
    sources = sorted(EXAMPLES.glob("*.*"))
    for i in range(24):
        source = sources[i % len(sources)]
        target = tmp_path / f"d{i % 3}" / f"{i:02d}{source.suffix}"
        target.parent.mkdir(exist_ok=True)
        shutil.copy(source, target)
    runner = CliRunner()
    for fmt in ("text", "json"):
        args = ["check", "--isolated", "--no-cache", "--no-color", "--format", fmt]
        single = runner.invoke(main, [*args, "-j", "1", str(tmp_path)])
        multi = runner.invoke(main, [*args, "-j", "2", str(tmp_path)])
        assert single.exit_code == multi.exit_code == 1
        assert single.stdout == multi.stdout and single.stdout.count("\n") > 50


def test_jobs_with_fix_fixes_every_file_once(tmp_path):
    for i in range(10):
        (tmp_path / f"{i}.txt").write_bytes((EXAMPLES / "traditional-gb18030.txt").read_bytes())
    result = CliRunner().invoke(main, ["check", "--isolated", "-q", "--fix", "-j", "2", "--select", "T301",
                                       str(tmp_path)])
    assert result.exit_code == 0, result.output
    fixed = {p.read_bytes() for p in tmp_path.glob("*.txt")}
    assert len(fixed) == 1 and b"," not in fixed.pop().split(b"\r\n", 3)[3]
