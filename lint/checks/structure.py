"""Outline kinds: a section with a role must exist, come in order, have substance."""
from __future__ import annotations

import regex

from lint.checks.registry import check_kind
from lint.findings import Hit
from lint.pack.params import Int, Regex, Role, Roles
from lint.parse.roles import substance_chars


@check_kind(
    "section",
    "A section with `role` must exist. The finding points at the report's first line. "
    "Silent when the outline is lost (headings run into paragraphs: see `outline_lost`): "
    "one finding names that cause instead of every part reported missing.",
    role=Role("the role the report must have a section for", required=True),
)
def run_section(ctx, params):
    if ctx.outline.run_on:
        return
    if not ctx.sections(params["role"]):
        yield Hit(*ctx.first_line_anchor(), {"role": ctx.role_label(params["role"])})


@check_kind(
    "outline_lost",
    "The outline cannot be recovered: no heading stands on a line of its own, but numbered "
    "headings (一、 二、 …) run into the paragraphs after a sentence's end, as in text pasted "
    "from a web page that lost its line breaks. One finding, at the first of them.",
)
def run_outline_lost(ctx, params):
    if ctx.outline.run_on:
        start = ctx.outline.run_on[0]
        yield Hit(start, start + 2, {"count": len(ctx.outline.run_on)})


@check_kind(
    "order",
    "Sections with the listed roles must come in this order. The finding points at the "
    "first section that stands before one it should follow.",
    roles=Roles("roles in their required order", required=True),
)
def run_order(ctx, params):
    firsts = []
    for role in params["roles"]:
        sections = ctx.sections(role)
        if sections:
            firsts.append((role, sections[0]))
    for i, (role, section) in enumerate(firsts):
        for earlier_role, earlier in firsts[:i]:
            if section.start < earlier.start:
                yield Hit(*ctx.heading_span(section), {
                    "role": ctx.role_label(role),
                    "other": ctx.role_label(earlier_role),
                })
                break


@check_kind(
    "substance",
    "Each section with one of `roles` must have at least `min_chars` letters, digits or "
    "Chinese characters of content, and must not consist only of `empty` (e.g. 无/暂无).",
    roles=Roles("the roles to check", required=True),
    min_chars=Int("the least content a section needs", default=40),
    empty=Regex("content that counts as nothing when it is all there is",
                default=r"^\s*(无|暂无|没有|略)[。.]?\s*$"),
)
def run_substance(ctx, params):
    empty: regex.Pattern = params["empty"]
    for role in params["roles"]:
        for section in ctx.sections(role):
            content = ctx.doc.folded[section.content_start:section.end]
            size = substance_chars(content, params["min_chars"])
            if empty.search(content, timeout=ctx.time_left()) or size < params["min_chars"]:
                size = substance_chars(content)  # the whole count, for the message
                yield Hit(*ctx.heading_span(section), {
                    "role": ctx.role_label(role), "chars": size,
                    "min_chars": params["min_chars"],
                })
