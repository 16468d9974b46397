"""`.reportlint.yaml`, baselines and suppression comments."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

# A department report dated 15 March: late for a department (1 March), in time for a government (1 April).
LATE_FOR_DEPARTMENT = (EXAMPLES / "complete-report.txt").read_text(encoding="utf-8")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def rules_in(output: str) -> set[str]:
    return {item["rule"] for item in json.loads(output)}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _dated(text: str, date: str) -> str:
    lines = text.rstrip("\n").split("\n")
    lines[-1] = date
    return "\n".join(lines) + "\n"


def test_reporter_government_moves_the_m204_deadline(project):
    draft = project / "r.txt"
    draft.write_text(_dated(LATE_FOR_DEPARTMENT, "2024年3月15日"), encoding="utf-8")
    assert "M204" in rules_in(run("check", "--format", "json", "r.txt").output)
    (project / ".reportlint.yaml").write_text("reporter: government\n", encoding="utf-8")
    assert "M204" not in rules_in(run("check", "--format", "json", "r.txt").output)
    assert "M204" in rules_in(run("check", "--format", "json", "--reporter", "department", "r.txt").output)


def test_config_is_found_walking_up_and_selects_ignores_and_overrides(project):
    (project / ".reportlint.yaml").write_text(
        "ignore: [H403]\nrule-settings:\n  T301: {severity: error}\n", encoding="utf-8")
    sub = project / "drafts" / "2024"
    sub.mkdir(parents=True)
    shutil.copy(EXAMPLES / "traditional-gb18030.txt", sub / "r.txt")
    import os

    os.chdir(sub)
    found = json.loads(run("check", "--format", "json", "r.txt").output)
    assert "H403" not in {f["rule"] for f in found}
    assert {f["severity"] for f in found if f["rule"] == "T301"} == {"error"}


def test_rule_parameter_override_is_validated_and_applied(project):
    draft = project / "r.txt"
    text = LATE_FOR_DEPARTMENT
    draft.write_text(text, encoding="utf-8")
    assert "S117" not in rules_in(run("check", "--format", "json", "r.txt").output)
    (project / ".reportlint.yaml").write_text("rule-settings:\n  S117: {min_chars: 2000}\n", encoding="utf-8")
    assert "S117" in rules_in(run("check", "--format", "json", "r.txt").output)


@pytest.mark.parametrize("text,line,fragment", [
    ("colour: red\n", 1, "unknown setting 'colour'"),
    ("reporter: county\n", 1, "'reporter' must be one of"),
    ("select: [S1]\nrule-settings:\n  S999: {severity: info}\n", 3, "unknown rule 'S999'"),
    ("rule-settings:\n  S117:\n    min_chars: many\n", 3, "'min_chars': must be a whole number"),
    ("rule-settings:\n  S117:\n    colour: red\n", 3, "unknown setting 'colour'"),
    ("rule-settings:\n  T301: {severity: fatal}\n", 2, "severity must be one of"),
    ("exclude: 3\n", 1, "'exclude' must be a list"),
    ("rules: [nowhere/]\n", 1, "no such file or directory"),
    ("max-bytes: -1\n", 1, "positive number"),
    ("ignore: [a\n", 2, "invalid YAML"),
])
def test_bad_config_exits_2_with_file_and_line(project, text, line, fragment):
    (project / ".reportlint.yaml").write_text(text, encoding="utf-8")
    shutil.copy(EXAMPLES / "complete-report.txt", project / "r.txt")
    result = run("check", "r.txt")
    assert result.exit_code == 2, result.output
    assert f".reportlint.yaml:{line}: " in result.output and fragment in result.output, result.output


def test_exclude_and_per_file_ignores(project):
    (project / "archive").mkdir()
    shutil.copy(EXAMPLES / "missing-parts.txt", project / "archive" / "old.txt")
    (project / "legacy").mkdir()
    shutil.copy(EXAMPLES / "traditional-gb18030.txt", project / "legacy" / "t.txt")
    (project / ".reportlint.yaml").write_text(
        'exclude: ["archive/**"]\nper-file-ignores:\n  "legacy/*.txt": [T, H403]\n', encoding="utf-8")
    found = json.loads(run("check", "--format", "json", ".").output)
    assert not [f for f in found if "archive" in f["path"]]
    assert not [f for f in found if f["rule"][0] == "T" or f["rule"] == "H403"]


def test_isolated_and_explicit_config(project, tmp_path_factory):
    (project / ".reportlint.yaml").write_text("colour: red\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "complete-report.txt", project / "r.txt")
    assert run("check", "--isolated", "r.txt").exit_code == 0
    other = tmp_path_factory.mktemp("cfg") / "c.yaml"
    other.write_text("fail-on: info\n", encoding="utf-8")
    assert run("check", "--config", str(other), "r.txt").exit_code == 0


def test_init_writes_a_config_that_loads_and_refuses_to_overwrite(project):
    result = run("init")
    assert result.exit_code == 0 and "repos:" in result.output and "id: reportlint" in result.output
    assert (project / ".reportlint.yaml").is_file()
    shutil.copy(EXAMPLES / "complete-report.txt", project / "r.txt")
    assert run("check", "r.txt").exit_code == 0
    assert run("init").exit_code == 2


def test_baseline_on_the_seeds_silences_known_findings_but_not_new_ones(project):
    if not SEEDS.is_dir():
        pytest.skip("seeds are not present")
    shutil.copytree(SEEDS, project / "seeds")
    baseline = project / "baseline.json"
    assert run("check", "--write-baseline", str(baseline), "seeds").exit_code == 0
    assert len(json.loads(baseline.read_text(encoding="utf-8"))["findings"]) > 100
    second = run("check", "--baseline", str(baseline), "--format", "json", "seeds")
    assert second.exit_code == 0 and json.loads(second.output) == []
    seed = sorted((project / "seeds").glob("004*"))[0]
    text = seed.read_text(encoding="utf-8")
    seed.write_text("\n\n" + text.replace("全力做好新冠", "全力做好新冠。。", 1), encoding="utf-8")
    third = json.loads(run("check", "--baseline", str(baseline), "--format", "json", "seeds").output)
    assert [(f["rule"], f["path"].endswith(seed.name)) for f in third] == [("T303", True)]


def test_a_broken_baseline_is_exit_2(project):
    (project / "b.json").write_text("{not json", encoding="utf-8")
    shutil.copy(EXAMPLES / "complete-report.txt", project / "r.txt")
    result = run("check", "--baseline", "b.json", "r.txt")
    assert result.exit_code == 2 and "b.json:1:" in result.output


SUPPRESSED = """某县司法局2023年法治政府建设年度报告
<!-- reportlint-disable-file S -->
<!-- reportlint-disable-next-line T301 -->
2023年,我局推进依法行政。
2023年,我局推进依法行政。
<!-- reportlint-disable T301, T304 -->
2023年,我局 推进依法行政。
<!-- reportlint-enable T301 -->
2023年,我局 推进依法行政。
"""


def test_suppression_comments(project):
    (project / "r.md").write_text(SUPPRESSED, encoding="utf-8")
    found = json.loads(run("check", "--format", "json", "r.md").output)
    assert not [f for f in found if f["rule"].startswith("S")]
    assert sorted((f["rule"], f["line"]) for f in found if f["rule"] in ("T301", "T304")) == [("T301", 5), ("T301", 9)]
