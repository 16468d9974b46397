"""`--statistics`: how many findings each rule has, most frequent first. Files add
nothing to the output as they pass; their counts make the table at the end."""
from __future__ import annotations

from lint.strings import say

SEPARATOR = ""


def head(view) -> str:
    return ""


def chunk(result, view) -> str:
    return ""


def tail(view, tally, written: bool) -> str:
    titles = {info["id"]: (info["title"], info["fixable"]) for info in view.catalog}
    counts = tally.rules
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = []
    for rule, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        title, fixable = titles.get(rule, ("", False))
        lines.append(f"{n:>{width}}  {rule:<5} {'[*]' if fixable else '   '} {title}")
    total = sum(counts.values())
    lines.append(say(view.lang, "statistics.total", total=total, files=tally.files)
                 + (say(view.lang, "statistics.fixable") if counts else ""))
    return "\n".join(lines) + "\n"


def render(results, lang: str, options: dict) -> str:
    from lint.report.stream import View, render_results

    return render_results(results, View(lang=lang, statistics=True, catalog=tuple(options.get("rules", []))))
