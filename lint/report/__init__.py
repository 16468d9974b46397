"""Reporters: turn FileResults into output. They see findings and a neutral catalogue
of the rules checked (id, title, message, source, severity), never rules' internals."""
from __future__ import annotations

import importlib

from lint.strings import say

# Format -> module (imported only when chosen: junit alone pulls in an XML library).
REPORTERS = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github",
             "junit": "junit", "gitlab": "gitlab"}


def reporter(fmt: str):
    """The render function of a format: render(results, lang, context) -> str."""
    return importlib.import_module(f"{__name__}.{REPORTERS[fmt]}").render


def part_label(part: str, lang: str) -> str:
    """A finding's part as readers name it: header:2 -> 页眉 2, footnote:3 -> 脚注 3."""
    kind, _, number = part.partition(":")
    return say(lang, f"part.{kind}") + (f" {number}" if number else "")


def shown_message(finding, lang: str) -> str:
    """The message, after the part of the file it is in when that is not the body."""
    if not finding.part:
        return finding.message
    return say(lang, "part.at", part=part_label(finding.part, lang), message=finding.message)


def rule_catalog(rules, lang: str, fixable) -> list[dict]:
    """What reporters may know of the rules checked."""
    return [{
        "id": rule.id, "severity": rule.severity, "family": rule.id[0],
        "title": rule.text(rule.title, lang), "message": rule.text(rule.message, lang),
        "description": rule.doc("what", lang), "source": rule.source,
        "source_label": say(lang, "source_label"), "fixable": fixable(rule),
    } for rule in rules]
