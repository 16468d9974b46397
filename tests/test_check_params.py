"""Every parameter of every check kind does what it says: each is set by a shipped rule
(whose own examples test it) or exercised here by a rule written for the test, with a
text it must fire on and a near miss it must not."""
from __future__ import annotations

import pytest

from lint.checks import KINDS
from lint.engine import Linter
from lint.pack.files import default_rules_dir, rule_files
from lint.pack.load import load_pack
from lint.pack.yamlfile import load_yaml

REPORT = "某局2023年法治政府建设年度报告\n一、主要举措和成效\n{body}\n某局\n2024年1月10日\n"

# kind, the rule's parameters (YAML), text that must fire, text that must not
CASES = {
    ("pattern", "limit"): ("check: pattern\npattern: 法制\nlimit: 1",
                           "法制一。法制二。", None),
    ("cooccur", "mode"): ("check: cooccur\nterms: ['考核', '合格']\nmode: forbid",
                          "年度考核全部合格。", "年度考核已完成。全部人员合格。"),
    ("cooccur", "scope"): ("check: cooccur\nterms: ['第一责任人', '履行']\nscope: section:measures",
                           "REPORT:局长学法。", "REPORT:局长履行第一责任人职责。"),
    ("require", "view"): ("check: require\npattern: '依法行政,'\nview: original\nscope: body",
                          "REPORT:推进依法行政，加强监督。", "REPORT:推进依法行政,加强监督。"),
    ("charset", "min_count"): ("check: charset\nset: traditional\nmin_count: 3",
                               "這個報告說明。", "這個报告说明。"),
    ("charset", "scope"): ("check: charset\nset: traditional\nscope: title",
                           "某局2023年法治政府建設年度報告\n正文。", "某局2023年法治政府建设年度报告\n這個說明。"),
    ("balance", "scope"): ("check: balance\npairs: ['《》']\nscope: title",
                           "《某局年度报告\n正文。", "某局年度报告\n《正文。"),
    ("personal_data", "scope"): ("check: personal_data\ntypes: [mobile]\nscope: signature",
                                 "某局2023年报告\n一、主要举措\n正文。\n某局联系电话13812345678\n2024年1月10日",
                                 "REPORT:联系电话13812345678。"),
    ("terms", "scope"): ("check: terms\ndata: ../terms.yaml\nscope: title",
                         "老名称报告\n正文。", "报告\n老名称正文。"),
    ("substance", "empty"): ("check: substance\nroles: [measures]\nmin_chars: 0\nempty: '^\\s*(从略)\\s*$'",
                             "REPORT:从略", "REPORT:已完成。"),
    ("topics", "expected"): (f"check: topics\ntable: '{default_rules_dir() / 'data' / 'outline-topics.yaml'}'\n"
                             "expected: [行政执法]",
                             "REPORT:深入学习习近平法治思想。", "REPORT:全年办理行政执法案件36件。"),
    ("date_format", "expected"): ("check: date_format\nexpected: '^[0-9]{4}年[0-9]{2}月[0-9]{2}日$'",
                                  "REPORT:正文。", "某局2023年报告\n一、主要举措\n正文。\n某局\n2024年01月10日"),
}


def _text(text: str) -> str:
    return REPORT.format(body=text[7:]) if text.startswith("REPORT:") else text


@pytest.fixture(scope="module")
def rule_dir(tmp_path_factory):
    base = tmp_path_factory.mktemp("params")
    (base / "terms.yaml").write_text("老名称: 新名称\n", encoding="utf-8")
    rules = base / "rules"
    rules.mkdir()
    return rules


@pytest.mark.parametrize("case", sorted(CASES), ids=[f"{k}.{p}" for k, p in sorted(CASES)])
def test_parameter(rule_dir, case):
    params, fires, misses = CASES[case]
    rule_id = f"X{sorted(CASES).index(case) + 100}"
    (rule_dir / f"{rule_id}.yaml").write_text(
        f"id: {rule_id}\nseverity: warning\nmessage: 测试\nsource: 测试\n{params}\nexamples:\n  fail: ['x']\n",
        encoding="utf-8")
    pack = load_pack([default_rules_dir(), rule_dir])
    linter = Linter(pack, [pack.rules[rule_id]])
    assert [f.rule for f in linter.lint_text(_text(fires)).findings] == [rule_id], fires
    if misses is not None:
        assert linter.lint_text(_text(misses)).findings == [], misses


def test_pattern_limit_reports_only_the_first_matches(rule_dir):
    (rule_dir / "X090.yaml").write_text("id: X090\nseverity: info\nmessage: m\nsource: s\ncheck: pattern\n"
                                        "pattern: 法制\nlimit: 2\nexamples:\n  fail: ['法制']\n", encoding="utf-8")
    pack = load_pack([default_rules_dir(), rule_dir])
    findings = Linter(pack, [pack.rules["X090"]]).lint_text("法制一。法制二。法制三。").findings
    assert [f.column for f in findings] == [1, 5]


def shipped_parameters() -> set[tuple[str, str]]:
    used = set()
    for path in rule_files([default_rules_dir()]):
        data = load_yaml(path)
        if "id" in data:
            used |= {(data["check"], key) for key in data if key in KINDS[data["check"]].params}
    return used


def test_every_parameter_is_set_by_a_shipped_rule_or_tested_here():
    every = {(name, key) for name, kind in KINDS.items() for key in kind.params}
    untested = every - shipped_parameters() - set(CASES)
    assert not untested, f"parameters no rule sets and no test exercises: {sorted(untested)}"
