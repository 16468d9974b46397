"""Other office formats: converted by LibreOffice when it is installed, else refused
with the advice to save as .docx; never read as text, never skipped in silence."""
from __future__ import annotations

import shutil
import subprocess

import pytest
import wordfixtures as wf
from click.testing import CliRunner

import lint.read.office
from lint.cli import main
from lint.read.office import converter


def check(*args):
    return CliRunner().invoke(main, ["check", "--isolated", "--no-cache", *args])


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".odt", ".rtf"])
def test_without_libreoffice_each_format_is_e001_with_the_advice(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(lint.read.office, "converter", lambda: None)
    draft = tmp_path / f"报告{suffix}"
    draft.write_bytes(b"{\\rtf1\\ansi hello}" if suffix == ".rtf" else b"\xd0\xcf\x11\xe0" + bytes(600))
    result = check(str(draft))
    assert result.exit_code == 1
    assert f"{draft}:1:1: E001" in result.output and "另存为” .docx" in result.output
    assert "S110" not in result.output  # not read as text


def test_a_folder_of_unreadable_drafts_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(lint.read.office, "converter", lambda: None)
    for name in ("甲.doc", "乙.wps"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))
    result = check(str(tmp_path))
    assert "共检查 0 个文件" in result.output and "另有 2 个文件无法读取" in result.output
    assert "甲.doc" in result.output and "乙.wps" in result.output
    assert "没有检查任何文件" in result.stderr


def test_an_empty_folder_says_nothing_was_checked(tmp_path):
    result = check(str(tmp_path))
    assert result.exit_code == 0 and "没有检查任何文件" in result.stderr


needs_libreoffice = pytest.mark.skipif(converter() is None, reason="LibreOffice (soffice) is not installed")


def _saved_by_libreoffice(tmp_path, target: str):
    """The report with automatic numbering, saved by LibreOffice in another format."""
    source = wf.save(wf.auto_numbered(), tmp_path / "报告.docx")
    out = tmp_path / "out"
    subprocess.run([converter(), "--headless", "--norestore", f"-env:UserInstallation={tmp_path.as_uri()}/p",
                    "--convert-to", target, "--outdir", str(out), str(source)], capture_output=True, timeout=180)
    return out / f"报告.{target}"


@needs_libreoffice
@pytest.mark.parametrize("target", ["odt", "doc"])
def test_converted_drafts_are_read_like_the_docx(tmp_path, target):
    converted = _saved_by_libreoffice(tmp_path, target)
    before = converted.read_bytes()
    result = check(str(converted))
    assert result.exit_code == 0, result.output
    assert "✓主要举措和成效 ✓存在的不足和原因" in result.output
    assert converted.read_bytes() == before and sorted(p.name for p in converted.parent.iterdir()) == [converted.name]


@needs_libreoffice
def test_an_rtf_is_converted_not_read_as_text(tmp_path):
    """LibreOffice's own RTF writer loses the 、 of a list template (it becomes ?), so
    only the text is compared: no RTF control word reaches the rules."""
    result = check("--select", "H401,S101,E001", str(_saved_by_libreoffice(tmp_path, "rtf")))
    assert result.exit_code == 0 and "✓" not in result.output.split("\n")[0]


@needs_libreoffice
def test_a_damaged_file_gets_an_answer(tmp_path):
    """LibreOffice imports what it cannot parse as plain text: the damage is then reported."""
    draft = tmp_path / "坏.doc"
    draft.write_bytes(b"\xd0\xcf\x11\xe0 not really a document")
    result = check(str(draft))
    assert result.exit_code == 1 and ("E001" in result.output or "H404" in result.output)


def test_a_conversion_that_fails_is_e001(tmp_path, monkeypatch):
    monkeypatch.setattr(lint.read.office, "converter", lambda: shutil.which("false") or "/bin/false")
    draft = tmp_path / "报告.odt"
    draft.write_bytes(b"PK\x03\x04" + bytes(100))
    result = check(str(draft))
    assert "E001" in result.output and "转换为 .docx 失败" in result.output
