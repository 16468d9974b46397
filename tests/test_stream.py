"""Streamed output: every format written a file at a time is what the whole-run
rendering was, workers are kept a few batches ahead and no further, per-finding work
(fingerprints) is done only when the output or a baseline reads it, and -o is
replaced only by a run that ends well."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.findings import FileResult, Finding

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(*args):
    return CliRunner().invoke(main, ["check", "--isolated", *args])


@pytest.fixture
def drafts(tmp_path):
    """Twelve drafts in two folders (enough for workers), defective and clean."""
    sources = sorted(p for p in EXAMPLES.glob("*.*") if p.suffix in (".txt", ".md"))
    for i in range(12):
        source = sources[i % len(sources)]
        target = tmp_path / "drafts" / f"d{i % 2}" / f"{i:02d}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    return tmp_path / "drafts"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "gitlab"])
def test_every_format_is_the_same_from_workers_as_from_one_process(drafts, fmt):
    single = run("--no-cache", "--no-color", "--format", fmt, "-j", "1", str(drafts))
    multi = run("--no-cache", "--no-color", "--format", fmt, "-j", "2", str(drafts))
    assert single.exit_code == multi.exit_code == 1
    assert single.stdout == multi.stdout and len(single.stdout) > 1000


def finding(path="a.txt", line=1, fix=None, part="", message='引号"与\\反斜杠', rule="T301"):
    return Finding(path, line, 2, line, 3, rule, "warning", message, fix, "f" * 32, part)


def test_json_written_by_templates_is_what_json_dumps_writes():
    from lint.report.json_format import render

    fix = {"line": 1, "column": 2, "end_line": 1, "end_column": 3, "replacement": "，"}
    odd_fix = {"replacement": "x", "line": 2, "column": 1, "end_line": 2, "end_column": 2}  # keys in another order
    results = [FileResult("a.txt", [finding(fix=fix), finding(line=2, fix=odd_fix, part="footnote:1")]),
               FileResult("clean.txt", []), FileResult("名\udcff.txt", [finding("名\udcff.txt")])]
    expected = json.dumps([f.as_dict() for r in results for f in r.findings], ensure_ascii=False, indent=2) + "\n"
    assert render(results, "zh", {}) == expected
    assert render([FileResult("clean.txt", [])], "zh", {}) == "[]\n"


def test_sarif_and_junit_skeletons_hold_their_results(drafts):
    sarif = json.loads(run("--no-cache", "--format", "sarif", str(drafts)).stdout)
    results = sarif["runs"][0]["results"]
    assert results and all(r["partialFingerprints"]["reportlint/v1"] for r in results)
    root = ET.fromstring(run("--no-cache", "--format", "junit", str(drafts)).stdout.encode("utf-8"))
    suites = root.findall("testsuite")
    assert len(suites) == 12
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites) > 0
    empty = drafts.parent / "none"
    empty.mkdir()
    (empty / "not-a-draft.bin").write_bytes(b"\0")
    out = run("--no-cache", "--format", "sarif", str(empty))
    assert json.loads(out.stdout)["runs"][0]["results"] == []


def test_workers_are_kept_a_few_batches_ahead():
    from lint.workers import _in_order

    class Pool:
        submitted = 0

        def submit(self, fn, batch):
            Pool.submitted += 1
            done = type("Done", (), {"result": lambda self: [f"{n}" for n in batch]})
            return done()

    batches = [[i] for i in range(100)]
    read = 0
    for outcomes in _in_order(Pool(), batches, ahead=4):
        read += 1
        assert Pool.submitted - read <= 4  # never more than `ahead` batches unread
        assert outcomes == [str(read - 1)]
    assert read == 100


def test_fingerprints_are_made_only_when_read(tmp_path, monkeypatch):
    from lint.engine import Linter
    from lint.pack.files import default_rules_dir
    from lint.pack.load import load_pack

    pack = load_pack([default_rules_dir()])
    linter = Linter(pack, list(pack.rules.values()))
    linter.fingerprints = False
    result = linter.lint_path(EXAMPLES / "typography-defects.txt")
    assert result.findings and not any(f.fingerprint for f in result.findings)
    linter.fingerprints = True
    assert all(f.fingerprint for f in linter.lint_path(EXAMPLES / "typography-defects.txt").findings)


def test_a_cached_result_without_fingerprints_is_relinted_for_sarif(drafts, tmp_path):
    cache = str(tmp_path / "cache")
    fresh = run("--no-cache", "--format", "sarif", str(drafts)).stdout
    assert run("--cache-dir", cache, "--format", "json", str(drafts)).exit_code == 1  # stored without them
    cached = run("--cache-dir", cache, "--format", "sarif", str(drafts)).stdout
    assert cached == fresh


def test_output_file_is_replaced_only_by_a_run_that_ends_well(drafts, tmp_path):
    target = tmp_path / "report.json"
    target.write_text("earlier report\n", encoding="utf-8")
    bad_config = tmp_path / "bad.yaml"
    bad_config.write_text("rule-settings:\n  M204: {deadlines: {department: x-y}}\n", encoding="utf-8")
    failed = CliRunner().invoke(main, ["check", "--config", str(bad_config), "--no-cache", "--format", "json",
                                       "-o", str(target), str(drafts)])
    assert failed.exit_code == 2
    assert target.read_text(encoding="utf-8") == "earlier report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".reportlint-")] == []
    ok = run("--no-cache", "--format", "json", "-o", str(target), str(drafts))
    assert ok.exit_code == 1 and json.loads(target.read_text(encoding="utf-8"))


def test_a_baseline_is_applied_file_by_file_in_workers(drafts, tmp_path):
    baseline = tmp_path / "baseline.json"
    assert run("--no-cache", "--write-baseline", str(baseline), str(drafts)).exit_code == 0
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert recorded
    again = run("--no-cache", "-j", "2", "--format", "json", "--baseline", str(baseline), str(drafts))
    assert again.exit_code == 0 and json.loads(again.stdout) == []
