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
