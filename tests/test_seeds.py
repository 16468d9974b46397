"""The real published reports in ../shared/corpus/seeds (skipped when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint.engine import Linter


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
