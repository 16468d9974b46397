"""Profiles: `--profile` / `profile:` select shipped settings (deadline, section order,
rules on and off) that the configuration builds on and overrides."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
CLEAN = (ROOT / "examples" / "complete-report.txt").read_text(encoding="utf-8")
DUTY_SECOND = CLEAN  # measures, duty, shortcomings, plans, other: the order of this example


def duty_first(text: str) -> str:
    """The example with its first-responsible-person section moved to the front."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if "第一责任人职责情况" in line)
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:2] in ("三、", "四、"))
    first = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    moved = lines[:first] + lines[start:end] + lines[first:start] + lines[end:]
    return "\n".join(moved)


def rules(tmp_path: Path, text: str, *args, config: str | None = None) -> list[str]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    if config is not None:
        (tmp_path / ".reportlint.yaml").write_text(config, encoding="utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args, "draft.txt"])
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1) and isinstance(result.exception, (SystemExit, type(None))), result.output
    return [f["rule"] + ":" + f["severity"] for f in json.loads(result.stdout)]


def test_the_section_order_rule_is_off_by_default_and_each_profile_sets_its_order(tmp_path):
    first = duty_first(CLEAN)
    assert "S116" not in " ".join(rules(tmp_path, DUTY_SECOND) + rules(tmp_path, first))
    assert "S116:warning" in rules(tmp_path, DUTY_SECOND, "--profile", "guangdong-government")
    assert "S116:warning" not in rules(tmp_path, first, "--profile", "guangdong-government")
    assert "S116:warning" in rules(tmp_path, first, "--profile", "guangdong-department")


def test_town_reports_by_1_april_with_a_lower_bar_for_evidence(tmp_path):
    late_for_a_department = CLEAN.replace("2024年2月6日", "2024年3月15日")
    assert "M204:warning" in rules(tmp_path, late_for_a_department)
    assert "M204:warning" not in rules(tmp_path, late_for_a_department, "--profile", "town")
    assert "M204:warning" not in rules(tmp_path, late_for_a_department, "--profile", "guangdong-government")
    assert "M204:warning" in rules(tmp_path, late_for_a_department, "--profile", "guangdong-department")
    enforcement = next(line for line in CLEAN.split("\n") if line.startswith("（二）规范行政执法行为"))
    thin = CLEAN.replace(enforcement, "（二）规范行政执法行为。深入推进严格规范公正文明执法，执法水平不断提升。")
    assert "C601:warning" in rules(tmp_path, thin)
    assert "C601:info" in rules(tmp_path, thin, "--profile", "town")


def test_the_configuration_names_a_profile_and_wins_over_it(tmp_path):
    first = duty_first(CLEAN)
    assert "S116:warning" not in rules(tmp_path, first, config="profile: guangdong-government\n")
    found = rules(tmp_path, first, config="profile: guangdong-government\nrule-settings:\n  S116: {enabled: false}\n")
    assert "S116:warning" not in found
    late = CLEAN.replace("2024年2月6日", "2024年3月15日")
    assert "M204:warning" in rules(tmp_path, late, config="profile: town\nreporter: department\n")
    assert "M204:warning" not in rules(tmp_path, late, "--profile", "town", config="reporter: government\n")


def test_show_settings_names_the_profile_and_an_unknown_one_is_an_error(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("profile: town\n", encoding="utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        shown = CliRunner().invoke(main, ["check", "--show-settings", "."]).stdout
        bad = CliRunner().invoke(main, ["check", "--profile", "atlantis", "."])
    finally:
        os.chdir(old)
    reporter = next(line for line in shown.splitlines() if line.startswith("reporter"))
    assert "government" in reporter and reporter.endswith("town.yaml")
    assert bad.exit_code == 2 and "guangdong-government" in bad.output


@pytest.mark.parametrize("name", ["national", "guangdong-department", "guangdong-government", "town"])
def test_every_profile_says_where_its_requirements_come_from(name):
    text = (ROOT / "lint" / "profiles" / f"{name}.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# Profile `{name}`")
    assert "厅字〔2019〕28号" in text or "NOT VERIFIED" in text


def test_town_expects_fewer_topics_of_the_outline(tmp_path):
    lines = CLEAN.split("\n")
    without_digital = CLEAN.replace("；用地审批系统接入全省一网通办平台", "")
    without_digital = without_digital.replace("企业开办涉及的自然资源事项全部实现网上办理。", "")
    assert len(without_digital.split("\n")) == len(lines)
    assert "C606:info" in rules(tmp_path, without_digital)
    assert "C606:info" not in rules(tmp_path, without_digital, "--profile", "town")


def test_the_checklist_and_the_review_show_the_outline_tasks_a_profile_expects(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(CLEAN, encoding="utf-8")
    text = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", str(draft)]).stdout
    assert "纲要主要任务 9/9;" in text and text.count("✓") == 5
    review = CliRunner().invoke(main, ["review", "--isolated", "--no-cache", "--format", "json", "--profile", "town",
                                       str(draft)]).stdout
    (record,) = json.loads(review)
    assert [t["topic"] for t in record["topics"]] == \
        ["学习贯彻习近平法治思想", "行政执法", "行政复议应诉和矛盾纠纷化解", "政务公开"]
    assert {t["status"] for t in record["topics"]} == {"present"}
