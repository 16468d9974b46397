"""Text kinds: a pattern that must not occur, must occur, or terms that must meet."""
from __future__ import annotations

from lint.cache import regexes as rx
from lint.checks.registry import check_kind
from lint.checks.scan import finditer, search, skip_spans, subtract
from lint.findings import Edit, Hit
from lint.pack.params import Bool, Custom, Int, ParamError, Regex, Regexes, Role, Scope, Scopes, Text

_SCOPE = Scope("where to look: document, title, addressee, opening, head, body, headings, "
               "signature, after_signature or section:<role>", default="document")
_VIEW = Text("`folded` (Simplified, full-width punctuation) or `original` text",
              default="folded", choices=("folded", "original"))


def shorten(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


_GROUP_REF = rx.compile(r"\\(?:(\d{1,2})|g<(\w+)>|(\\))")


class Replacement:
    """A fix: a template whose group references take the group's *original* text
    (the view may be folded), or a mapping from the matched original text."""

    def __init__(self, value):
        self.mapping = value if isinstance(value, dict) else None
        self.template = value if isinstance(value, str) else None

    def refs(self) -> list:
        if self.template is None:
            return []
        return [int(a) if a else b for a, b, slash in _GROUP_REF.findall(self.template) if not slash]

    def expand(self, match, original: str) -> str | None:
        if self.mapping is not None:
            return self.mapping.get(original[match.start():match.end()])

        def group(m):
            if m.group(3):
                return "\\"
            ref = int(m.group(1)) if m.group(1) else m.group(2)
            start, end = match.span(ref)
            return original[start:end] if start >= 0 else ""
        return _GROUP_REF.sub(group, self.template)

    def __str__(self) -> str:
        return str(self.mapping if self.mapping is not None else self.template)


def _replacement(key, value, base):
    if isinstance(value, str):
        return Replacement(value)
    if isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return Replacement(dict(value))
    raise ParamError(key, "must be a replacement template (\\1, \\g<name>) or a mapping of matched text to replacement")


def _bracket_pairs(key, value, base):
    if not isinstance(value, list) or not all(isinstance(v, str) and len(v) == 2 for v in value):
        raise ParamError(key, "must be a list of two-character texts, e.g. [\"()\"]")
    return list(value)


def _check_refs(params) -> None:
    if params.get("pairs") and (params.get("replace") is None or params["replace"].mapping is None):
        raise ParamError("pairs", "needs a `replace` mapping (each bracket to its full-width form)")
    replace = params.get("replace")
    if replace is None:
        return
    pattern = params["pattern"]
    for ref in replace.refs():
        if (isinstance(ref, int) and ref > pattern.groups) or (isinstance(ref, str) and ref not in pattern.groupindex):
            raise ParamError("replace", f"refers to group {ref}, which the pattern does not have")


@check_kind(
    "pattern",
    "Every match of `pattern` inside `scope` is a finding. `except` leaves out whole scopes, "
    "`skip` leaves out matches that overlap a match of another pattern (URLs, e-mail "
    "addresses). With `replace` the rule is fixable: the match becomes the expanded "
    "template (group references take the original text) or the mapped text; a fix never "
    "spans a line end. With `pairs`, a matched bracket brings its partner along.",
    fixable=lambda params: params.get("replace") is not None,
    validate=_check_refs,
    pattern=Regex("regular expression whose matches are findings", required=True),
    scope=_SCOPE, view=_VIEW,
    limit=Int("report at most this many matches per file (0: all)", default=0),
    replace=Custom("the fix: template or mapping (makes the rule fixable)", convert=_replacement),
    pairs=Custom("brackets (e.g. \"()\") whose partner a match brings along, so that a pair is fixed "
                 "together; needs a mapping `replace`", convert=_bracket_pairs, default=None),
    skip=Regex("matches overlapping a match of this pattern are left out", default=None),
    **{"except": Scopes("scopes left out of `scope` (e.g. signature)", default=None)},
)
def run_pattern(ctx, params):
    hits = _pattern_hits(ctx, params)
    if params["pairs"]:
        hits = _with_partners(ctx, params, hits)
    return hits[:params["limit"]] if params["limit"] > 0 else hits


def _pattern_hits(ctx, params) -> list[Hit]:
    text, original, replace = ctx.doc.view(params["view"]), ctx.doc.text, params["replace"]
    ranges = ctx.scope(params["scope"])
    if params["except"]:
        ranges = subtract(ranges, [r for name in params["except"] for r in ctx.scope(name)])
    by_text = replace is None or replace.mapping is not None  # the outcome depends on the matched text only
    outcomes: dict[str, tuple] = {}  # a dense draft repeats a few marks hundreds of times
    hits = []
    for start, end in ranges:
        skip = None  # found on the first match: most ranges have none, and URLs cost a scan
        for m in finditer(params["pattern"], text, start, end, ctx):
            m_start, m_end = m.span()
            if m_end <= m_start:
                m_end = m_start + 1
            if skip is None:
                skip = skip_spans(params["skip"], text, start, end, ctx)
            if skip and skip.overlaps(m_start, m_end):
                continue
            matched = original[m_start:m_end]
            if by_text:
                outcome = outcomes.get(matched)
                if outcome is None:
                    outcome = outcomes[matched] = _outcome(matched, original, replace)
            else:
                outcome = _outcome(matched, original, replace, m)
            args, new = outcome
            hits.append(Hit(m_start, m_end, args, None if new is None else Edit(m_start, m_end, new)))
    return hits


def _hit(start: int, end: int, original: str, replace, match=None) -> Hit:
    """A hit quoting the original text; with the fix the replacement gives, if any (and
    if neither the match nor the replacement spans a line end)."""
    args, new = _outcome(original[start:end], original, replace, match)
    return Hit(start, end, args, None if new is None else Edit(start, end, new))


def _outcome(matched: str, original: str, replace, match=None) -> tuple[dict, str | None]:
    """The message arguments of a match and its replacement (None: no fix). The
    arguments are shared by the hits of one text: nothing changes them."""
    args = {"match": matched if len(matched) <= 30 else shorten(matched)}
    if replace is not None and "\n" not in matched:
        new = replace.mapping.get(matched) if replace.mapping is not None else replace.expand(match, original)
        if new is not None and "\n" not in new and new != matched:
            args["replacement"] = new
            return args, new
    return args, None


def _with_partners(ctx, params, hits: list[Hit]) -> list[Hit]:
    """A matched bracket brings its partner in the same paragraph along (half-width, not
    matched itself), so a fix converts both brackets of a pair or neither."""
    original, mapping = ctx.doc.text, params["replace"].mapping if params["replace"] else {}
    taken = {hit.start for hit in hits}
    partners: dict[int, dict[int, int]] = {}  # line -> bracket offset -> its partner's offset
    added = []
    brackets = set("".join(params["pairs"])) | {_WIDE.get(c, c) for c in "".join(params["pairs"])}
    for hit in hits:
        if original[hit.start] not in brackets:
            continue  # a comma, a colon …: no partner to bring
        line = ctx.doc.line_of(hit.start)
        if line not in partners:
            partners[line] = bracket_partners(original, ctx.doc.line_span(line), params["pairs"])
        partner = partners[line].get(hit.start)
        if partner is not None and partner not in taken and original[partner] in mapping:
            taken.add(partner)
            added.append(_hit(partner, partner + 1, original, params["replace"]))
    return sorted(hits + added, key=lambda hit: hit.start) if added else hits


def bracket_partners(text: str, span: tuple[int, int], pairs: list[str]) -> dict[int, int]:
    """Each bracket in text[span] that has a partner, mapped to the partner's offset,
    counting both widths (（ and ( are one kind of bracket); one pass a line."""
    found: dict[int, int] = {}
    for pair in pairs:
        opening, closing = pair[0] + _WIDE.get(pair[0], ""), pair[1] + _WIDE.get(pair[1], "")
        open_at: list[int] = []
        for m in rx.compile("[" + rx.escape(opening + closing) + "]").finditer(text, *span):
            if m.group() in opening:
                open_at.append(m.start())
            elif open_at:
                start = open_at.pop()
                found[start], found[m.start()] = m.start(), start
    return found


_WIDE = {"(": "（", ")": "）", "[": "［", "]": "］"}


@check_kind(
    "require",
    "`pattern` must occur in `scope`. With `each: true` every part of the scope (each "
    "section of a role) must contain it, and the finding points at that part's heading; "
    "otherwise one match anywhere in the scope suffices. A scope that is absent is "
    "reported only with `if_absent: report`.",
    pattern=Regex("what must occur", required=True),
    scope=_SCOPE, view=_VIEW,
    each=Bool("require the pattern in every part of the scope", default=False),
    if_absent=Text("what to do when the scope is absent", default="skip",
                    choices=("skip", "report")),
)
def run_require(ctx, params):
    text = ctx.doc.view(params["view"])
    ranges = ctx.scope(params["scope"])
    if not ranges:
        if params["if_absent"] == "report":
            yield Hit(*ctx.first_line_anchor())
        return
    if params["each"]:
        for start, end in ranges:
            if not search(params["pattern"], text, start, end, ctx):
                yield Hit(*_part_anchor(ctx, params["scope"], start, end))
        return
    if not any(search(params["pattern"], text, start, end, ctx) for start, end in ranges):
        yield Hit(*_part_anchor(ctx, params["scope"], *ranges[0]))


def _part_anchor(ctx, scope: str, start: int, end: int) -> tuple[int, int]:
    if scope.startswith("section:"):
        for section in ctx.sections(scope[8:]):
            if section.content_start == start:
                return ctx.heading_span(section)
    line = ctx.doc.line_of(start)
    line_start, line_end = ctx.doc.line_span(line)
    return start, max(start + 1, min(end, line_end))


@check_kind(
    "cooccur",
    "All of the `terms` patterns must meet in one sentence (split at 。！？； and line "
    "ends), ignoring text inside 《》 titles. `mode: require`: a finding when no sentence "
    "in the scope has them all (a section with `or_role` also satisfies it); "
    "`mode: forbid`: each sentence that has them all is a finding.",
    terms=Regexes("patterns that must all occur in one sentence", required=True),
    scope=_SCOPE,
    mode=Text("require or forbid", default="require", choices=("require", "forbid")),
    or_role=Role("a section with this role satisfies the requirement", default=None),
)
def run_cooccur(ctx, params):
    text = ctx.masked
    terms = params["terms"]
    forbid = params["mode"] == "forbid"
    if not forbid and params["or_role"] and ctx.sections(params["or_role"]):
        return
    first, others = terms[0], terms[1:]
    for start, end in ctx.scope(params["scope"]):
        done_until = start
        for m in finditer(first, text, start, end, ctx):
            if m.start() < done_until:
                continue  # this sentence was already judged
            s_start, s_end = ctx.sentence_around(m.start(), start, end)
            done_until = s_end
            if all(search(term, text, s_start, s_end, ctx) for term in others):
                if not forbid:
                    return
                yield Hit(s_start, s_end)
    if not forbid:
        yield Hit(*ctx.first_line_anchor())
