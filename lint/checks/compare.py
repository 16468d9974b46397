"""Comparison kinds: a report held against the same unit's report of the year before
(ctx.previous, set when reports are paired; without it these kinds say nothing).

Text is compared as normalised character n-grams: the folded view (Simplified, one
width) without spaces and punctuation, every digit as 0 — so a changed year or count
does not hide a copy. A passage's containment is the share of its n-grams that occur
in last year's scope."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lint.cache import regexes as rx
from lint.checks.registry import check_kind
from lint.files import file_status
from lint.findings import Hit
from lint.pack.params import DataFile, Int, ParamError, Regex, Scope, Text

_NOT_TEXT = rx.compile(r"[\s\p{P}\p{S}]+")
_DIGIT = rx.compile(r"\d")
_UNIT_END = {"paragraph": rx.compile("\n"), "sentence": rx.compile("[。！？；\n]")}
_SCOPE = Scope("where to look in this year's report", default="document")
_PREVIOUS = Scope("where to look in last year's report", default="document")
_UNIT = Text("what is compared: each paragraph or each sentence", default="paragraph",
             choices=("paragraph", "sentence"))


def normalised(text: str) -> str:
    return _DIGIT.sub("0", _NOT_TEXT.sub("", text))


def grams(text: str, n: int) -> set[str]:
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def units(ctx, scope: str, unit: str, min_chars: int) -> list[tuple[int, int, str]]:
    """(start, end, normalised text) of each paragraph or sentence in the scope; a
    heading's own sentence is left out (headings repeat every year by design), the
    text after it on its line (（一）标题。正文……) is kept; short pieces are left out."""
    text, doc = ctx.doc.folded, ctx.doc
    heading_ends = {h.line: h.end for h in ctx.outline.headings}
    found = []
    for start, end in ctx.scope(scope):
        for index in range(doc.line_of(start), doc.line_of(max(start, end - 1)) + 1):
            line_start, line_end = doc.line_span(index)
            position = max(start, line_start, heading_ends.get(index, line_start))
            stop = min(end, line_end)
            while position < stop:
                unit_end = _UNIT_END[unit].search(text, position, stop)
                cut = unit_end.end() if unit_end else stop
                piece = normalised(text[position:cut])
                if len(piece) >= min_chars:
                    found.append((position, cut, piece))
                position = cut
    return found


def containment(piece: str, known: set[str], n: int) -> float:
    mine = grams(piece, n)
    return len(mine & known) / len(mine) if mine else 0.0


def _shares(params) -> None:
    """Shares are percentages; an n-gram has at least two characters."""
    for key in ("percent", "min_share"):
        if key in params and not 0 <= params[key] <= 100:
            raise ParamError(key, "must be a percentage from 0 to 100")
    if "ngram" in params and params["ngram"] < 2:
        raise ParamError("ngram", "must be 2 or more characters")


@check_kind(
    "copied",
    "Passages of `scope` (paragraphs or sentences, headings left out, at least "
    "`min_chars` characters) found in last year's report (`previous_scope`): a passage "
    "counts as copied when `percent` of its `ngram`-character n-grams occur there "
    "(normalised: no spaces or punctuation, digits as 0). `report: share` gives one "
    "finding when the copied passages are at least `min_share` percent of the scope's "
    "text, at the first ({share}, {count}, {lines}); `report: each` gives a finding per "
    "copied passage ({previous_line}: where last year's report has it). Silent without "
    "last year's report.",
    scope=_SCOPE, previous_scope=_PREVIOUS, unit=_UNIT,
    ngram=Int("characters in an n-gram", default=8),
    percent=Int("share of a passage's n-grams found last year that makes it copied", default=70),
    min_chars=Int("passages shorter than this (normalised) are not compared", default=30),
    report=Text("one finding for the share, or one for each copied passage", default="share",
                choices=("share", "each")),
    min_share=Int("with report: share, the copied share of the scope that is reported", default=30),
    unless=Regex("a passage matching this is not reported (it says the problem persists: 仍, 去年 …)", default=None),
    validate=_shares,
)
def run_copied(ctx, params):
    if ctx.previous is None:
        return
    n, unit, min_chars = params["ngram"], params["unit"], params["min_chars"]
    theirs = units(ctx.previous, params["previous_scope"], unit, min_chars)
    known = set().union(*(grams(piece, n) for _, _, piece in theirs)) if theirs else set()
    mine = units(ctx, params["scope"], unit, min_chars)
    unless, text = params["unless"], ctx.doc.folded
    copied = [(start, end, piece) for start, end, piece in mine
              if containment(piece, known, n) * 100 >= params["percent"]
              and not (unless and unless.search(text, start, end, timeout=ctx.time_left()))]
    if not copied:
        return
    if params["report"] == "each":
        for start, end, piece in copied:
            where = _best_line(ctx.previous, theirs, piece, n)
            yield Hit(start, _trimmed_end(ctx, start, end), {"previous_line": where})
        return
    total = sum(len(piece) for _, _, piece in mine)
    share = sum(len(piece) for _, _, piece in copied) / total * 100 if total else 0
    if share >= params["min_share"]:
        lines = sorted({ctx.doc.line_of(start) + 1 for start, _, _ in copied})
        shown = "、".join(map(str, lines[:8])) + ("…" if len(lines) > 8 else "")
        start, end, _ = copied[0]
        yield Hit(start, _trimmed_end(ctx, start, end),
                  {"share": f"{share:.0f}%", "count": len(copied), "lines": shown})


def _trimmed_end(ctx, start: int, end: int) -> int:
    """The span's end within its line (a finding stays on one line)."""
    return min(end, ctx.doc.line_span(ctx.doc.line_of(start))[1])


