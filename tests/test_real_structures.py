"""Structures real reports use that the seeds do not show: a combined shortcomings-and-
plans section, the duty section first, a cover letter, headings run into paragraphs,
suppression comments at the top and the end. Texts written for these tests."""
from __future__ import annotations

import pytest

MISSING_PARTS = {"S110", "S111", "S112", "S113", "S114", "S115", "S116", "M201", "M202"}

COVER = """某区司法局关于2023年度法治政府建设情况的报告
区委、区政府：
现将我局2023年度法治政府建设情况报告如下，请审阅。
某区司法局
2024年3月8日
某区司法局2023年度法治政府建设情况报告
2023年，我局全面推进依法行政，局长作为第一责任人认真履行职责。
一、主要举措和成效
我局开展行政执法案卷评查，评查案卷60卷，发现并整改问题12个。
二、存在的不足和原因
一是学法用法不够深入，原因是培训形式单一。二是执法队伍力量不足，原因是编制紧张。
三、2024年工作安排
一是丰富培训形式，提升学法用法实效。二是充实执法力量。
四、其他需要报告的情况
无。
"""

COMBINED = """某县应急管理局2023年法治政府建设年度报告
一、主要举措和成效
全年组织集中学法12次，开展执法案卷评查2次，修订内部制度3项，各项工作有序推进。
二、党政主要负责人履行推进法治建设第一责任人职责情况
局长作为第一责任人，主持研究法治工作4次，带头讲法治课1次。
三、存在的问题及下一步工作打算
（一）存在的问题
执法人员学法不够深入，原因是培训形式单一、覆盖面不足，基层执法力量也比较薄弱。
（二）下一步工作打算
丰富培训形式，扩大培训覆盖面，提升执法人员学法用法实效，充实基层执法力量。
四、其他需要报告的情况
无。
某县应急管理局
2024年2月6日
"""

DUTY_FIRST = """某镇人民政府2023年法治政府建设年度报告
一、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记、镇长作为第一责任人，主持召开专题会议研究法治建设4次。
二、主要举措和成效
全面推行行政执法三项制度，全年办理执法案件36件，无一被复议纠错或诉讼败诉。
三、存在的不足和原因
基层执法人员专业能力不足，原因是执法人员多为兼职，培训机会少、流动性大。
四、2024年工作安排
组织执法人员轮训，每季度开展一次案卷评查，推动执法人员持证上岗全覆盖。
五、其他需要报告的情况
无。
某镇人民政府
2024年3月20日
"""


def rules_of(findings) -> set[str]:
    return {f.rule for f in findings}


def test_a_cover_letter_signs_the_report(lint_text):
    found = lint_text(COVER)
    assert not rules_of(found) & (MISSING_PARTS | {"S101", "S102"}), found
    (late,) = [f for f in found if f.rule == "M204"]
    assert late.line == 5 and "2024年3月8日" in late.message
    assert not [f for f in lint_text(COVER, reporter="government") if f.rule == "M204"]


@pytest.mark.parametrize("text", [COMBINED, COMBINED.replace("（一）存在的问题\n", "").replace(
    "（二）下一步工作打算\n", "下一步，")], ids=["subsections", "paragraphs"])
def test_a_combined_shortcomings_and_plans_section(lint_text, text):
    assert not rules_of(lint_text(text)) & MISSING_PARTS


def test_a_combined_heading_names_both_parts_in_the_checklist(pack):
    from lint.engine import Linter

    result = Linter(pack, list(pack.rules.values())).lint_text(COMBINED.replace("四、其他需要报告的情况\n无。\n", ""))
    assert [status for _, status in result.checklist] == ["present", "present", "present", "present", "missing"]


@pytest.mark.parametrize("heading", ["三、存在的不足和2024年工作思路", "三、问题与不足及下一步打算"])
def test_other_wordings_of_a_combined_heading(lint_text, heading):
    text = COMBINED.replace("三、存在的问题及下一步工作打算", heading)
    assert not rules_of(lint_text(text)) & MISSING_PARTS


def test_the_duty_section_first(lint_text):
    assert not rules_of(lint_text(DUTY_FIRST)) & MISSING_PARTS


def test_the_duty_told_in_the_measures_section(lint_text):
    duty = DUTY_FIRST.split("\n")[1:3]
    text = DUTY_FIRST.replace("\n".join(duty) + "\n", "")
    text = text.replace("全面推行", "镇主要负责同志认真履行推进法治建设第一责任人职责，亲自部署重点工作。全面推行")
    assert not rules_of(lint_text(text)) & MISSING_PARTS


def test_headings_run_into_one_line_give_one_finding_not_each_part_missing(pack):
    from lint.engine import Linter

    text = "某区司法局2023年法治政府建设年度报告\n" + "".join(
        line if line[:2] not in ("一、", "二、", "三、", "四、") else " " + line + " "
        for line in COMBINED.split("\n")[1:-4]) + "\n某县应急管理局\n2024年2月6日\n"
    result = Linter(pack, list(pack.rules.values())).lint_text(text)
    found = rules_of(result.findings)
    assert "S119" in found and not found & {"S110", "S112", "S114", "S115", "S116"}
    assert {status for _, status in result.checklist} == {"unchecked"}


def test_items_numbered_inside_a_section_are_not_run_on(lint_text):
    text = COMBINED.replace("全年组织集中学法12次，", "全年做了三件事：一、集中学法12次。二、评查案卷2次。三、")
    assert "S119" not in rules_of(lint_text(text))


def test_a_plain_paragraph_is_not_run_on(lint_text):
    found = rules_of(lint_text("某局2023年法治政府建设年度报告\n2023年，我局一、二季度完成学法两次。\n"))
    assert "S119" not in found and "S110" in found


def test_suppression_comments_at_the_top_and_the_end_change_nothing(lint_text):
    plain = lint_text(COMBINED)
    commented = lint_text("<!-- reportlint-disable-file H403 -->\n" + COMBINED + "<!-- reportlint-enable -->\n")
    assert [(f.rule, f.message) for f in plain] == [(f.rule, f.message) for f in commented]
    assert not [f for f in plain if f.rule[0] in "SMTHE"]  # C606 notes topics the short text does not cover


@pytest.mark.parametrize("how", ["ignore", "comment", "missing-and-comment"])
def test_a_part_whose_rule_is_switched_off_is_not_checked(pack, how):
    from lint.engine import Linter

    text = COMBINED
    rules = [rule for rule in pack.rules.values() if not (how == "ignore" and rule.id == "S112")]
    if how != "ignore":
        text = "<!-- reportlint-disable-file S112 -->\n" + text
    if how == "missing-and-comment":
        text = text.replace("三、存在的问题及下一步工作打算\n（一）存在的问题\n", "三、下一步工作打算\n（一）情况\n")
    checklist = dict(Linter(pack, rules).lint_text(text).checklist)
    assert checklist["存在的不足和原因"] == "unchecked" and checklist["下一年度工作安排"] == "present"
