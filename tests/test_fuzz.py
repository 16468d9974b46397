"""Properties over random and plausible input: no exception escapes, positions are valid.

The default example count is modest for CI; set REPORTLINT_FUZZ_EXAMPLES for a deeper run.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.engine import Linter
from lint.fix import fix_document
from lint.pack.files import default_rules_dir
from lint.pack.load import load_pack
from lint.parse.document import Document
from lint.read.source import UnreadableInput
from lint.read.text import decode_bytes

PACK = load_pack([default_rules_dir()])
LINTER = Linter(PACK, list(PACK.rules.values()))
EXAMPLES = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = ["一、主要举措和成效", "（一）夯实责任。一是学习。", "(二)規範執法", "1.条目", "（1）细项",
          "二、存在的不足和原因", "三、下一步工作安排", "四、其他需要报告的情况", "无。", "暂无",
          "2023年法治政府建设年度报告", "市政府：", "某市司法局", "2024年2月5日", "二〇二四年一月十日",
          "局长某某同志作为第一责任人。", "《党政主要负责人履行推进法治建设第一责任人职责规定》",
          "更多精彩", "\u3000\u3000正文。", "", " ", "\ufeff", "\u2028", "\x00", "\u200b", "。。", "《", "》",
          "2021-2025年", "(2021-2025)", "?,F", "<br>", "中 文", "1,000", "http://a.cn/x,y", "法制宣传教育",
          "》、《", "”、“", "一是", "三是", "，，", "（", "）", "13812345678", "&nbsp;", " 2021 年 "]


def check_positions(text: str, findings) -> None:
    try:
        lines = decode_bytes(text.encode("utf-8")).lines
    except UnreadableInput:
        assert [(f.rule, f.line, f.column) for f in findings] == [("E001", 1, 1)]
        return
    for f in findings:
        assert 1 <= f.line <= len(lines), f
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        assert (f.end_line, f.end_column) >= (f.line, f.column), f


@FUZZ
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_random_text(text):
    result = LINTER.lint_text(text)
    check_positions(text, result.findings)
    assert result.findings == LINTER.lint_text(text).findings


HUGE_LINE = st.integers(2_000, 40_000).map(lambda n: "我局推进依法行政,（一）一是 2021-2025年。" * (n // 25))


@FUZZ
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=30) | HUGE_LINE, max_size=40),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_plausible_reports(pieces, newline):
    text = newline.join(pieces)
    check_positions(text, LINTER.lint_text(text).findings)


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes_decode_or_refuse(data):
    try:
        source = decode_bytes(data)
    except UnreadableInput as exc:
        assert exc.reason in {"empty", "binary", "decode"}
    else:
        assert len(source.lines) == len(source.endings)


@FUZZ
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=30),
       st.sampled_from(["", "\n", "，", "\r\n"]))
def test_fix_is_complete_and_idempotent(pieces, glue):
    doc = Document.from_text(glue.join(pieces))
    fixed, _, result = fix_document(LINTER, doc, unsafe=True)
    assert not [f for f in result.findings if f.fix], result.findings
    assert len(fixed.lines) == len(doc.lines)
    again, applied, _ = fix_document(LINTER, fixed, unsafe=True)
    assert applied == 0 and again.lines == fixed.lines
    safe, _, left = fix_document(LINTER, doc)
    assert not [f for f in left.findings if f.fix and f.rule != "H407"]
