"""`reportlint explain ID`: one rule in prose, with its examples."""
from __future__ import annotations

from lint.strings import say


def _param_text(value) -> str:
    pattern = getattr(value, "pattern", None)
    if pattern is not None:
        return pattern
    if isinstance(value, list):
        return ", ".join(_param_text(v) for v in value)
    return str(value)


def render_rule(rule, kind, lang: str) -> str:
    def words(key):
        return say(lang, f"explain.{key}")

    title = rule.text(rule.title, lang)
    out = [f"{rule.id}{': ' + title if title else ''}", ""]
    fixable = f" · {words('fixable')}" if kind.fixable(rule.params) else ""
    out.append(f"{words('severity')}: {rule.severity}{fixable}")
    out.append(f"{words('check')}: {rule.check} — {kind.doc}")
    out.append(f"{words('source')}: {rule.source}")
    out.append(f"{words('message')}: {rule.text(rule.message, lang)}")
    description = rule.text(rule.description, lang)
    if description:
        out += ["", description]
    params = {k: v for k, v in rule.params.items() if v not in (None, "")}
    if params:
        out += ["", f"{words('params')}:"]
        out += [f"  {k}: {_param_text(v)}" for k, v in params.items()]
    for key in ("fail", "pass"):
        if rule.examples.get(key):
            out += ["", f"{words(key)}:"]
            for example in rule.examples[key]:
                body = example.rstrip("\n") or words("empty")
                out += ["  " + line for line in body.split("\n")] + ["  ---"]
    if rule.examples.get("fix"):
        out += ["", f"{words('fix')}:"]
        for before, after in rule.examples["fix"]:
            out += [f"  {words('before')}: {before.rstrip()}", f"  {words('after')}: {after.rstrip()}", "  ---"]
    out += ["", f"{words('file')}: {rule.path}"]
    return "\n".join(out)