def _best_line(previous, theirs: list, piece: str, n: int) -> int:
    mine = grams(piece, n)
    best = max(theirs, key=lambda item: len(grams(item[2], n) & mine))
    return previous.doc.line_of(best[0]) + 1


@lru_cache(maxsize=4)
def _generic_words(path: str, version) -> frozenset[str]:
    """The words of the data file (`version`: its status, so an edited file is read again)."""
    from lint.pack.datafile import read_words

    return frozenset(read_words(path))


@check_kind(
    "followed_up",
    "Each item of last year's `previous_scope` (a sentence of its plans, at least "
    "`min_chars` characters) must leave a trace in this year's `scope`: at least "
    "`percent` of its distinctive words (jieba words of two or more characters, not in "
    "the `generic` list, no numbers) must occur there. An item without a trace is a "
    "finding at the scope's first heading ({plan}: the item, shortened). Silent without "
    "last year's report, or when this year's scope is absent.",
    scope=_SCOPE, previous_scope=_PREVIOUS,
    generic=DataFile("words too common to show a plan was followed (推进, 加强, 工作 …)", default=None),
    percent=Int("share of an item's distinctive words that must occur this year", default=50),
    min_words=Int("items with fewer distinctive words are not judged", default=2),
    min_chars=Int("items shorter than this (normalised) are not judged", default=12),
    validate=_shares,
)
def run_followed_up(ctx, params):
    if ctx.previous is None:
        return
    ranges = ctx.scope(params["scope"])
    if not ranges:
        return
    from lint.parse.segment import search_words

    generic = _generic_words(params["generic"], file_status(Path(params["generic"]))) if params["generic"] \
        else frozenset()
    here = "".join(normalised(ctx.doc.folded[start:end]) for start, end in ranges)
    anchor = _anchor(ctx, params["scope"], ranges)
    previous_text = ctx.previous.doc.folded
    for start, end, piece in units(ctx.previous, params["previous_scope"], "sentence", params["min_chars"]):
        words = {w for w in search_words(normalised(previous_text[start:end]))
                 if len(w) >= 2 and w not in generic and not w.isdigit() and "0" not in w}
        if len(words) < params["min_words"]:
            continue
        found = sum(1 for w in words if w in here)
        if found * 100 < params["percent"] * len(words):
            plan = previous_text[start:end].strip().rstrip("。；;")
            yield Hit(*anchor, {"plan": plan if len(plan) <= 40 else plan[:39] + "…"})


def _anchor(ctx, scope: str, ranges) -> tuple[int, int]:
    if scope.startswith("section:"):
        sections = ctx.sections(scope[8:])
        if sections:
            return ctx.heading_span(sections[0])
    return ctx.first_line_anchor()
