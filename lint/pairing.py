"""Pairing each report with its unit's report of the year before, for the rules that
compare them (X5xx): by the reporting unit's name (signature, else title; folded to
Simplified, without spaces or punctuation) and the reporting year. Reports whose unit
or year cannot be read, or that have no predecessor among the candidates, stay
unpaired and are listed with the reason."""
from __future__ import annotations

from dataclasses import field
from pathlib import Path

from lint.cache import regexes as rx
from lint.record import record

_NOISE = rx.compile(r"[\s\p{P}\p{S}]+|[（(]?(?:印章|盖章|公章)[)）]?")


@record
class Pairing:
    previous: dict[str, Path] = field(default_factory=dict)  # str(report) -> last year's report
    unpaired: list[tuple[Path, str]] = field(default_factory=list)  # (report, why: no_unit, no_year, none_found)
    how: str = "unit+year"

    def of(self, path: Path) -> Path | None:
        return self.previous.get(str(path))


def unit_key(unit: str) -> str:
    from lint.parse.fold import fold

    return _NOISE.sub("", fold(unit))


def identity(path: Path, linters) -> tuple[str | None, int | None]:
    """(unit key, reporting year) of a report; (None, None) when it cannot be read."""
    from lint.checks.context import Context
    from lint.parse.facts import summary

    linter = linters.for_path(path)
    doc = linter.read(path)
    if not hasattr(doc, "source"):
        return None, None  # unreadable: its E001 is reported when it is linted
    ctx = Context(doc, linters.pack, linters.options.settings)
    facts = summary(doc, ctx.outline, ctx.facts)
    return (unit_key(facts["unit"]) if facts["unit"] else None), facts["year"]


def pair_reports(current: list[Path], candidates: list[Path], linters) -> Pairing:
    """Each current report's predecessor among the candidates (which may be the current
    reports themselves: this year's and last year's in one run)."""
    known: dict[Path, tuple] = {}

    def ident(path: Path) -> tuple:
        if path not in known:
            known[path] = identity(path, linters)
        return known[path]

    by_key: dict[tuple[str, int], Path] = {}
    for path in candidates:
        unit, year = ident(path)
        if unit and year is not None:
            by_key.setdefault((unit, year), path)
    pairing = Pairing()
    for path in current:
        unit, year = ident(path)
        if not unit:
            pairing.unpaired.append((path, "no_unit"))
        elif year is None:
            pairing.unpaired.append((path, "no_year"))
        elif (unit, year - 1) in by_key:
            pairing.previous[str(path)] = by_key[(unit, year - 1)]
        else:
            pairing.unpaired.append((path, "none_found"))
    return pairing
