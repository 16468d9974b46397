from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.parse.document import Document
from lint.read.source import UnreadableInput, split_lines
from lint.read.text import decode_bytes

TEXT = "某市司法局2023年法治政府建设年度报告\n2023年，我局推进依法行政。\n一、主要举措\n"


@pytest.mark.parametrize("data,encoding,bom", [
    (TEXT.encode("utf-8"), "utf-8", False),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8", True),
    (TEXT.encode("gb18030"), "gb18030", False),
    (TEXT.encode("gbk"), "gb18030", False),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le", True),
])
def test_encodings_detected(data, encoding, bom):
    source = decode_bytes(data)
    assert (source.encoding, source.bom) == (encoding, bom)
    assert source.lines[1] == "2023年，我局推进依法行政。"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_give_same_lines(newline):
    source = decode_bytes(TEXT.replace("\n", newline).encode("gb18030"))
    assert source.lines[:3] == TEXT.split("\n")[:3]
    assert set(e for e in source.endings if e) == {newline}


def test_split_lines_round_trip():
    text = "a\r\nb\rc\n\nd"
    lines, endings = split_lines(text)
    assert lines == ["a", "b", "c", "", "d"]
    assert "".join(line + end for line, end in zip(lines, endings)) == text


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"  \n\n", "empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (bytes(range(0x80, 0x100)) * 4, "decode"),
])
def test_unreadable(data, reason):
    with pytest.raises(UnreadableInput) as info:
        decode_bytes(data)
    assert info.value.reason == reason


def test_columns_count_characters_not_bytes():
    doc = Document.from_text("第一行\n一二三四五")
    offset = doc.text.index("四")
    assert doc.position(offset) == (2, 4)


def test_folded_view_keeps_offsets():
    doc = Document.from_text("(一)全面貫徹,認真學習１２３")
    assert len(doc.folded) == len(doc.text)
    assert doc.folded == "（一）全面贯彻，认真学习123"


@pytest.fixture(params=["dict", "lists"])
def fold_tables(request, monkeypatch):
    """Fold and count with the dict (a few documents) and with the list tables (a batch)."""
    from lint.parse.fold import _Usage

    monkeypatch.setattr(_Usage, "documents", 0 if request.param == "dict" else 10**6)


@pytest.mark.parametrize("text", ["機關依法行政,公開透明(試行)", "𠁞字在基本平面之外，機關照常折疊", "", "plain ASCII"])
def test_the_folded_view_maps_every_character_by_the_table(text, fold_tables):
    from lint.parse.fold import fold, translation_table

    table = translation_table()
    assert fold(text) == "".join(chr(table.get(ord(ch), ord(ch))) for ch in text)
    assert len(fold(text)) == len(text)


# Traditional-only characters that GB 2312 can encode (the encoder passes them).
GB2312_TRADITIONAL = "乾吒夥後徵捱摺於榘甯菸薹醣麴麽"


@pytest.mark.parametrize("text", ["機關依法行政", "机关依法行政", "𠁞與機關", "", "机\0關", "2021—2025年，〇三号",
                                  "依法行政—機關", "〇", "😀依法行政", "乾坤", "GB2312 以外的简体字：䶮"])
def test_traditional_characters_are_counted_and_found_with_or_without_astral_ones(text, fold_tables):
    from lint.parse.fold import find_traditional, traditional_chars

    offsets = [i for i, ch in enumerate(text) if ch in traditional_chars()]
    assert find_traditional(text) == (len(offsets), offsets[0] if offsets else -1)


SAMPLE = "机关依法行政，—〇䶮😀\0abc機關與務堅,;:?!()\u3000．～－／\u00a0\u2009０９Ａｚ" + GB2312_TRADITIONAL


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(SAMPLE), max_size=40))
def test_a_simplified_text_folds_as_the_table_says(text):
    # A text without Traditional characters (but those GB 2312 has) is folded by a few
    # replacements; any text must fold as the table maps each character.
    from lint.parse.fold import _Usage, fold, translation_table

    table = translation_table()
    before = _Usage.documents
    try:
        for documents in (0, _Usage.LISTS_AFTER + 1):
            _Usage.documents = documents
            assert fold(text) == "".join(chr(table.get(ord(ch), ord(ch))) for ch in text), text
    finally:
        _Usage.documents = before


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(SAMPLE), max_size=40))
def test_the_traditional_count_is_the_characters_counted_one_by_one(text):
    # Simplified text is answered by GB 2312's encoder, Traditional by a translate:
    # both must give what counting each character gives.
    from lint.parse.fold import _traditional_in_gb2312, _Usage, find_traditional, traditional_chars

    assert set(_traditional_in_gb2312()) <= set(GB2312_TRADITIONAL)  # the sample covers them
    offsets = [i for i, ch in enumerate(text) if ch in traditional_chars()]
    before = _Usage.documents
    try:
        for documents in (0, _Usage.LISTS_AFTER + 1):  # with the dict, and with the lists
            _Usage.documents = documents
            assert find_traditional(text) == (len(offsets), offsets[0] if offsets else -1), text
    finally:
        _Usage.documents = before
