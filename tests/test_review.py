"""`reportlint review`: a record for every report (clean and unreadable ones too), whose
cells agree with `check`; JSON, CSV (BOM), XLSX (frozen header, filters, a findings
sheet) and a self-contained HTML page tested in headless Chromium."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def reports(tmp_path):
    """The examples, the seeds when ../shared is there, and a file that cannot be read."""
    folder = tmp_path / "reports"
    shutil.copytree(EXAMPLES, folder)
    if SEEDS.is_dir():
        shutil.copytree(SEEDS, folder / "seeds")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def records(*args) -> list[dict]:
    result = run("review", "--isolated", "--no-cache", "--format", "json", *args)
    assert result.exit_code in (0, 1) and isinstance(result.exception, (SystemExit, type(None))), result.output
    return json.loads(result.stdout)


def test_every_report_has_a_record_whose_cells_agree_with_check(reports):
    from lint.engine import Linter
    from lint.pack.files import default_rules_dir
    from lint.pack.load import load_pack

    found = records(str(reports))
    checked = json.loads(run("check", "--isolated", "--no-cache", "--format", "json", str(reports)).stdout)
    assert len(found) == len(list(p for p in reports.rglob("*") if p.suffix in (".txt", ".md", ".docx")))
    pack = load_pack([default_rules_dir()])
    linter = Linter(pack, list(pack.rules.values()))
    for record in found:
        mine = [f for f in checked if f["path"] == record["path"]]
        assert record["counts"] == {s: sum(f["severity"] == s for f in mine) for s in ("error", "warning", "info")}
        assert [(f["line"], f["rule"]) for f in record["findings"]] == [(f["line"], f["rule"]) for f in mine]
        statuses = [status for _, status in linter.lint_path(Path(record["path"])).checklist] or ["unchecked"] * 5
        assert [p["status"] for p in record["parts"]] == statuses  # an unread report: not checked
        assert [p["part"] for p in record["parts"]] == [part.role for part in pack.parts]
    clean = next(r for r in found if r["path"].endswith("complete-report.txt"))
    assert clean["counts"] == {"error": 0, "warning": 0, "info": 0} and clean["findings"] == []
    assert (clean["unit"], clean["year"], clean["signed"], clean["deadline"], clean["deadline_status"]) == \
        ("某市自然资源局", 2023, "2024-02-06", "2024-03-01", "on_time")
    unread = next(r for r in found if r["path"].endswith("empty.txt"))
    assert unread["read"] is False and unread["unread_reason"]
    early = next(r for r in found if r["path"].endswith("missing-parts.txt"))
    assert early["deadline_status"] == "before_year_end"
    assert [p["status"] for p in early["parts"]].count("missing") == 4


@pytest.mark.parametrize("signed,reporter,status,days", [
    ("2024年3月11日", "department", "late", 10), ("2024年3月11日", "government", "on_time", None),
    ("2023年12月30日", "department", "before_year_end", None), (None, "department", "unknown", None)])
def test_deadline_status(tmp_path, signed, reporter, status, days):
    text = (EXAMPLES / "complete-report.txt").read_text(encoding="utf-8")
    text = text.replace("2024年2月6日", signed) if signed else text.replace("2024年2月6日", "")
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    (record,) = records("--reporter", reporter, str(draft))
    assert (record["deadline_status"], record["days_late"]) == (status, days)


def test_csv_opens_in_excel_as_utf8(reports, tmp_path):
    target = tmp_path / "review.csv"
    assert run("review", "--isolated", "--no-cache", "-o", str(target), str(reports)).exit_code == 1
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["报告", "单位", "年度"] and len(rows) == len(records(str(reports))) + 1
    clean = next(row for row in rows if row[0].endswith("complete-report.txt"))
    assert clean[5:10] == ["Y"] * 5 and clean[-2] == "Y"


def test_xlsx_has_the_matrix_and_the_findings(reports, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "review.xlsx"
    assert run("review", "--isolated", "--no-cache", "-o", str(target), str(reports)).exit_code == 1
    book = load_workbook(target)
    matrix, findings = book.worksheets
    assert matrix.title == "报告一览" and matrix.freeze_panes == "A2" and matrix.auto_filter.ref.startswith("A1:")
    found = records(str(reports))
    assert matrix.max_row == len(found) + 1
    assert findings.max_row == sum(len(r["findings"]) for r in found) + 1 and findings.freeze_panes == "A2"
    missing = next(row for row in matrix.iter_rows(values_only=True) if str(row[0]).endswith("missing-parts.txt"))
    assert list(missing[5:10]).count("✗") == 4
    assert run("review", "--isolated", "--format", "xlsx", str(reports)).exit_code == 2  # not to a terminal


def test_text_matrix_in_english():
    result = run("review", "--isolated", "--no-cache", "--lang", "en", str(EXAMPLES))
    lines = result.stdout.splitlines()
    assert lines[0].startswith("required parts: 1.") and lines[1].split()[:2] == ["report", "unit"]
    assert len(lines) == 2 + 5 + 1 and "defective" in lines[-1]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def dom(browser: str, page: Path, fragment: str = "") -> str:
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                           page.as_uri() + fragment], capture_output=True, text=True, timeout=120)
    return done.stdout


@pytest.mark.skipif(chromium() is None, reason="no Chromium installed (.ci/run installs Debian's chromium)")
def test_the_page_opens_in_chromium_and_filters_defective_reports(reports, tmp_path):
    import re

    page = tmp_path / "review.html"
    assert run("review", "--isolated", "--no-cache", "-o", str(page), str(reports)).exit_code == 1
    source = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", source)  # nothing from the network
    browser = chromium()
    found = records(str(reports))
    defective = [r for r in found if r["counts"]["error"] or not r["read"]
                 or any(p["status"] == "missing" for p in r["parts"])
                 or r["deadline_status"] in ("late", "before_year_end")]
    plain = dom(browser, page)
    assert '<table id="matrix">' in plain or 'id="matrix" class=""' in plain
    assert plain.count("<tbody") == len(found) and plain.count('class="report"') == len(found)
    filtered = dom(browser, page, "#only-defective")
    assert re.search(r'<table id="matrix" class="only-defective">', filtered)  # the script ran: the filter is on
    assert filtered.count('class="defective"') == len(defective) < len(found)
    assert 'id="only-defective" checked' in filtered or "checked" in filtered.split('id="only-defective"')[0][-60:] \
        or re.search(r'<input[^>]*id="only-defective"', filtered)
    shot = tmp_path / "review.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,900",
                    f"--screenshot={shot}", page.as_uri() + "#only-defective"], capture_output=True, timeout=120)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("REPORTLINT_ARTIFACTS"):
        shutil.copy(shot, Path(os.environ["REPORTLINT_ARTIFACTS"]) / "review.png")


@pytest.mark.parametrize("name", ["review.xlsx", "review.html", "review.csv"])
def test_a_review_to_a_folder_that_does_not_exist_is_exit_2_in_one_line(tmp_path, name):
    result = run("review", "--isolated", "--no-cache", "-o", str(tmp_path / "missing" / name), str(EXAMPLES))
    assert result.exit_code == 2 and "cannot write the review" in result.output and result.output.count("\n") == 1


def test_a_file_name_that_is_not_utf8_reaches_every_review_format(tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    name = os.fsdecode(b"bad\xff\nname.txt")
    shutil.copy(EXAMPLES / "missing-parts.txt", folder / name)
    for suffix in ("xlsx", "html", "csv", "json"):
        result = run("review", "--isolated", "--no-cache", "-o", str(tmp_path / f"r.{suffix}"), str(folder))
        assert result.exit_code == 1 and isinstance(result.exception, (SystemExit, type(None))), (suffix, result.output)
        assert (tmp_path / f"r.{suffix}").stat().st_size > 0
