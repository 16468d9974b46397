"""The marks kind: what a structured reader saw that the text does not show (Word's
tracked changes, comments, fields, automatic numbers)."""
from __future__ import annotations

from lint.checks.registry import check_kind
from lint.findings import Hit
from lint.pack.params import Bool, Regex, Text
from lint.read.source import MARK_KINDS


def _marks(ctx, kind: str, everywhere: bool) -> list:
    """(mark, in the body?) of a kind: the body's, and with `everywhere` the other parts' too."""
    found = [(mark, True) for mark in ctx.doc.source.marks if mark.kind == kind]
    if everywhere:
        found += [(mark, False) for part in ctx.doc.source.parts for mark in part.source.marks if mark.kind == kind]
    return found


def _span(ctx, mark) -> tuple[int, int]:
    start = ctx.doc.line_starts[mark.line]
    return start + mark.start, start + max(mark.end, mark.start + 1)


@check_kind(
    "marks",
    "Marks of the kind `mark` the reader recorded (`revision`: a tracked change; `comment`: "
    "a comment; `field`: a field, its instruction as detail; `autonumber`: Word's automatic "
    "number). `detail` keeps only marks whose detail matches; `followed_by` only marks the "
    "text right after matches (a typed number after an automatic one). With `once`, one "
    "finding per file at the first mark in the body (else the first line), with the count "
    "({count}) of marks anywhere in the file, other parts included. A plain-text draft has "
    "no marks.",
    mark=Text("the kind of mark", required=True, choices=MARK_KINDS),
    detail=Regex("only marks whose detail matches (a field's instruction …)"),
    followed_by=Regex("only marks the text right after matches"),
    once=Bool("one finding per file with the count, not one per mark", default=False),
)
def run_marks(ctx, params):
    detail, after = params["detail"], params["followed_by"]
    found = []
    for mark, in_body in _marks(ctx, params["mark"], params["once"]):
        if detail is not None and not detail.search(mark.detail, timeout=ctx.time_left()):
            continue
        if after is not None:
            if not in_body:
                continue
            end = _span(ctx, mark)[1] if mark.end > mark.start else _span(ctx, mark)[0]
            if not after.match(ctx.doc.folded, end, ctx.doc.line_span(mark.line)[1], timeout=ctx.time_left()):
                continue
        found.append((mark, in_body))
    if params["once"]:
        if found:
            count = len({(m.kind, m.detail) for m, _ in found}) if params["mark"] == "comment" else len(found)
            body = [m for m, in_body in found if in_body]
            yield Hit(*(_span(ctx, body[0]) if body else ctx.first_line_anchor()), {"count": count})
        return
    for mark, _ in found:
        start, end = _span(ctx, mark)
        yield Hit(start, end, {"detail": mark.detail, "text": ctx.doc.text[start:end]})
