"""Word drafts: paragraphs as lines (tables included), the seeds' findings, broken and hostile files."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.engine import Linter
from lint.read.source import UnreadableInput
from lint.read.word import read_docx

SEEDS_DOCX = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "seeds-docx"


def make_docx(path: Path, paragraphs, table=None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
        document.add_paragraph("表后段落")
    document.save(path)
    return path


def key(findings):
    return [(f.line, f.column, f.end_line, f.end_column, f.rule, f.message) for f in findings]


def test_paragraphs_are_lines_and_tables_are_read_in_order(tmp_path):
    path = make_docx(tmp_path / "r.docx", ["标题", "", "正文,第三段"], table=[["甲", "乙"], ["丙", "丁"]])
    assert read_docx(path).lines == ["标题", "", "正文,第三段", "甲", "乙", "丙", "丁", "表后段落"]


def test_docx_and_txt_of_the_same_report_give_the_same_findings(pack, tmp_path):
    text = (Path(__file__).resolve().parent.parent / "examples" / "typography-defects.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    linter = Linter(pack, list(pack.rules.values()))
    from_docx = linter.lint_path(make_docx(tmp_path / "r.docx", lines)).findings
    txt = tmp_path / "r.txt"
    txt.write_text(text, encoding="utf-8")
    assert key(from_docx) == [k for k in key(linter.lint_path(txt).findings)]
    assert len(from_docx) > 10


@pytest.mark.skipif(not SEEDS_DOCX.is_dir(), reason="../shared/corpus/seeds-docx is not present")
@pytest.mark.parametrize("name", sorted(p.stem for p in SEEDS_DOCX.glob("*.docx")) if SEEDS_DOCX.is_dir() else [])
def test_seed_docx_findings_equal_the_txt_findings(pack, name):
    linter = Linter(pack, list(pack.rules.values()))
    from_docx = key(linter.lint_path(SEEDS_DOCX / f"{name}.docx").findings)
    from_txt = key(linter.lint_path(SEEDS_DOCX.parent / "seeds" / f"{name}.txt").findings)
    assert from_docx == from_txt and from_docx


@pytest.mark.parametrize("content", [b"plain text pretending", b"PK\x03\x04 broken zip", b""])
def test_a_non_word_file_named_docx_is_e001(pack, tmp_path, content):
    path = tmp_path / "fake.docx"
    path.write_bytes(content)
    findings = Linter(pack, list(pack.rules.values())).lint_path(path).findings
    assert [(f.rule, f.line) for f in findings] == [("E001", 1)]


def test_a_zip_without_a_document_is_e001(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableInput):
        read_docx(path)


def _with_document_xml(path: Path, xml: bytes) -> Path:
    buffer = io.BytesIO()
    make_docx(path, ["正文"])
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = xml if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    return path


def test_xxe_docx_is_refused_without_reading_the_entity(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>').encode()
    path = _with_document_xml(tmp_path / "xxe.docx", xml)
    with pytest.raises(UnreadableInput) as info:
        read_docx(path)
    assert "DTD" in info.value.detail


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_dtd_declared_in_another_encoding_is_refused_too(tmp_path, encoding):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    xml = (f'<?xml version="1.0" encoding="{encoding.upper()}"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>').encode(encoding)
    path = _with_document_xml(tmp_path / "xxe16.docx", xml)
    with pytest.raises(UnreadableInput) as info:
        read_docx(path)
    assert "SECRET" not in str(info.value.detail)


def test_zip_bomb_is_refused_quickly(tmp_path):
    import time

    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    bomb = body + b" " * (80 * 1024 * 1024)  # 80 MB of blanks compress to ~80 KB
    path = _with_document_xml(tmp_path / "bomb.docx", bomb)
    assert path.stat().st_size < 1024 * 1024
    start = time.monotonic()
    with pytest.raises(UnreadableInput) as info:
        read_docx(path)
    assert time.monotonic() - start < 5
    assert "limit" in info.value.detail or "exceeds" in info.value.detail


def test_fix_says_it_does_not_rewrite_docx(tmp_path):
    path = make_docx(tmp_path / "r.docx", ["2024年,我局推进依法行政。"])
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["check", "--fix", "--select", "T301", str(path)])
    assert "docx" in result.output and "T301" in result.output
    assert path.read_bytes() == before


def test_directories_include_docx_but_not_word_lock_files(tmp_path):
    from lint.read.discover import discover

    make_docx(tmp_path / "a.docx", ["正文"])
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    assert [p.name for p in discover([tmp_path])] == ["a.docx"]
