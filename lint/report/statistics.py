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
    if view.fmt == "json":
        return _json(counts, titles, tally)
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = []
    for rule, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        title, fixable = titles.get(rule, ("", False))
        lines.append(f"{n:>{width}}  {rule:<5} {'[*]' if fixable else '   '} {title}")
    total = sum(counts.values())
    lines.append(say(view.lang, "statistics.total", total=total, files=tally.files)
                 + (say(view.lang, "statistics.fixable") if counts else ""))
    return "\n".join(lines) + "\n"


def _json(counts, titles: dict, tally) -> str:
    """[{rule, count, title, fixable}], most frequent first, then the totals."""
    import json

    rules = [{"rule": rule, "count": n, "title": titles.get(rule, ("", False))[0],
              "fixable": titles.get(rule, ("", False))[1]}
             for rule, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    return json.dumps({"rules": rules, "total": sum(counts.values()), "files": tally.files},
                      ensure_ascii=False, indent=2) + "\n"


def render(results, lang: str, options: dict) -> str:
    from lint.report.stream import View, render_results

    return render_results(results, View(lang=lang, statistics=True, catalog=tuple(options.get("rules", []))))
