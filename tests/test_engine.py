from __future__ import annotations

from lint.engine import Linter
from lint.options import Settings
from lint.pack.files import default_rules_dir
from lint.pack.load import load_pack

SLOW_RULE = """\
id: X902
severity: warning
message: {zh: 慢规则}
source: 测试
check: pattern
pattern: '(\\w+\\s?)*$'
examples:
  fail: ['甲']
"""


def test_timeout_gives_e002_and_other_rules_still_run(tmp_path):
    (tmp_path / "X902.yaml").write_text(SLOW_RULE, encoding="utf-8")
    pack = load_pack([default_rules_dir(), tmp_path])
    rules = [pack.rules[i] for i in ("X902", "E002", "S101")]
    text = "正文" + "汉字 " * 20000 + "！\n"
    findings = Linter(pack, rules, Settings(rule_timeout=0.05)).lint_text(text, "slow.txt").findings
    assert {f.rule for f in findings} == {"E002", "S101"}
    e002 = next(f for f in findings if f.rule == "E002")
    assert "X902" in e002.message and e002.severity == "error"


def test_unreadable_input_is_e001(tmp_path, pack):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02\x03")
    linter = Linter(pack, list(pack.rules.values()))
    for path, word in ((empty, "为空"), (binary, "二进制")):
        findings = linter.lint_path(path).findings
        assert [f.rule for f in findings] == ["E001"]
        assert word in findings[0].message and findings[0].line == 1


def test_english_messages(lint_text):
    findings = lint_text("一、主要举措和成效\n内容。\n", select={"S112"}, lang="en")
    assert findings and "shortcomings" in findings[0].message


def test_checklist_reports_parts(pack):
    linter = Linter(pack, list(pack.rules.values()))
    result = linter.lint_text("2023年法治政府建设年度报告\n一、存在的不足和原因\n培训不够，原因是经费不足。\n")
    status = dict(result.checklist)
    assert status["存在的不足和原因"] == "present"
    assert status["下一年度工作安排"] == "missing"


def test_findings_are_deterministic_and_sorted(lint_text):
    text = "一、存在的不足\n暂无。\n二、主要举措\n内容。\n"
    first, second = lint_text(text), lint_text(text)
    assert first == second
    assert [f.sort_key() for f in first] == sorted(f.sort_key() for f in first)


def test_a_crashing_check_names_rule_and_file(pack, monkeypatch):
    import pytest

    from lint.checks import KINDS
    from lint.engine import RuleCrash

    def boom(ctx, params):
        raise ValueError("broken")

    monkeypatch.setattr(KINDS["year_known"], "run", boom)
    with pytest.raises(RuleCrash) as info:
        Linter(pack, [pack.rules["S102"]]).lint_text("正文。\n", "draft.txt")
    assert "S102" in str(info.value) and "draft.txt" in str(info.value)
