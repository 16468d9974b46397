"""Output formats other tools parse: SARIF (validated against the official schema), GitHub
workflow commands, JUnit XML, GitLab Code Quality; --output and --statistics."""
from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def run(*args):
    return CliRunner().invoke(main, ["check", "--isolated", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def sarif_schema():
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is not present")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def _validate(log, schema):
    jsonschema.Draft7Validator(schema).validate(log) if "draft-07" in schema.get("$schema", "") \
        else jsonschema.validate(log, schema)


def test_sarif_of_the_seeds_validates_against_the_official_schema(sarif_schema, monkeypatch):
    if not SEEDS.is_dir():
        pytest.skip("seeds are not present")
    monkeypatch.chdir(ROOT.parent)
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "sarif", "shared/corpus/seeds"])
    log = json.loads(result.output)
    _validate(log, sarif_schema)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    assert {"id", "shortDescription", "fullDescription", "help", "defaultConfiguration"} <= set(rules[0])
    assert {r["defaultConfiguration"]["level"] for r in rules} == {"error", "warning", "note"}
    results = run_["results"]
    assert len(results) > 100
    first = results[0]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
    uri = first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("shared/corpus/seeds/") and not uri.startswith("/")
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]


def test_sarif_of_the_examples_validates_and_encodes_chinese_paths(sarif_schema, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "报告.txt").write_text((EXAMPLES / "missing-parts.txt").read_text(encoding="utf-8"), encoding="utf-8")
    log = json.loads(run("--format", "sarif", "报告.txt").output)
    _validate(log, sarif_schema)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E6%8A%A5%E5%91%8A.txt"


def test_github_workflow_commands():
    result = run("--format", "github", str(EXAMPLES / "typography-defects.txt"))
    lines = result.output.splitlines()
    assert lines and result.exit_code == 1
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),"
                         r"endColumn=(\d+),title=([A-Z]\d+)::(.+)$")
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed), [line for line, m in zip(lines, parsed) if not m]
    assert {m.group(1) for m in parsed} == {"error", "warning", "notice"}
    assert all("%3A" not in m.group(2) or ":" not in m.group(2) for m in parsed)


def test_github_escapes_newlines_and_property_separators(tmp_path):
    from lint.findings import FileResult, Finding
    from lint.report.github import render

    finding = Finding("a,b:c.txt", 1, 2, 1, 3, "T301", "warning", "第一行\n第二行 100%")
    out = render([FileResult("a,b:c.txt", [finding])], "zh", {})
    assert out == "::warning file=a%2Cb%3Ac.txt,line=1,col=2,endLine=1,endColumn=3,title=T301::第一行%0A第二行 100%25\n"


def test_junit_one_suite_per_file_one_case_per_rule():
    result = run("--format", "junit", "--select", "S,T301", str(EXAMPLES / "missing-parts.txt"),
                 str(EXAMPLES / "complete-report.txt"))
    root = ET.fromstring(result.output.encode("utf-8"))
    suites = root.findall("testsuite")
    assert len(suites) == 2
    rule_count = len(suites[0].findall("testcase"))
    assert rule_count >= 12 and all(len(s.findall("testcase")) == rule_count for s in suites)
    failing = {c.get("name").split()[0] for c in suites[0].findall("testcase") if c.find("failure") is not None}
    assert {"S111", "S112", "S114"} <= failing
    assert suites[1].get("failures") == "0"
    assert int(root.get("failures")) == len(failing)
    assert "missing-parts.txt:1:1" in suites[0].find("testcase/failure").text


def test_gitlab_code_quality_with_stable_fingerprints(tmp_path):
    draft = tmp_path / "r.txt"
    text = (EXAMPLES / "typography-defects.txt").read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    first = json.loads(run("--format", "gitlab", str(draft)).output)
    assert first and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in first)
    assert {i["severity"] for i in first} <= {"info", "minor", "major", "critical", "blocker"}
    assert len({i["fingerprint"] for i in first}) == len(first)
    draft.write_text("\n\n" + text, encoding="utf-8")  # every line moves down by two
    moved = json.loads(run("--format", "gitlab", str(draft)).output)
    body = lambda items: {i["fingerprint"] for i in items if i["check_name"][0] in "TH"}  # noqa: E731
    assert body(moved) == body(first)


def test_output_writes_the_report_to_a_file(tmp_path):
    target = tmp_path / "report.sarif"
    result = run("--format", "sarif", "--output", str(target), str(EXAMPLES / "missing-parts.txt"))
    assert result.exit_code == 1 and result.output == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_statistics_count_per_rule():
    result = run("--statistics", str(EXAMPLES / "traditional-gb18030.txt"))
    lines = result.output.splitlines()
    counts = {line.split()[1]: int(line.split()[0]) for line in lines[:-1]}
    assert counts["H403"] == 1 and counts["T301"] > 10
    assert "[*]" in next(line for line in lines if " T301 " in line)
