"""Typography kinds: paired marks, numbering sequence and form, cited titles, term lists."""
from __future__ import annotations

from functools import lru_cache

import regex

from lint.cache import regexes as rx
from lint.checks.registry import check_kind
from lint.checks.scan import finditer
from lint.files import file_status
from lint.findings import Edit, Hit
from lint.pack.datafile import read_list, read_mapping
from lint.pack.params import Bool, Custom, DataFile, Int, ParamError, Regex, Scope
from lint.parse.numerals import number_value, renumber

_SCOPE = Scope("where to look (see `pattern`)", default="document")
_ANGLE = rx.compile(r"<(?=[\p{Han}《“（])|(?<=[\p{Han}》”）])>(?![ \t]*[\d.%])")


def _pairs(key, value, base):
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and len(v) == 2 and v[0] != v[1]
                                                           for v in value):
        raise ParamError(key, "must be a list of two-character texts: opening and closing mark, e.g. 《》")
    return list(value)


@check_kind(
    "balance",
    "Each opening mark of `pairs` needs its closing mark later in the same line "
    "(paragraph), and each closing mark an opening one before it; each kind of pair is "
    "counted on its own, so one stray mark gives one finding, at that mark. With "
    "`angles`, a half-width < or > next to Chinese text counts as a title mark. Works "
    "on the folded view, so ( and （ are one mark; a quote between two Latin letters is "
    "an apostrophe. With `same_width`, a pair whose two marks differ in width (（2021)) is "
    "a finding too, at its opening mark, with the variant `mixed_width`.",
    pairs=Custom("opening+closing marks", required=True, convert=_pairs),
    angles=Bool("half-width < > beside Chinese text count as a pair of title marks", default=True),
    same_width=Bool("a pair of one half-width and one full-width mark is a finding", default=False),
    scope=_SCOPE,
)
def run_balance(ctx, params):
    text, doc = ctx.doc.folded, ctx.doc
    openers = {p[0]: p[1] for p in params["pairs"]}
    closers = {p[1]: p[0] for p in params["pairs"]}
    if params["angles"]:
        openers["<"], closers[">"] = ">", "<"
    marks = _marks_pattern(tuple(params["pairs"]), params["angles"])
    widths = ctx.doc.text if params["same_width"] else None
    for start, end in ctx.scope(params["scope"]):
        found, line_end = [], -1
        for m in finditer(marks, text, start, end, ctx):  # one scan; marks grouped by paragraph
            offset = m.start()
            if offset >= line_end:
                yield from _unmatched(found, openers, closers, widths)
                found, line_end = [], doc.line_span(doc.line_of(offset))[1]
            if not (text[offset - 1:offset].isascii() and _apostrophe(text, offset)):  # most marks follow Chinese
                found.append((offset, m.group()))
        yield from _unmatched(found, openers, closers, widths)


@lru_cache(maxsize=8)
def _marks_pattern(pairs: tuple, angles: bool) -> regex.Pattern:
    marks = "[" + rx.escape("".join(pairs)) + "]"
    return rx.compile(marks + ("|" + _ANGLE.pattern if angles else ""))


def _apostrophe(text: str, i: int) -> bool:
    """Whether the mark at i stands between two Latin letters (A-Z, a-z)."""
    if not 0 < i < len(text) - 1:
        return False
    before, after = text[i - 1], text[i + 1]
    return before.isascii() and after.isascii() and before.isalpha() and after.isalpha()


def _unmatched(found, openers: dict, closers: dict, original: str | None = None):
    """Marks without their partner; with `original`, pairs whose marks differ in width."""
    stacks: dict[str, list[int]] = {}
    for offset, mark in found:
        if mark in openers:
            stacks.setdefault(mark, []).append(offset)
            continue
        stack = stacks.get(closers[mark])
        if stack:
            opened = stack.pop()
            if original is not None and original[opened].isascii() != original[offset].isascii():
                yield Hit(opened, opened + 1, {"mark": original[opened], "partner": original[offset],
                                               "variant": "mixed_width"})
        else:
            yield Hit(offset, offset + 1, {"mark": mark, "partner": closers[mark]})
    leftovers = sorted((offset, mark) for mark, stack in stacks.items() for offset in stack)
    for offset, mark in leftovers:
        yield Hit(offset, offset + 1, {"mark": mark, "partner": openers[mark]})


