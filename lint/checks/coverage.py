"""Coverage kind: every item of one section should be taken up in another."""
from __future__ import annotations

from lint.cache import regexes as rx
from lint.checks.registry import check_kind
from lint.files import file_status
from lint.findings import Hit
from lint.pack.datafile import read_words
from lint.pack.params import DataFile, Role

ENUM_MARK = rx.compile(r"[一二三四五六七八九十]是|[一二三四五六七八九十][、.]"
                       r"|（[一二三四五六七八九十\d]+）|[0-9]+[.、]")
CLAUSE_END = rx.compile(r"[。：；！？，\n]")
HAN = rx.compile(r"\p{Han}")


def items(ctx, section) -> list[tuple[int, int]]:
    """The items of a section: its sub-sections, else 一是/二是 parts, else the whole."""
    if section.children:
        return [(c.heading.title_start, c.end) for c in section.children]
    text = ctx.doc.folded
    marks = [m.start() for m in ENUM_MARK.finditer(text, section.content_start, section.end)]
    if len(marks) >= 2:
        return [(start, end) for start, end in zip(marks, marks[1:] + [section.end])]
    return [(section.content_start, section.end)]


def topic(text: str, start: int, end: int) -> tuple[int, int]:
    """The item's first clause: where its subject is named."""
    m = ENUM_MARK.match(text, start, end)
    if m:
        start = m.end()
    while start < end and text[start] in " \n":
        start += 1
    stop = CLAUSE_END.search(text, start, end)
    return start, (stop.start() if stop else end)


@check_kind(
    "coverage",
    "Each item of a `from` section (its sub-sections, else its 一是/二是 parts) must share "
    "at least one keyword with the `to` sections. Keywords are the words (jieba) of the "
    "item's first clause, two characters or longer, not in `stopwords`; `words` lists "
    "domain words segmentation must keep whole.",
    source_role=Role("the role whose items must be covered", required=True),
    target_role=Role("the role that must cover them", required=True),
    stopwords=DataFile("file of words that do not count as keywords", default=""),
    words=DataFile("file of domain words that segmentation keeps whole", default=""),
)
def run_coverage(ctx, params):
    sources, targets = ctx.sections(params["source_role"]), ctx.sections(params["target_role"])
    if not sources or not targets:
        return
    from lint.parse.segment import search_words

    text = ctx.doc.folded
    target_text = "".join(text[s.content_start:s.end] for s in targets)
    stop = frozenset(read_words(params["stopwords"]))
    words = (params["words"], file_status(params["words"]))
    for section in sources:
        for start, end in items(ctx, section):
            t_start, t_end = topic(text, start, end)
            if t_end <= t_start:
                continue
            keywords = {w for w in search_words(text[t_start:t_end], *words)
                        if len(w) >= 2 and HAN.search(w) and w not in stop}
            if keywords and not any(k in target_text for k in keywords):
                shown = ctx.doc.text[t_start:t_end]
                yield Hit(t_start, t_end, {"item": shown if len(shown) <= 24 else shown[:23] + "…"})
