"""The real published reports in ../shared/corpus/seeds (skipped when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from lint.engine import Linter

PUNCT_OR_SPACE = regex.compile(r"[\p{P}\p{Z}\s]")


def findings_of(pack, path: Path):
    return Linter(pack, list(pack.rules.values())).lint_path(path).findings


def by_name(seeds, prefix):
    return next(p for p in seeds if p.name.startswith(prefix))


def rules(findings):
    return {f.rule for f in findings}


def test_seed_expectations(pack, seeds):
    assert "S111" in rules(findings_of(pack, by_name(seeds, "000")))
    assert {"S112", "S114", "M204"} <= rules(findings_of(pack, by_name(seeds, "003")))
    assert not rules(findings_of(pack, by_name(seeds, "004"))) & {"S110", "S111", "S112", "S113", "S114", "S115"}


def test_seed_000_title_only_duty_points_at_head(pack, seeds):
    s111 = [f for f in findings_of(pack, by_name(seeds, "000")) if f.rule == "S111"]
    assert [(f.line, f.column) for f in s111] == [(1, 2)]


def test_seed_003_trailing_web_remains(pack, seeds):
    found = findings_of(pack, by_name(seeds, "003"))
    assert [f.line for f in found if f.rule == "M206"] == [16, 17]
    assert [f.line for f in found if f.rule == "M204"] == [15]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_gb18030_copy_gives_same_findings(pack, seeds, tmp_path, newline):
    for seed in seeds:
        copy = tmp_path / seed.name
        copy.write_bytes(seed.read_text("utf-8").replace("\n", newline).encode("gb18030"))
        original = [(f.rule, f.line, f.column, f.end_line, f.end_column, f.message) for f in findings_of(pack, seed)]
        converted = [(f.rule, f.line, f.column, f.end_line, f.end_column, f.message) for f in findings_of(pack, copy)]
        assert converted == original, seed.name


def test_traditional_conversion_of_004_same_findings(pack, seeds, tmp_path):
    import opencc

    seed = by_name(seeds, "004")
    text = seed.read_text("utf-8")
    traditional = opencc.OpenCC("s2t").convert(text)
    assert traditional != text
    copy = tmp_path / "004-traditional.txt"
    copy.write_text(traditional, encoding="utf-8")
    key = lambda found: sorted((f.rule, f.line) for f in found if f.rule[0] in "SM")  # noqa: E731
    assert key(findings_of(pack, copy)) == key(findings_of(pack, seed))


def lines_by_rule(pack, path: Path) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for f in findings_of(pack, path):
        found.setdefault(f.rule, set()).add(f.line)
    return found


# The typography and hygiene expectations of issue 3, seed by seed: (rule, line or None for "somewhere").
TYPOGRAPHY_EXPECTED = {
    "000": [("T311", 3), ("H401", 17), ("T304", 17), ("T308", 5)],
    "001": [("T301", None), ("T311", None), ("H402", 11), ("H404", 1), ("H404", 5), ("T307", 1), ("H403", None)],
    "002": [("T301", None), ("T311", None), ("T302", 6), ("T308", 4), ("H403", None)],
    "003": [("T301", None), ("T311", None), ("T303", 10), ("H402", 16), ("H404", 2), ("H404", 10), ("H403", None)],
    "004": [("T301", 5), ("T302", 11)],
}


@pytest.mark.parametrize("prefix", sorted(TYPOGRAPHY_EXPECTED))
def test_seed_typography_and_hygiene(pack, seeds, prefix):
    found = lines_by_rule(pack, by_name(seeds, prefix))
    for rule, line in TYPOGRAPHY_EXPECTED[prefix]:
        assert rule in found, (prefix, rule)
        if line is not None:
            assert line in found[rule], (prefix, rule, line, sorted(found[rule]))


def test_seed_simplified_reports_get_no_traditional_finding(pack, seeds):
    for prefix in ("000", "004"):
        assert "H403" not in lines_by_rule(pack, by_name(seeds, prefix)), prefix
    h403 = [f for f in findings_of(pack, by_name(seeds, "001")) if f.rule == "H403"]
    assert len(h403) == 1 and "共" in h403[0].message


def test_seed_004_right_aligned_date_is_not_whitespace_debris(pack, seeds):
    path = by_name(seeds, "004")
    date_line = next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                     if line.strip().startswith("2023年") and line.startswith(" "))
    assert date_line not in lines_by_rule(pack, path).get("T304", set())


def test_seed_fix_changes_only_punctuation_and_spacing_outside_terms(pack, seeds, tmp_path):
    """--fix on every seed: idempotent, line count kept, no fixable finding left."""
    from lint.fix import fix_path

    linter = Linter(pack, [r for r in pack.rules.values() if r.id != "H407"])
    for seed in seeds:
        copy = tmp_path / seed.name
        copy.write_bytes(seed.read_bytes())
        outcome = fix_path(linter, copy, write=True)
        assert outcome.applied, seed.name
        assert not [f for f in outcome.result.findings if f.fix], seed.name
        assert len(outcome.after.lines) == len(outcome.before.lines)
        strip = lambda lines: [PUNCT_OR_SPACE.sub("", line) for line in lines]  # noqa: E731
        assert strip(outcome.before.lines) == strip(outcome.after.lines), seed.name
        again = fix_path(linter, copy, write=True)
        assert again.applied == 0, seed.name
