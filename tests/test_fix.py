"""Fix mode: each fixable rule's own fix examples, and the promises made to a draft's only copy."""
from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner

from lint.cli import main
from lint.engine import Linter
from lint.fix import FixRefused, apply_edits, fix_document, write_atomic
from lint.pack.files import default_rules_dir
from lint.pack.load import load_pack
from lint.parse.document import Document

PACK = load_pack([default_rules_dir()])
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FIX_CASES = [(rule.id, i) for rule in PACK.rules.values() for i in range(len(rule.examples["fix"]))]
PUNCT_OR_SPACE = regex.compile(r"[\p{P}\p{Z}\s]")


def fixed_text(text: str, rule_ids, unsafe: bool = True) -> str:
    linter = Linter(PACK, [PACK.rules[r] for r in rule_ids])
    doc, _, _ = fix_document(linter, Document.from_text(text), unsafe)
    return "\n".join(doc.lines)


@pytest.mark.parametrize("rule_id,index", FIX_CASES, ids=[f"{r}-fix{i}" for r, i in FIX_CASES])
def test_fix_example(rule_id, index):
    before, after = PACK.rules[rule_id].examples["fix"][index]
    assert fixed_text(before, [rule_id]) == after
    assert fixed_text(after, [rule_id]) == after  # a second fix changes nothing


def test_every_fixable_rule_has_a_fix_example_and_the_contract_ones_are_fixable():
    from lint.checks import KINDS

    fixable = {r.id for r in PACK.rules.values() if KINDS[r.check].fixable(r.params)}
    assert {"T301", "T303", "T304", "T310", "T311", "H407"} <= fixable
    for rule_id in fixable:
        assert PACK.rules[rule_id].examples["fix"], rule_id


def test_an_unsafe_fix_waits_for_unsafe_fixes():
    text = "注重法制宣传教育。"
    assert fixed_text(text, ["H407"], unsafe=False) == text
    assert fixed_text(text, ["H407"]) == "注重法治宣传教育。"


def test_overlapping_edits_apply_the_first_and_leave_the_rest():
    lines = ["abcdef"]
    edits = [
        {"line": 1, "column": 2, "end_line": 1, "end_column": 4, "replacement": "X"},
        {"line": 1, "column": 3, "end_line": 1, "end_column": 5, "replacement": "Y"},  # overlaps the first
        {"line": 1, "column": 6, "end_line": 1, "end_column": 7, "replacement": "Z"},
    ]
    new, applied = apply_edits(lines, edits)
    assert (new, applied) == (["aXdeZ"], 2)


def test_identical_edits_from_two_rules_count_once():
    edit = {"line": 1, "column": 1, "end_line": 1, "end_column": 2, "replacement": "（"}
    assert apply_edits(["(一)"], [edit, dict(edit)]) == (["（一)"], 1)


def test_fixed_findings_do_not_come_back():
    text = "2021 年,我局推进“放管服”、“一网通办”(试点)。。落实《纲要（2021-2025年）》，注重法制宣传教育。"
    linter = Linter(PACK, list(PACK.rules.values()))
    doc, applied, result = fix_document(linter, Document.from_text(text), unsafe=True)
    assert applied >= 8
    assert not [f for f in result.findings if f.fix]
    assert result.findings == linter.lint_document(doc).findings


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_gb18030_crlf_report_survives_two_fixes(tmp_path):
    """The issue's acceptance test: encoding, line ends, idempotence, only punctuation and spaces change."""
    draft = tmp_path / "draft.txt"
    shutil.copy(EXAMPLES / "traditional-gb18030.txt", draft)
    original = draft.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        original.decode("utf-8")
    assert original.count(b",") > 10 and b"\r\n" in original

    first = run("check", "--fix", str(draft))
    assert "T301" not in first.output
    once = draft.read_bytes()
    assert once != original
    text_before, text_after = original.decode("gb18030"), once.decode("gb18030")  # still GB18030
    assert text_after.count("\r\n") == text_before.count("\r\n")
    assert text_after.replace("\r\n", "").count("\n") == 0 and "\r" not in text_after.replace("\r\n", "")
    assert PUNCT_OR_SPACE.sub("", text_before) == PUNCT_OR_SPACE.sub("", text_after)
    assert "，" in text_after and "," not in text_after.split("\r\n", 3)[3]

    run("check", "--fix", str(draft))
    assert draft.read_bytes() == once  # the second run changed no byte


def test_fix_keeps_bom_permissions_and_leaves_no_temporary_file(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_bytes(b"\xef\xbb\xbf" + "2024年,我局推进依法行政。\n".encode())
    draft.chmod(0o640)
    run("check", "--fix", str(draft))
    assert draft.read_bytes() == b"\xef\xbb\xbf" + "2024年，我局推进依法行政。\n".encode()
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]


