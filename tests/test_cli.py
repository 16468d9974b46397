from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
JSON_KEYS = ["path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "fix", "part"]
# "part" was added for the parts of Word files (null in the body)


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture()
def draft(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("2023年法治政府建设年度报告\n2023年，我局推进依法行政。\n一、主要举措和成效\n"
                    "全年修订规范性文件五件，办理行政复议案件十二件，全部依法办结，行政机关负责人出庭应诉率百分之百。\n",
                    encoding="utf-8")
    return path


def test_text_output_format_and_caret(draft):
    result = run("check", "--select", "S112", str(draft))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{draft}:1:1: S112 [错误] ")
    assert lines[2] == "1 | 2023年法治政府建设年度报告"
    assert lines[3] == "  | " + "^" * (4 + 2 * 11)  # 4 digits, 11 wide characters
    assert "✗存在的不足和原因" in result.output


def test_json_output_is_stable(draft):
    result = run("check", "--format", "json", str(draft))
    data = json.loads(result.output)
    assert data and all(list(item) == JSON_KEYS for item in data)
    s112 = next(item for item in data if item["rule"] == "S112")
    assert (s112["line"], s112["column"], s112["severity"], s112["fix"]) == (1, 1, "error", None)


def test_exit_codes_follow_fail_on(draft):
    assert run("check", "--select", "S115", str(draft)).exit_code == 0
    assert run("check", "--select", "S115", "--fail-on", "info", str(draft)).exit_code == 1
    assert run("check", "--select", "S117", str(draft)).exit_code == 0


def test_select_and_ignore_prefixes(draft):
    data = json.loads(run("check", "--format", "json", "--select", "S1", "--ignore", "S112,S114",
                          str(draft)).output)
    rules = {item["rule"] for item in data}
    assert rules and all(r.startswith("S1") for r in rules)
    assert not rules & {"S112", "S114"}


def test_english(draft):
    result = run("check", "--lang", "en", "--select", "S112", str(draft))
    assert "S112 [error]" in result.output and "Checked 1 files" in result.output


def test_quiet_prints_only_findings(draft):
    result = run("check", "-q", "--select", "S112,S114", str(draft))
    assert result.output.count("\n") == 2


def test_missing_path_is_usage_error():
    assert run("check", "/no/such/draft.txt").exit_code == 2


def test_directory_walk_finds_txt_and_md():
    data = json.loads(run("check", "--format", "json", str(EXAMPLES)).output)
    paths = {Path(item["path"]).name for item in data}
    assert "bad-signature.md" in paths and "missing-parts.txt" in paths


def test_complete_example_passes_every_rule():
    result = run("check", "--format", "json", str(EXAMPLES / "complete-report.txt"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


def test_traditional_example_passes_content_rules_and_shows_its_typography():
    result = run("check", "--format", "json", str(EXAMPLES / "traditional-gb18030.txt"))
    assert result.exit_code == 0, result.output
    rules = {item["rule"] for item in json.loads(result.output)}
    assert not {r for r in rules if r[0] in "SME"}
    assert {"H403", "T301", "T306"} <= rules
    assert all(item["severity"] != "error" for item in json.loads(result.output))


def test_defect_examples_show_their_defects():
    def rules_of(name):
        return {item["rule"] for item in json.loads(run("check", "--format", "json", str(EXAMPLES / name)).output)}
    assert {"S111", "S112", "S114", "M204"} <= rules_of("missing-parts.txt")
    assert {"T301", "T302", "T303", "T304", "T305", "T307", "T308", "T309", "T310", "T311",
            "H401", "H402", "H404", "H405", "H407"} <= rules_of("typography-defects.txt")
    assert {"M203", "M205", "M206", "S117"} <= rules_of("bad-signature.md")


def test_rules_and_explain():
    listing = run("rules").output
    assert "S111" in listing and "M206" in listing
    explained = run("explain", "s111")
    assert explained.exit_code == 0
    assert "厅字〔2019〕28号" in explained.output and "不合格示例" in explained.output
    assert run("explain", "Z999").exit_code == 2
    assert "examples" in run("explain", "S112", "--lang", "en").output.lower()


def test_unreadable_file_is_a_finding_not_a_crash(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(0x80, 0x100)) * 8)
    result = run("check", str(bad))
    assert result.exit_code == 1 and "E001" in result.output
    assert "Traceback" not in result.output


def test_reporter_moves_the_deadline(tmp_path):
    draft = tmp_path / "late.txt"
    draft.write_text("某市人民政府2023年法治政府建设年度报告\n2023年，本市推进依法行政。\n某市人民政府\n2024年3月20日\n",
                     encoding="utf-8")
    department = json.loads(run("check", "--format", "json", "--select", "M204", str(draft)).output)
    government = json.loads(run("check", "--format", "json", "--select", "M204", "--reporter", "government",
                                str(draft)).output)
    assert [f["line"] for f in department] == [4]
    assert government == []


def test_closed_stdout_pipe_ends_quietly(tmp_path):
    import subprocess
    import sys

    text = (EXAMPLES / "missing-parts.txt").read_text("utf-8")
    for i in range(150):  # far more output than a pipe buffer holds
        (tmp_path / f"draft-{i:03d}.txt").write_text(text, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", "from lint.cli import run; run()", "check", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=EXAMPLES.parent)
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=60)
    assert "Traceback" not in stderr
