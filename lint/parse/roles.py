"""Section roles (measures, duty, shortcomings, plans, other) from the rule pack.

A heading gets the first role, in pack order, whose pattern matches its title, and
more than one when its title joins parts that name different roles
(存在的问题及下一步工作打算: shortcomings and plans). `where: top` roles are given only
to top-level sections, and to the subsections of a combined section, which then carry
its roles themselves (（一）存在的问题 / （二）下一步打算 under it); `where: any` roles
go to any section. A role with a `fallback` also goes to untitled top-level sections
that carry substantive content and stand before the first section of the listed roles.
"""
from __future__ import annotations

import regex

from lint import limits
from lint.cache import regexes as rx
from lint.parse.document import Document
from lint.parse.outline import PATTERN_TIMEOUT, Outline, Section
from lint.record import record

_JOINS = rx.compile(r"以及|及其?|和|与|暨|并|、|，")


@record
class RoleSpec:
    name: str
    label: dict
    heading: regex.Pattern
    where: str = "top"
    fallback_before: tuple[str, ...] | None = None
    fallback_min_chars: int = 0


def assign_roles(doc: Document, outline: Outline, specs: list[RoleSpec]) -> None:
    top = {id(s) for s in outline.sections}
    for section in outline.walk():
        section.roles |= title_roles(_title(doc, section), specs, top_level=id(section) in top)
    for section in outline.sections:
        if len(section.roles) > 1:
            _split_combined(doc, section, specs)
    for spec in specs:
        if spec.fallback_before is not None:
            _fallback(doc, outline, spec)


# title_roles' answers per list of specs (kept, so that its id is not reused): the same
# headings come back in report after report, and each costs a search per role.
_answers: dict[int, tuple[list, dict]] = {}
ANSWERS_KEPT = 4096


def title_roles(title: str, specs: list[RoleSpec], top_level: bool) -> frozenset[str]:
    """The first role the whole title names, or each role that a part of it names when
    its parts name different ones."""
    entry = _answers.get(id(specs))
    if entry is None or entry[0] is not specs:
        if len(_answers) >= 8:
            _answers.clear()
        entry = _answers[id(specs)] = (specs, {})
    known = entry[1]
    found = known.get((title, top_level))
    if found is None:
        if len(known) >= ANSWERS_KEPT:
            known.clear()
        found = known[title, top_level] = frozenset(_title_roles(title, specs, top_level))
    return found


def _title_roles(title: str, specs: list[RoleSpec], top_level: bool) -> set[str]:
    allowed = [spec for spec in specs if top_level or spec.where == "any"]
    first = _first_match(title, allowed)
    parts = [part for part in _JOINS.split(title) if part.strip()]
    if len(parts) > 1:
        named = {name for part in parts if (name := _first_match(part, allowed))}
        if len(named) > 1:
            return named
    return {first} if first else set()


def _first_match(text: str, specs: list[RoleSpec]) -> str | None:
    timeout = limits.regex_timeout(PATTERN_TIMEOUT)
    return next((spec.name for spec in specs if spec.heading.search(text, timeout=timeout)), None)


def _split_combined(doc: Document, section: Section, specs: list[RoleSpec]) -> None:
    """The subsections of a combined section that name one of its roles carry it; the
    section keeps the roles none of them carries."""
    carried = set()
    for child in section.children:
        roles = title_roles(_title(doc, child), specs, top_level=True) & section.roles
        child.roles |= roles
        carried |= roles
    if carried:
        section.roles -= carried


def _title(doc: Document, section: Section) -> str:
    return doc.folded[section.heading.title_start:section.heading.end]


def _fallback(doc: Document, outline: Outline, spec: RoleSpec) -> None:
    for section in outline.sections:
        if section.roles & set(spec.fallback_before):
            break
        if section.roles:
            continue
        content = doc.folded[section.content_start:section.end]
        if substance_chars(content, spec.fallback_min_chars) >= spec.fallback_min_chars:
            section.roles.add(spec.name)


def substance_chars(text: str, enough: int | None = None) -> int:
    """Characters that carry content: letters, digits and CJK, not punctuation or space.
    With `enough`, the count may stop at a head of the text that has that many (the
    answer is then at least `enough`): a section of pages need not be counted whole."""
    if enough is not None and len(text) > 4 * enough:
        head = sum(map(str.isalnum, text[:4 * enough]))
        if head >= enough:
            return head
    return sum(map(str.isalnum, text))