def test_fix_through_a_symlink_rewrites_the_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("2024年,我局推进依法行政。\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run("check", "--fix", str(link))
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "2024年，我局推进依法行政。\n"


def test_diff_prints_and_writes_nothing(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("2024年,我局推进依法行政。\n", encoding="utf-8")
    before = draft.read_bytes()
    result = run("check", "--diff", str(draft))
    assert result.exit_code == 1
    assert "-2024年,我局" in result.output and "+2024年，我局" in result.output
    assert draft.read_bytes() == before
    clean = tmp_path / "clean.txt"
    clean.write_text("2024年，我局推进依法行政。\n", encoding="utf-8")
    assert run("check", "--diff", str(clean)).exit_code == 0


def test_findings_left_after_fixing_set_the_exit_code(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("2024年,我局推进依法行政<br>。\n", encoding="utf-8")
    result = run("check", "--fix", "--select", "T301,H401", "--format", "json", str(draft))
    assert result.exit_code == 1
    assert "H401" in result.output and "T301" not in result.output
    assert draft.read_text(encoding="utf-8") == "2024年，我局推进依法行政<br>。\n"


def test_a_file_changed_meanwhile_is_not_overwritten(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("甲", encoding="utf-8")
    stale = ((0, 0, 1, 0, 0), "甲".encode())  # an identity that no longer holds
    with pytest.raises(FixRefused):
        write_atomic(draft, "乙".encode(), expected=stale)
    assert draft.read_text(encoding="utf-8") == "甲"
    assert os.listdir(tmp_path) == ["draft.txt"]


def test_an_interrupted_write_leaves_the_draft_untouched(tmp_path, interrupted_draft):
    draft = interrupted_draft
    before = draft.read_bytes()
    with pytest.raises(KeyboardInterrupt):
        write_atomic(draft, "改过的内容".encode())
    assert draft.read_bytes() == before
    assert os.listdir(tmp_path) == ["draft.txt"]


def _words(text: str) -> str:
    """The text without punctuation and white space: what a safe fix must not change."""
    import unicodedata

    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch).startswith("P")))


def _corpus():
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent
    seeds = here.parent / "shared" / "corpus" / "seeds"
    return sorted((here / "examples").glob("*.txt")) + sorted((here / "examples").glob("*.md")) + (
        sorted(seeds.glob("*.txt")) if seeds.is_dir() else [])


def test_safe_fixes_change_only_punctuation_and_spaces(tmp_path):
    from lint.fix import fix_path

    changed = 0
    for source in _corpus():
        draft = tmp_path / source.name
        draft.write_bytes(source.read_bytes())
        outcome = fix_path(Linter(PACK, list(PACK.rules.values())), draft, write=False)
        if outcome.changed:
            changed += 1
            before, after = "\n".join(outcome.before.lines), "\n".join(outcome.after.lines)
            assert _words(before) == _words(after), source.name
            assert "法制宣传" in before or "法治宣传" not in after  # H407 needs --unsafe-fixes
    assert changed >= 2


def test_unsafe_fixes_apply_word_changes_only_when_asked(tmp_path):
    from click.testing import CliRunner

    from lint.cli import main

    draft = tmp_path / "draft.txt"
    draft.write_text("某局加强法制宣传教育,推进依法行政。\n", encoding="utf-8")
    CliRunner().invoke(main, ["check", "--isolated", "--fix", str(draft)])
    assert draft.read_text("utf-8") == "某局加强法制宣传教育，推进依法行政。\n"
    CliRunner().invoke(main, ["check", "--isolated", "--fix", "--unsafe-fixes", str(draft)])
    assert draft.read_text("utf-8") == "某局加强法治宣传教育，推进依法行政。\n"



def _fix_with_edit_between(draft, edit):
    """--fix on the draft, with `edit` done after it was read and before it is written."""
    from lint import fix as fixing

    original = fixing.fix_document

    def fix_then_edit(*args, **kwargs):
        outcome = original(*args, **kwargs)
        edit()
        return outcome

    fixing.fix_document = fix_then_edit
    try:
        return run("check", "--isolated", "--fix", "-q", str(draft))
    finally:
        fixing.fix_document = original


def test_a_same_size_edit_with_its_mtime_put_back_is_not_overwritten(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("2024年,我局推进依法行政。\n", encoding="utf-8")
    info = draft.stat()

    def edit():
        draft.write_text("2024年,我局推进依法治理。\n", encoding="utf-8")  # same size
        os.utime(draft, ns=(info.st_atime_ns, info.st_mtime_ns))

    result = _fix_with_edit_between(draft, edit)
    assert draft.read_text("utf-8") == "2024年,我局推进依法治理。\n"  # the edit stands, unfixed
    assert "draft.txt:1:1: E003" in result.stdout and "检查期间文件被修改或替换" in result.stdout
    assert sorted(os.listdir(tmp_path)) == ["draft.txt"]


def test_a_draft_swapped_for_a_symlink_to_another_file_is_not_written(tmp_path):
    draft, other = tmp_path / "draft.txt", tmp_path / "other.txt"
    draft.write_text("2024年,我局推进依法行政。\n", encoding="utf-8")
    other.write_text("2024年,另一份文件内容。。\n", encoding="utf-8")
    os.utime(other, ns=(draft.stat().st_atime_ns, draft.stat().st_mtime_ns))

    def swap():
        draft.unlink()
        draft.symlink_to(other)

    _fix_with_edit_between(draft, swap)
    assert other.read_text("utf-8") == "2024年,另一份文件内容。。\n"


def test_a_read_only_draft_is_not_rewritten(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("2024年,我局推进依法行政。\n", encoding="utf-8")
    draft.chmod(0o444)
    result = run("check", "--isolated", "--fix", str(draft))
    assert draft.read_text("utf-8") == "2024年,我局推进依法行政。\n"
    assert result.exit_code == 1 and sorted(os.listdir(tmp_path)) == ["draft.txt"]
    assert "E003" in result.stdout and "文件是只读的" in result.stdout