_HEADING_NUMBER = rx.compile(r"\d{1,2}|[一二三四五六七八九十]{1,3}")


def _need_num_group(params) -> None:
    for key in ("inline", "glued"):
        pattern = params.get(key)
        if pattern is not None and "num" not in pattern.groupindex:
            raise ParamError(key, "needs a group named num, e.g. (?P<num>[一二三四五六七八九十]+)是")


@check_kind(
    "numbering",
    "Numbers of sibling headings (一、二、三、, （一）（二）, 1. 2., （1）（2）) must run "
    "1, 2, 3 … without gap, repeat or restart. With `inline`, numbered items inside one "
    "section (一是……二是……, across its paragraphs; a heading, or 一是 opening a paragraph, "
    "starts again) must run the same way; the pattern is searched in the whole text and an "
    "item belongs to the paragraph it starts in; its group `num` is the number and the "
    "whole match is what the message quotes. With `glued`, a first item stuck to the text "
    "before it (落实一是把……) is reported as missing punctuation, not as a wrong number.",
    headings=Bool("check the sequence of the outline's headings", default=True),
    inline=Regex("an item number inside a paragraph, with a group named num", default=None),
    glued=Regex("an item number glued to the text before it (no punctuation), with a group named num: "
                "reported as the variant `unpunctuated` when the list goes on after it", default=None),
    validate=_need_num_group,
)
def run_numbering(ctx, params):
    if params["headings"]:
        yield from _heading_sequence(ctx)
    if params["inline"] is not None:
        yield from _inline_sequence(ctx, params["inline"], params["glued"])


def _heading_sequence(ctx):
    original = ctx.doc.text
    groups = [ctx.outline.sections] + [s.children for s in ctx.outline.walk()]
    for siblings in groups:
        previous: dict[int, int] = {}
        for section in siblings:
            heading = section.heading
            if heading.number is None:
                continue
            expected = previous.get(heading.level, 0) + 1
            previous[heading.level] = heading.number
            if heading.number != expected:
                token = original[heading.start:heading.title_start].rstrip()
                number = _HEADING_NUMBER.search(ctx.doc.folded, heading.start, heading.title_start).group()
                yield Hit(heading.start, heading.start + len(token),
                          {"found": token, "expected": renumber(token, number, expected)})


def _inline_sequence(ctx, pattern, glued):
    """一是……二是…… across the paragraphs of one section: a heading restarts the count,
    and so does 一是 opening a paragraph (a new list); within a paragraph it runs on.
    The items are found in one scan of the text (a scan per paragraph cost more than
    the rest of the rule on drafts of many short paragraphs); each belongs to the
    paragraph it starts in."""
    text, original, doc = ctx.doc.folded, ctx.doc.text, ctx.doc
    found = [(m, False) for m in finditer(pattern, text, 0, len(text), ctx)]
    if glued is not None:
        found += [(m, True) for m in finditer(glued, text, 0, len(text), ctx)]
    if not found:
        return
    found.sort(key=lambda item: item[0].start())  # stable: an item before a glued one at the same place
    by_line: dict[int, list] = {}
    for item in found:
        by_line.setdefault(doc.line_of(item[0].start()), []).append(item)
    heading_lines = {h.line for h in ctx.outline.headings}
    previous, last = 0, -1
    for line in sorted(by_line):
        if any(h in heading_lines for h in range(last + 1, line + 1)):
            previous = 0
        last = line
        hits, previous = _line_items(by_line[line], doc.line_span(line)[0], original, previous)
        yield from hits


def _line_items(items: list, start: int, original: str, previous: int) -> tuple[list[Hit], int]:
    """The hits of one paragraph's items, and the number the list stands at after it."""
    hits = []
    for index, (m, is_glued) in enumerate(items):
        value = number_value(m.group("num"))
        if is_glued:
            if _continued(items[index + 1:], value):  # a list whose first item has no punctuation before it
                hits.append(Hit(m.start(), m.end(), {"found": original[max(start, m.start() - 2):m.end()],
                                                     "variant": "unpunctuated"}))
                previous = value
            continue
        if value == 1 and index == 0:
            previous = 0
        if value != previous + 1:
            found = original[m.start():m.end()]
            expected = renumber(found, m.group("num"), previous + 1)
            hits.append(Hit(m.start(), m.end(), {"found": found, "expected": expected}))
        previous = value
    return hits, previous


