from __future__ import annotations

import pytest

from lint.checks.context import Context
from lint.options import Settings
from lint.parse.document import Document
from lint.parse.numerals import chinese_number, chinese_numeral
from lint.parse.outline import parse_outline


def outline_of(text: str):
    doc = Document.from_text(text)
    return doc, parse_outline(doc)


@pytest.mark.parametrize("line,level,number", [
    ("一、主要举措和成效", 1, 1),
    ("十二、其他事项", 1, 12),
    ("  三、存在的不足", 1, 3),
    ("（二）健全依法决策机制", 2, 2),
    ("(二)健全依法决策机制", 2, 2),
    ("（十一）其他", 2, 11),
    ("3.规范执法行为", 3, 3),
    ("3．规范执法行为", 3, 3),
    ("12、规范执法行为", 3, 12),
    ("（4）公开执法信息", 4, 4),
    ("(4)公开执法信息", 4, 4),
    ("## 一、主要举措和成效", 1, 1),
    ("一、2024年法治政府建设工作情况", 1, 1),
    ("一.主要举措", 1, 1),
])
def test_heading_forms(line, level, number):
    doc, outline = outline_of("报告\n" + line + "\n正文内容。\n")
    assert len(outline.headings) == 1
    heading = outline.headings[0]
    assert (heading.level, heading.number, heading.line) == (level, number, 1)


@pytest.mark.parametrize("line", [
    "2023年，我局全面推进依法行政。",
    "3.5亿元资金全部到位。",
    "一是加强学习。二是完善制度。",
    "一方面加强学习。",
    "12345热线运行平稳。",
    "（一）",
])
def test_not_headings(line):
    _, outline = outline_of("报告\n" + line + "\n")
    assert outline.headings == []


def test_inline_heading_is_first_sentence():
    doc, outline = outline_of("一、主要举措\n（一）夯实主体责任。一是加强学习，二是完善制度。\n")
    sub = outline.headings[1]
    assert sub.inline
    assert doc.text[sub.title_start:sub.end] == "夯实主体责任。"


def test_nesting_and_section_ends():
    text = "一、甲\n（一）子一\n内容\n1.条目\n（二）子二\n二、乙\n内容\n"
    doc, outline = outline_of(text)
    assert [s.heading.number for s in outline.sections] == [1, 2]
    first = outline.sections[0]
    assert [c.heading.number for c in first.children] == [1, 2]
    assert [c.level for c in first.children[0].children] == [3]
    assert first.end == outline.sections[1].start


def test_head_title_addressee_opening():
    text = "某市司法局\n2023年法治政府建设年度报告\n\n市政府：\n2023年，我局推进依法行政，现报告如下：\n一、主要举措\n"
    _, outline = outline_of(text)
    assert outline.title_lines == [0, 1]
    assert outline.addressee_line == 3
    assert outline.opening_lines == [4]


def test_opening_without_title():
    _, outline = outline_of("2023年，我局推进依法行政。\n一、主要举措\n内容。\n")
    assert outline.title_lines == []
    assert outline.opening_lines == [0]


def test_signature_with_right_aligned_date_and_trailing_text():
    text = "一、下一步安排\n加强培训。\n某市司法局\n                  2024年2月5日\n\n相关新闻\n"
    doc, outline = outline_of(text)
    sig = outline.signature
    assert sig.organ_line == 2
    assert (sig.date.line, sig.date.year, sig.date.month, sig.date.day) == (3, 2024, 2, 5)
    assert doc.position(outline.trailing_start)[0] == 6
    assert outline.sections[0].end == sig.start


@pytest.mark.parametrize("date_line,expected", [
    ("二〇二四年二月五日", (2024, 2, 5)),
    ("2024-02-05", (2024, 2, 5)),
    ("2024年12月31日", (2024, 12, 31)),
])
def test_signature_date_forms(date_line, expected):
    _, outline = outline_of(f"一、安排\n内容。\n某局\n{date_line}\n")
    date = outline.signature.date
    assert (date.year, date.month, date.day) == expected


def test_signature_organ_only():
    _, outline = outline_of("一、安排\n内容。\n某市司法局\n")
    assert outline.signature.organ_line == 2 and outline.signature.date is None


def test_no_signature_when_last_line_is_a_sentence():
    _, outline = outline_of("一、安排\n内容。\n加强培训，提升水平。\n")
    assert outline.signature is None


def test_traditional_half_width_headings():
    _, outline = outline_of("一、主要舉措\n(一)夯實主體責任。一是加強學習。\n二、存在問題\n")
    assert [h.level for h in outline.headings] == [1, 2, 1]


def test_roles_assigned(pack):
    text = ("一、坚持依法决策\n" + "全年八项重大决策全部经过合法性审查和集体讨论决定，决策目录公开。" * 3 + "\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n内容。\n"
            "三、存在的困难和不足\n内容。\n四、下一步工作计划\n内容。\n五、其他需要报告的情况\n无。\n")
    ctx = Context(Document.from_text(text), pack, Settings())
    roles = [sorted(s.roles) for s in ctx.outline.sections]
    assert roles == [["measures"], ["duty"], ["shortcomings"], ["plans"], ["other"]]


def test_role_heading_inside_measures_is_not_shortcomings(pack):
    text = "一、主要举措和成效\n（一）着力解决群众反映的突出问题，提升服务水平\n内容。\n"
    ctx = Context(Document.from_text(text), pack, Settings())
    assert ctx.sections("shortcomings") == []


@pytest.mark.parametrize("text,value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23),
                                        ("二〇二四", 2024)])
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize("value", range(1, 100))
def test_chinese_numerals_read_back(value):
    assert chinese_number(chinese_numeral(value)) == value


def test_a_numbered_heading_starts_only_with_what_the_outline_looks_for_first():
    """The outline skips the heading forms for a line whose first character is neither
    in _HEADING_FIRST nor a decimal digit: no form may match a line starting otherwise."""
    from lint.parse.outline import _HEADING_FIRST, _HEADING_FORMS

    endings = ["、标题", "）、标题", "）标题", ". 标题", "二）标题", "1）标题", "十、标题"]
    starting = {chr(code) for code in range(0x20, 0x10000) if not 0xD800 <= code <= 0xDFFF
                for ending in endings if any(form.match(chr(code) + ending) for _, form in _HEADING_FORMS)}
    assert starting and all(ch in _HEADING_FIRST or ch.isdecimal() for ch in starting)


def test_a_date_line_starts_only_with_what_the_signature_looks_for_first():
    from lint.parse.outline import _DATE_FIRST, DATE_FORMS

    endings = ["024年1月5日", "023-01-05", "〇二四年一月五日", "二四年十二月三十一日", "0240105"]
    starting = {chr(code) for code in range(0x20, 0x10000) if not 0xD800 <= code <= 0xDFFF
                for ending in endings if any(form.fullmatch(chr(code) + ending) for form in DATE_FORMS)}
    assert starting and all(ch in _DATE_FIRST or ch.isdecimal() for ch in starting)
