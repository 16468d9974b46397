"""Reporters: turn FileResults into output. They see findings and a neutral catalogue
of the rules checked (id, title, message, source, severity), never rules' internals."""
from __future__ import annotations

from . import github, gitlab, json_format, junit, sarif, text

REPORTERS = {"text": text.render, "json": json_format.render, "sarif": sarif.render,
             "github": github.render, "junit": junit.render, "gitlab": gitlab.render}


def rule_catalog(rules, lang: str, fixable) -> list[dict]:
    """What reporters may know of the rules checked."""
    return [{
        "id": rule.id, "severity": rule.severity, "family": rule.id[0],
        "title": rule.text(rule.title, lang), "message": rule.text(rule.message, lang),
        "description": rule.text(rule.description, lang), "source": rule.source,
        "source_label": "依据" if lang == "zh" else "source", "fixable": fixable(rule),
    } for rule in rules]