def _continued(rest: list, value: int) -> bool:
    """The next punctuated item of the paragraph has the next number."""
    following = next((m for m, is_glued in rest if not is_glued), None)
    return following is not None and number_value(following.group("num")) == value + 1


def _forms(key, value, base):
    if not isinstance(value, dict) or not value:
        raise ParamError(key, "must map heading levels 1–4 to a regular expression")
    forms = {}
    for level, pattern in value.items():
        if level not in (1, 2, 3, 4):
            raise ParamError(key, f"'{level}' is not a heading level (1, 2, 3, 4)")
        try:
            forms[level] = rx.compile(pattern)
        except (regex.error, TypeError) as exc:
            raise ParamError(key, f"level {level}: bad regular expression: {exc}") from None
    return forms


def _expected(key, value, base):
    if not isinstance(value, dict) or not all(k in (1, 2, 3, 4) and isinstance(v, str) for k, v in value.items()):
        raise ParamError(key, "must map heading levels 1–4 to the expected form, e.g. 1: 一、")
    return dict(value)


@check_kind(
    "heading_form",
    "The numbering mark of each heading (as written, before folding) must match the form "
    "given for its level in `forms`; `expected` names that form in the message (written "
    "with the heading's own number).",
    forms=Custom("level -> regular expression the mark must match whole", required=True, convert=_forms),
    expected=Custom("level -> the expected form, quoted in the message", required=True, convert=_expected),
)
def run_heading_form(ctx, params):
    original = ctx.doc.text
    for heading in ctx.outline.headings:
        if heading.number is None:
            continue
        form = params["forms"].get(heading.level)
        token = original[heading.start:heading.title_start].rstrip()
        if form is not None and not form.fullmatch(token, timeout=ctx.time_left()):
            yield Hit(heading.start, heading.start + len(token),
                      {"found": token, "expected": _same_number(params["expected"].get(heading.level, ""),
                                                                heading.number)})


def _same_number(form: str, value: int) -> str:
    """The expected form written with the heading's own number: （一） -> （三）."""
    number = _HEADING_NUMBER.search(form)
    return renumber(form, number.group(), value) if number else form


_DASHES = rx.compile(r"[-－~～–—―‐]+")
_SPACES = rx.compile(r"\s+")
_DIGITS = rx.compile(r"\d+")
_TITLE = rx.compile(r"《([^《》\n]{2,100})》")


def normalize_title(title: str) -> str:
    """Width, dash and space variants of a title compare equal."""
    title = _SPACES.sub("", title)
    return _DASHES.sub("—", title).replace("(", "（").replace(")", "）")


@lru_cache(maxsize=16)
def _canonical(path: str, version) -> tuple[frozenset, tuple, dict]:
    """The list's titles, as a set and in order, and the answers of _closest for them
    (reports cite the same laws again and again)."""
    titles = tuple(normalize_title(t.strip("《》")) for t in read_list(path))
    return frozenset(titles), titles, {}


CLOSEST_REMEMBERED = 4096


@check_kind(
    "near_title",
    "A 《…》 citation that comes close to a title listed in `data` (difflib ratio at least "
    "`min_ratio` per cent, after width, dash and space variants are made equal) but is not "
    "that title. A citation that contains a whole listed title, starts with another "
    "character or has other numbers (years) names a different document and is not reported. "
    "With `year_range`, a range of years inside any 《》 title (a match of that pattern) "
    "must, once dash variants are made equal, fully match `year_range_form`; one that does "
    "not is reported with the variant `year_range`, and the title is not compared further.",
    data=DataFile("list file of canonical titles, one per line", required=True),
    min_ratio=Int("similarity threshold in per cent", default=85),
    year_range=Regex("a range of years inside a title, in any form", default=None),
    year_range_form=Regex("the form a range of years must have", default=None),
)
def run_near_title(ctx, params):
    exact, titles, answers = _canonical(params["data"], file_status(params["data"]))
    threshold = params["min_ratio"] / 100
    for m in finditer(_TITLE, ctx.doc.folded, 0, len(ctx.doc.text), ctx):
        wrong_range = _wrong_year_range(ctx, params, m)
        if wrong_range is not None:
            yield wrong_range
            continue
        cited = normalize_title(m.group(1))
        if cited in exact:
            continue
        best = answers.get((cited, threshold), False)
        if best is False:
            if len(answers) > CLOSEST_REMEMBERED:
                answers.clear()
            best = answers[cited, threshold] = _closest(cited, titles, threshold)
        if best:
            yield Hit(m.start(), m.end(), {"title": ctx.doc.text[m.start():m.end()], "expected": f"《{best}》"})


