"""`--statistics`: how many findings each rule has, most frequent first."""
from __future__ import annotations

from collections import Counter

from lint.strings import say


def render(results, lang: str, options: dict) -> str:
    titles = {info["id"]: (info["title"], info["fixable"]) for info in options.get("rules", [])}
    counts = Counter(f.rule for r in results for f in r.findings)
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = []
    for rule, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        title, fixable = titles.get(rule, ("", False))
        lines.append(f"{n:>{width}}  {rule:<5} {'[*]' if fixable else '   '} {title}")
    total = sum(counts.values())
    lines.append(say(lang, "statistics.total", total=total, files=len(results))
                 + (say(lang, "statistics.fixable") if counts else ""))
    return "\n".join(lines) + "\n"
