"""A malformed rule file stops the run with exit 2 and `file:line: what is wrong`."""
from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.pack.load import PackError, load_pack

GOOD = """\
id: X901
severity: warning
message: {zh: 出现了测试词, en: test word}
source: 测试
check: pattern
pattern: '测试词'
examples:
  pass: ['正常']
  fail: ['测试词']
"""


def write(tmp_path, text, name="X901.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize("text,line,fragment", [
    (GOOD.replace("pattern: '测试词'", "pattern: '测试(词'"), 6, "bad regular expression"),
    (GOOD.replace("source: 测试", "source: 测试\ncolour: red"), 5, "unknown key 'colour'"),
    (GOOD.replace("check: pattern", "check: telepathy"), 5, "unknown check kind 'telepathy'"),
    (GOOD.replace("severity: warning", "severity: fatal"), 2, "severity 'fatal'"),
    (GOOD.replace("pattern: '测试词'", "pattern: '测试词'\nlimit: many"), 7, "'limit': must be a whole number"),
    (GOOD.replace("pattern: '测试词'", "pattern: [1, 2]"), 6, "'pattern'"),
    (GOOD.replace("id: X901", "id: x-901"), 1, "rule id"),
    (GOOD.replace("message: {zh: 出现了测试词, en: test word}", "message: {fr: mot}"), 3, "unknown language"),
    (GOOD.replace("  fail: ['测试词']", "  fail: []"), 7, "at least one fail example"),
    (GOOD.replace("check: pattern\n", "check: pattern\nscope: nowhere\n"), 6, "unknown scope"),
    (GOOD.replace("source: 测试\n", ""), 1, "missing required key 'source'"),
    ("id: X901\nseverity: [unclosed\n", 3, "invalid YAML"),
    ("id: X901\nid: X902\n", 2, "duplicate key"),
    ("!!python/object/apply:os.system ['echo hi']\n", 1, "invalid YAML"),
    ("- just\n- a list\n", 1, "must be a mapping"),
    ("name: nothing\n", 1, "neither a rule"),
    (GOOD.replace("pattern: '测试词'", "pattern: '测试词'\nreplace: '\\2'"), 7, "refers to group 2"),
    (GOOD.replace("pattern: '测试词'", "pattern: '测试词'\nreplace: [1]"), 7, "'replace'"),
    (GOOD.replace("pattern: '测试词'", "pattern: '测试词'\nexcept: [nowhere]"), 7, "unknown scope"),
    (GOOD.replace("check: pattern\npattern: '测试词'", "check: balance\npairs: [《》, 《]"), 6, "'pairs'"),
    (GOOD.replace("check: pattern\npattern: '测试词'", "check: numbering\ninline: '一是'"), 6, "group named num"),
    (GOOD.replace("check: pattern\npattern: '测试词'", "check: heading_form\nforms: {7: 'x'}\nexpected: {1: 一、}"),
     6, "not a heading level"),
    (GOOD.replace("check: pattern\npattern: '测试词'", "check: terms\ndata: missing.yaml"), 6, "no such data file"),
    (GOOD.replace("check: pattern\npattern: '测试词'", "check: near_title\ndata: ../nowhere.txt"), 6,
     "no such data file"),
    (GOOD.replace("  fail: ['测试词']", "  fail: ['测试词']\n  fix: [{text: a}]"), 10, "text: and fixed:"),
])
def test_bad_rule_file(tmp_path, text, line, fragment):
    path = write(tmp_path, text)
    with pytest.raises(PackError) as info:
        load_pack([path])
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert fragment in message


def test_duplicate_rule_id_names_both_files(tmp_path):
    first = write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(PackError) as info:
        load_pack([tmp_path])
    assert "duplicate rule id X901" in str(info.value) and str(first) in str(info.value)


def test_unknown_role_in_rule(tmp_path):
    path = write(tmp_path, GOOD.replace("check: pattern\npattern: '测试词'", "check: section\nrole: dreams"))
    with pytest.raises(PackError) as info:
        load_pack([path])
    assert "unknown role 'dreams'" in str(info.value)


def test_cli_exits_2_before_checking_any_file(tmp_path):
    rules = write(tmp_path, GOOD.replace("pattern: '测试词'", "pattern: '(('"))
    draft = tmp_path / "draft.txt"
    draft.write_text("测试词\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--rules", str(rules), str(draft)])
    assert result.exit_code == 2
    assert f"{rules}:6:" in result.output and "bad regular expression" in result.output
    assert "draft.txt" not in result.output


def test_user_rule_runs_alongside_defaults(tmp_path):
    rules = write(tmp_path, GOOD)
    draft = tmp_path / "draft.txt"
    draft.write_text("这里有测试词。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--rules", str(rules), "--select", "X9", str(draft)])
    assert result.exit_code == 0
    assert f"{draft}:1:4: X901 [警告] 出现了测试词" in result.output
