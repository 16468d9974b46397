"""Published reports: a report printed to PDF, and a portal page holding a report, give
the same S/M findings as the report's text; running headers, footers and page numbers
are dropped; a scan without a text layer is E001 that says so."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REPORTS = ["complete-report.txt", "missing-parts.txt", "typography-defects.txt"]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed to print PDFs")


def findings(path: Path, select: str = "S,M") -> list[dict]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--format", "json", "--select", select,
                                       str(path)])
    assert result.exit_code in (0, 1) and isinstance(result.exception, (SystemExit, type(None))), result.output
    return json.loads(result.stdout)


def structural(found: list[dict]) -> list[tuple[str, str]]:
    """(rule, message) without the page a PDF finding names: what the report lacks."""
    return sorted((f["rule"], re.sub(r"（第\d+页）$", "", f["message"])) for f in found)


def print_to_pdf(source: Path, folder: Path) -> Path:
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   capture_output=True, timeout=180, check=True)
    return folder / (source.stem + ".pdf")


@needs_libreoffice
@pytest.mark.parametrize("name", REPORTS)
def test_a_report_printed_to_pdf_gives_the_findings_of_its_text(tmp_path, name):
    pdf = print_to_pdf(EXAMPLES / name, tmp_path)
    from_pdf, from_text = findings(pdf), findings(EXAMPLES / name)
    assert structural(from_pdf) == structural(from_text)
    assert all(re.search(r"（第\d+页）$", f["message"]) for f in from_pdf)


@needs_libreoffice
def test_running_headers_footers_and_page_numbers_are_dropped(tmp_path):
    from docx import Document as Docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    draft = Docx()
    draft.sections[0].header.paragraphs[0].text = "某市自然资源局文件"
    footer = draft.sections[0].footer.paragraphs[0]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    footer._p.append(field)
    text = (EXAMPLES / "complete-report.txt").read_text(encoding="utf-8").split("\n")
    paragraphs = [line for line in text if line.strip()]
    filler = "全年组织执法人员参加法律知识培训四期，开展行政执法案卷评查两次，发现的问题全部整改到位。" * 6
    body = paragraphs[:4] + [filler] * 12 + paragraphs[4:]
    for line in body:
        draft.add_paragraph(line)
    source = tmp_path / "long.docx"
    draft.save(source)
    pdf = print_to_pdf(source, tmp_path)
    from lint.read.pdf import read_pdf

    read = read_pdf(pdf.read_bytes())
    pages = [int(m.detail) for m in read.marks if m.kind == "page"]
    assert max(pages) >= 2 and pages == sorted(pages)
    assert "某市自然资源局文件" not in read.lines and not any(re.fullmatch(r"\d+", line) for line in read.lines)
    assert read.lines == body  # every paragraph whole, across line wraps and page breaks


def test_a_pdf_without_text_is_unreadable_and_says_it_is_a_scan(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
                     b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
                     b"trailer<</Root 1 0 R>>\n%%EOF\n")
    (found,) = findings(scan, "E")
    assert found["rule"] == "E001" and "扫描件" in found["message"]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot a pdf at all")
    (found,) = findings(broken, "E")
    assert found["rule"] == "E001" and "PDF" in found["message"]


def portal_page(report: Path, encoding: str = "gb2312") -> bytes:
    lines = [line for line in report.read_text(encoding="utf-8").split("\n") if line.strip()]
    title, body = lines[0], lines[1:]
    paragraphs = "".join(f"<p>{line}</p>\n" for line in body)
    page = (f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">'
            f"<title>{title}_某区人民政府门户网站</title></head><body>\n"
            '<div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | 无障碍浏览</div>\n'
            '<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>\n'
            f'<div class="article"><h1>{title}</h1>\n<div class="info">发布时间：2024-02-20 浏览次数：128</div>\n'
            f'<div class="content">\n{paragraphs}</div>\n<div class="tools">【打印本页】【关闭窗口】</div></div>\n'
            '<div class="related"><h3>相关新闻</h3><ul><li><a href="/a1">区司法局召开法治建设推进会</a></li>'
            '<li><a href="/a2">我区开展宪法宣传周活动</a></li></ul></div>\n'
            '<div class="footer">主办单位：某区人民政府办公室 网站标识码：1234567890</div>\n</body></html>\n')
    return page.encode("gb18030" if encoding == "gb2312" else encoding)


@pytest.mark.parametrize("name", REPORTS)
def test_a_portal_page_gives_the_findings_of_the_report_it_holds(tmp_path, name):
    page = tmp_path / (Path(name).stem + ".html")
    page.write_bytes(portal_page(EXAMPLES / name))
    assert structural(findings(page)) == structural(findings(EXAMPLES / name))
    # the portal's own links and buttons are not remains; remains inside the article still are
    assert structural(findings(page, "H402,M206")) == structural(findings(EXAMPLES / name, "H402,M206"))


def _stalling_pdfminer(monkeypatch, seconds_per_page: float, pages: int):
    """pdfminer as a hostile PDF makes it: each page takes `seconds_per_page`."""
    import pdfminer.high_level

    import lint.limits

    def extract_pages(*args, **kwargs):
        for _ in range(pages):
            time.sleep(seconds_per_page)
            yield []

    monkeypatch.setattr(pdfminer.high_level, "extract_pages", extract_pages)
    monkeypatch.setattr(lint.limits, "READ_TIMEOUT", 0.5)


def test_a_pdf_page_that_stalls_the_parser_is_e001_within_the_time_limit(tmp_path, monkeypatch):
    _stalling_pdfminer(monkeypatch, seconds_per_page=60, pages=1)
    stalled = tmp_path / "stalled.pdf"
    stalled.write_bytes(b"%PDF-1.4\n")
    started = time.monotonic()
    (found,) = findings(stalled, "E")
    assert time.monotonic() - started < 10
    assert found["rule"] == "E001" and "读取超过时限" in found["message"]


def test_outside_the_main_thread_the_limit_holds_between_pages(monkeypatch):
    from lint.read.pdf import read_pdf
    from lint.read.source import UnreadableInput

    _stalling_pdfminer(monkeypatch, seconds_per_page=0.1, pages=200)
    outcome = []

    def read():
        try:
            read_pdf(b"%PDF-1.4\n")
        except UnreadableInput as exc:
            outcome.append(exc.reason)

    worker = threading.Thread(target=read)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive() and outcome == ["timeout"]
