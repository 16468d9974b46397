"""Rules are documented like ruff's: each rule file says what it checks, why, and how
safe its fix is, in Chinese and English; docs/rules.md is generated from them."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.pack.files import default_rules_dir
from lint.pack.load import PackError, load_pack

ROOT = Path(__file__).resolve().parent.parent
PACK = load_pack([default_rules_dir()])


@pytest.mark.parametrize("rule_id", sorted(PACK.rules))
def test_every_rule_has_every_section_in_both_languages(rule_id):
    rule = PACK.rules[rule_id]
    for section in ("what", "why", "fix"):
        for lang in ("zh", "en"):
            assert len(rule.description[section].get(lang, "")) >= 4, f"{rule_id}: {section}/{lang}"


@pytest.mark.parametrize("rule_id", sorted(PACK.rules))
def test_a_rule_file_is_named_for_its_id(rule_id):
    assert Path(PACK.rules[rule_id].path).name == f"{rule_id}.yaml"


def test_a_fixable_rule_says_how_safe_its_fix_is():
    from lint.linters import fixable

    for rule in PACK.rules.values():
        safety = rule.doc("fix", "zh")
        if not fixable(rule):
            assert not safety.startswith(("安全", "不安全")), rule.id
        else:
            assert safety.startswith("安全" if rule.fix_safety == "safe" else "不安全"), rule.id


def test_docs_rules_md_is_generated_and_up_to_date():
    generated = CliRunner().invoke(main, ["rules", "--format", "markdown"]).output
    committed = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert committed == generated, "run: reportlint rules --format markdown > docs/rules.md"
    assert all(f"## {rule_id}" in committed for rule_id in PACK.rules)


def test_explain_prints_the_sections():
    out = CliRunner().invoke(main, ["explain", "T301"]).output
    for heading in ("检查什么", "为什么", "不合格示例", "修复安全性"):
        assert heading in out
    english = CliRunner().invoke(main, ["explain", "T301", "--lang", "en"]).output
    assert "Fix safety" in english and "Safe:" in english


@pytest.mark.parametrize("description,line", [
    ("description: 只有一段文字\n", 6),
    ("description:\n  what: 检查什么\n  why: 为什么\n", 6),
    ("description:\n  what: 检查什么\n  why: 为什么\n  fix: {fr: non}\n", 9),
])
def test_a_description_without_its_sections_is_an_error(tmp_path, description, line):
    (tmp_path / "X001.yaml").write_text(
        "id: X001\nseverity: info\nmessage: m\nsource: s\ncheck: pattern\n" + description
        + "pattern: x\nexamples:\n  fail: [x]\n", encoding="utf-8")
    with pytest.raises(PackError, match=rf"X001.yaml:{line}:"):
        load_pack([tmp_path])


def test_the_law_names_file_is_built_from_the_database_titles():
    import importlib.util

    source = ROOT.parent / "shared" / "data" / "laws-cn.tsv"
    if not source.is_file():
        pytest.skip("../shared/data/laws-cn.tsv is not present")
    spec = importlib.util.spec_from_file_location("build_law_names", ROOT / "scripts" / "build_law_names.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    built = builder.build(source)
    assert (ROOT / "rules" / "data" / "law-names.yaml").read_text("utf-8") == built, \
        "run: python scripts/build_law_names.py"
    assert "民法典: 中华人民共和国民法典" in built and "总则:" not in built and built.count("\n") > 400
    in_force, abolished = builder.build_titles(source)
    assert (ROOT / "rules" / "data" / "law-titles.txt").read_text("utf-8") == in_force
    assert (ROOT / "rules" / "data" / "law-titles-abolished.txt").read_text("utf-8") == abolished
    assert "\n中华人民共和国行政处罚法\n" in in_force and "\n行政处罚法\n" in in_force
