"""Section roles (measures, duty, shortcomings, plans, other) from the rule pack.

A heading gets the first role, in pack order, whose pattern matches its title.
`where: top` roles are given only to top-level sections; `where: any` to any.
A role with a `fallback` also goes to untitled top-level sections that carry
substantive content and stand before the first section of the listed roles.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from lint.parse.document import Document
from lint.parse.outline import Outline


@dataclass
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
        title = doc.folded[section.heading.title_start:section.heading.end]
        for spec in specs:
            if spec.where == "top" and id(section) not in top:
                continue
            if spec.heading.search(title):
                section.roles.add(spec.name)
                break
    for spec in specs:
        if spec.fallback_before is not None:
            _fallback(doc, outline, spec)


def _fallback(doc: Document, outline: Outline, spec: RoleSpec) -> None:
    for section in outline.sections:
        if section.roles & set(spec.fallback_before):
            break
        if section.roles:
            continue
        content = doc.folded[section.content_start:section.end]
        if substance_chars(content) >= spec.fallback_min_chars:
            section.roles.add(spec.name)


def substance_chars(text: str) -> int:
    """Characters that carry content: letters, digits and CJK, not punctuation or space."""
    return sum(map(str.isalnum, text))
