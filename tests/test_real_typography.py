"""Typography on real reports: the snippets of issue 14, written for these tests."""
from __future__ import annotations

SNIPPET_A = """某区司法局2023年法治政府建设年度报告
2023年，我局全面推进依法行政。现将有关情况报告如下：
一、主要举措和成效
一是加强学习。组织集中学法12次。
二是完善制度。修订内部制度3项。
三是规范执法。开展案卷评查2次。
"""


def of(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_inline_numbering_runs_across_the_paragraphs_of_a_section(lint_text):
    assert of(lint_text(SNIPPET_A, select={"T305"}), "T305") == []
    skipped = SNIPPET_A.replace("三是规范执法", "四是规范执法")
    (found,) = of(lint_text(skipped, select={"T305"}), "T305")
    assert found.line == 6 and "三是" in found.message


def test_a_heading_restarts_the_inline_count(lint_text):
    text = SNIPPET_A + "二、存在的不足和原因\n一是学法不深，原因是形式单一。\n二是制度不全。\n"
    assert of(lint_text(text, select={"T305"}), "T305") == []


def test_a_first_item_glued_to_the_text_is_missing_punctuation(lint_text):
    (found,) = of(lint_text("坚决贯彻落实一是把学法作为必修课，二是把用法作为硬任务。", select={"T305"}), "T305")
    assert "缺少标点" in found.message and found.column == 7


SNIPPET_B = ("2023年，我局按照《法治政府建设实施纲要(2021—2025)》要求推进依法行政，欢迎监督(电话:0571-87654321)，"
             "全年完成率达100%,8个项目通过验收。")
SNIPPET_E = ("2023年，我局举办“学习贯彻党的二十大精神 深入践行习近平法治思想”专题培训班，"
             "学习《高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗》。"
             "同时, 认真履行职责，现报告如下: 一是加强学习。")


def test_brackets_are_converted_in_pairs(lint_text, pack):
    from lint.engine import Linter
    from lint.fix import fix_document
    from lint.parse.document import Document

    found = of(lint_text(SNIPPET_B, select={"T301"}), "T301")
    assert sorted(SNIPPET_B[f.column - 1] for f in found) == sorted("()(:),")
    linter = Linter(pack, [pack.rules["T301"], pack.rules["T302"]])
    fixed, applied, remaining = fix_document(linter, Document.from_text(SNIPPET_B))
    assert "（2021—2025）》" in fixed.lines[0] and "（电话：0571-87654321）" in fixed.lines[0]
    assert "100%，8个" in fixed.lines[0] and remaining.findings == []


def test_a_pair_of_mixed_widths_is_t302(lint_text):
    (found,) = of(lint_text("落实《法治政府建设实施纲要（2021—2025)》。", select={"T302"}), "T302")
    assert "一个半角一个全角" in found.message and found.column == 14


def test_spaces_in_slogans_and_titles_stay_and_spaces_at_half_width_marks_go(lint_text):
    found = of(lint_text(SNIPPET_E, select={"T304"}), "T304")
    assert [SNIPPET_E[f.column - 2] for f in found] == [",", ":"]


def test_a_half_width_heading_number_is_one_finding(lint_text):
    text = "某局2023年法治政府建设年度报告\n一、主要举措\n(一)加强学习\n组织集中学法。\n"
    found = lint_text(text, select={"T301", "T306"})
    assert [f.rule for f in found] == ["T306"]


SNIPPET_D = "2023年，我局坚决贯彻落實(shí)党中央决策部署，取得积*进展。\n??一、主要举措和成效\n"


def test_garbled_text_is_named_once_for_what_it_is(lint_text):
    found = lint_text(SNIPPET_D)
    garbled = [(f.line, SNIPPET_D.split("\n")[f.line - 1][f.column - 1:f.end_column - 1]) for f in of(found, "H404")]
    assert garbled == [(1, "(shí)"), (1, "*"), (2, "??")]
    assert not of(found, "T301") and not of(found, "T303") and not of(found, "S110")


def test_without_h404_the_deferring_rules_speak(lint_text):
    assert of(lint_text(SNIPPET_D, select={"T301", "T303"}), "T301")


def test_text_output_groups_one_rules_findings_in_a_paragraph(tmp_path):
    import json

    from click.testing import CliRunner

    from lint.cli import main

    draft = tmp_path / "r.txt"
    draft.write_text("2024年,我局推进依法行政,加强学习;完善制度:一是学法。\n", encoding="utf-8")
    args = ["check", "--isolated", "--no-cache", "--select", "T301", str(draft)]
    text = CliRunner().invoke(main, args).output
    assert text.count(": T301 ") == 1 and "（本段共 4 处）" in text and text.count("^") == 4
    data = json.loads(CliRunner().invoke(main, [*args[:-1], "--format", "json", str(draft)]).output)
    assert len(data) == 4


def test_a_near_miss_title_is_reported_in_every_report_that_cites_it(lint_text):
    # The answer for a cited title is remembered between drafts: the second draft and
    # a title seen again must be reported as the first was, and an exact title never.
    near = "全面落实《法治政府建设实施纲耍（2021—2025年）》，推进依法行政。\n"
    exact = "全面落实《法治政府建设实施纲要（2021—2025年）》，推进依法行政。\n"
    first = of(lint_text(near, select={"T307"}), "T307")
    assert first and of(lint_text(near + near, select={"T307"}), "T307")[0].message == first[0].message
    assert len(of(lint_text(near + near, select={"T307"}), "T307")) == 2
    assert not of(lint_text(exact, select={"T307"}), "T307")


def test_substance_counts_stop_early_only_past_the_threshold():
    from lint.parse.roles import substance_chars

    text = "，" * 50 + "依法行政" * 30  # the characters that count come late
    assert substance_chars(text) == 120
    assert substance_chars(text, 10) == 120  # the head (40 characters) has none: counted whole
    assert substance_chars("依法" * 100, 10) >= 10
    assert substance_chars("依法" * 100, 10) < 200  # stopped at the head
    assert substance_chars("无。", 40) == 1