def _wrong_year_range(ctx, params, title) -> Hit | None:
    if params["year_range"] is None or params["year_range_form"] is None:
        return None
    found = params["year_range"].search(ctx.doc.folded, title.start(), title.end(), timeout=ctx.time_left())
    if found is None or params["year_range_form"].fullmatch(_DASHES.sub("—", found.group()),
                                                                          timeout=ctx.time_left()):
        return None
    return Hit(found.start(), found.end(), {"title": ctx.doc.text[title.start():title.end()],
                                            "found": ctx.doc.text[found.start():found.end()],
                                            "variant": "year_range"})


def _closest(cited: str, titles: tuple, threshold: float) -> str | None:
    if any(title in cited for title in titles):
        return None  # a longer title around a listed one names another document
    best, best_ratio = None, threshold
    digits = _DIGITS.findall(cited)
    for title in titles:
        # Another first word or other years name another document, not a slip.
        if title[0] != cited[0] or _DIGITS.findall(title) != digits \
                or abs(len(title) - len(cited)) > len(title) * (1 - threshold) + 1:
            continue
        from difflib import SequenceMatcher  # here: most drafts never need it, and it costs 2 ms to import

        matcher = SequenceMatcher(None, cited, title, autojunk=False)
        if matcher.quick_ratio() >= best_ratio and (ratio := matcher.ratio()) >= best_ratio:
            best, best_ratio = title, ratio
    return best


@lru_cache(maxsize=16)
def _term_pattern(template: str, path: str, version) -> tuple[regex.Pattern, dict]:
    mapping = read_mapping(path)
    alternation = "|".join(rx.escape(k) for k in sorted(mapping, key=len, reverse=True))
    firsts = rx.escape("".join(sorted({k[0] for k in mapping}))) if mapping else ""
    # where no term can start, the lookahead fails at once (the alternation would try each term)
    term = f"(?=[{firsts}])(?P<term>{alternation})" if firsts else f"(?P<term>{alternation})"
    return rx.compile(template.replace("{terms}", term, 1)), mapping


def _term_template(key, value, base):
    if not isinstance(value, str) or "{terms}" not in value:
        raise ParamError(key, "must be a regular expression containing {terms}, e.g. 《{terms}》")
    try:
        regex.compile(value.replace("{terms}", "(?P<term>x)", 1))
    except regex.error as exc:
        raise ParamError(key, f"bad regular expression: {exc}") from None
    return value


@check_kind(
    "terms",
    "Each term listed in the mapping file `data` (its keys) found in the folded text, in "
    "the context `pattern` gives ({terms} stands for the list), is a finding naming the "
    "mapped form. With `fix: true` the rule is fixable: the term is replaced by the mapped "
    "form, but only where the text is written as listed (a Traditional draft is not "
    "given Simplified words).",
    fixable=lambda params: params.get("fix", False),
    data=DataFile("mapping file: listed form -> expected form", required=True),
    pattern=Custom("context of a term; {terms} is replaced by the list", default="{terms}",
                  convert=_term_template),
    fix=Bool("replace the term with the expected form", default=False),
    scope=_SCOPE,
)
def run_terms(ctx, params):
    pattern, mapping = _term_pattern(params["pattern"], params["data"], file_status(params["data"]))
    folded, original = ctx.doc.folded, ctx.doc.text
    for start, end in ctx.scope(params["scope"]):
        for m in finditer(pattern, folded, start, end, ctx):
            t_start, t_end = m.span("term")
            expected = mapping[m.group("term")]
            written = original[t_start:t_end]
            fix = Edit(t_start, t_end, expected) if params["fix"] and written == m.group("term") else None
            yield Hit(t_start, t_end, {"term": written, "expected": expected}, fix)
