"""Reporters: turn FileResults into output, a file at a time (stream.py). They see
findings and a neutral catalogue of the rules checked (id, title, message, source,
severity), never rules' internals.

    stream.py     View, Outcome, Tally, Writer: the streaming frame every format fills
    text.py, concise.py, grouped.py: for people; json_format.py, sarif.py, github.py,
    junit.py, gitlab.py: for programs
    statistics.py --statistics
    explain.py    a rule's documentation (`explain`, `rules --format markdown`)
"""
from __future__ import annotations

from lint.strings import say

# Format -> module (imported only when chosen: junit alone pulls in an XML library).
FORMATS = {"text": "text", "concise": "concise", "grouped": "grouped", "json": "json_format", "sarif": "sarif",
           "github": "github", "junit": "junit", "gitlab": "gitlab"}


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
