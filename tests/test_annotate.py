"""`reportlint annotate`: a copy of a Word draft whose comments are its findings."""
from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
import wordfixtures as wf
from click.testing import CliRunner

from lint.cli import main
from lint.read.office import converter

LINES = list(wf.REPORT)
LINES[3] = LINES[3].replace("，", ",", 1) + "  相关新闻"  # T301, T304 and H402 in the opening


def run(*args):
    return CliRunner().invoke(main, ["annotate", "--isolated", *args])


def findings(path):
    import json

    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--format", "json", str(path)])
    return json.loads(result.output)


def comments(path):
    return [(c.author, c.text) for c in docx.Document(str(path)).comments]


@pytest.fixture
def draft(tmp_path):
    return wf.save(wf.published_parts(LINES), tmp_path / "报告.docx")


def test_the_comments_are_the_findings_and_the_original_is_untouched(draft, tmp_path):
    before = draft.read_bytes()
    result = run(str(draft), "-o", str(tmp_path / "报告-审阅.docx"))
    assert result.exit_code == 0, result.output
    assert draft.read_bytes() == before
    found = findings(draft)
    written = comments(tmp_path / "报告-审阅.docx")
    assert len(written) == len(found) >= 5 and {author for author, _ in written} == {"reportlint"}
    assert sorted(text.split(" ", 1)[0] for _, text in written) == sorted(f["rule"] for f in found)
    assert any("页眉：" in text for _, text in written) and any("修改为：“，”" in text for _, text in written)


def test_a_comment_is_anchored_on_its_span(draft, tmp_path):
    target = tmp_path / "out.docx"
    run(str(draft), "-o", str(target))
    document = docx.Document(str(target))
    paragraph = document.paragraphs[3]
    assert paragraph.text == LINES[3]  # splitting runs changed no text
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    start = next(paragraph._p.iter(f"{ns}commentRangeStart"))
    anchored = []
    for element in start.itersiblings():
        if element.tag == f"{ns}commentRangeEnd":
            break
        anchored += [t.text for t in element.iter(f"{ns}t")]
    assert "".join(anchored) in (",", "  ", "相关新闻")


def test_annotating_again_does_not_stack_comments(draft, tmp_path):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    run(str(draft), "-o", str(first))
    run(str(first), "-o", str(second))
    assert comments(second) == comments(first)
    assert findings(first) == findings(draft) or [f["rule"] for f in findings(first)] == [
        f["rule"] for f in findings(draft)]  # its own comments are not findings


def test_default_name_and_directory_form(tmp_path):
    folder = tmp_path / "drafts"
    (folder / "sub").mkdir(parents=True)
    wf.save(wf.tracked(), folder / "甲.docx")
    wf.save(wf.commented(), folder / "sub" / "乙.docx")
    (folder / "说明.txt").write_text("不是 Word 文件。\n", encoding="utf-8")
    assert run(str(folder / "甲.docx")).exit_code == 0
    assert (folder / "甲-审阅.docx").is_file()
    out = tmp_path / "reviewed"
    assert run(str(folder), "-o", str(out)).exit_code == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")) == ["sub/乙-审阅.docx", "甲-审阅.docx"]
    assert not (out / "甲-审阅-审阅.docx").exists()


def test_nothing_to_annotate_is_exit_2(tmp_path):
    text = tmp_path / "r.txt"
    text.write_text("正文。\n", encoding="utf-8")
    result = run(str(text))
    assert result.exit_code == 2 and ".docx" in result.output


@pytest.mark.skipif(converter() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_annotated_copy(draft, tmp_path):
    target = tmp_path / "out.docx"
    run(str(draft), "-o", str(target))
    shutil.copy(target, tmp_path / "copy.docx")
    done = subprocess.run([converter(), "--headless", "--norestore", f"-env:UserInstallation={tmp_path.as_uri()}/p",
                           "--convert-to", "odt", "--outdir", str(tmp_path / "odt"), str(tmp_path / "copy.docx")],
                          capture_output=True, timeout=180)
    assert done.returncode == 0 and (tmp_path / "odt" / "copy.odt").stat().st_size > 1000
