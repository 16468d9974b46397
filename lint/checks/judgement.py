"""Judgement kinds: what reviewers judge beyond structure — is there evidence, is a
problem specific, is the year right, is a formulation current for the report's year.
Each works on the items of a role's sections: their sub-sections (heading and body)
when they have them, else their sentences."""
from __future__ import annotations

from functools import lru_cache

from lint.cache import regexes as rx
from lint.checks.registry import check_kind
from lint.findings import Hit
from lint.pack.datafile import read_list
from lint.pack.params import Custom, DataFile, Names, ParamError, Regex, Role, Roles, Scope

_SENTENCE_END = "。！？；\n"
_SENTENCE_END_RE = rx.compile("[" + _SENTENCE_END + "]")
_NUMBER = rx.compile(r"\d|[一二三四五六七八九十百千万两]+(?:[件次个项场期份条家宗卷户人名]|人次)|百分之")
_YEAR = rx.compile(r"(?<![\d—–\-－~～至到])(?P<y>(?:19|20)\d\d)\s*年(?!\s*[\d—–\-－~～至到])")


def items(ctx, role: str, sentences: bool = True) -> list[tuple[int, int, tuple[int, int]]]:
    """(start, end, anchor span) of each item of the role's sections: a sub-section (from
    its heading to its end, anchored at the heading), else each sentence of the section
    (or, with `sentences` false, the section itself)."""
    found = []
    for section in ctx.sections(role):
        if section.children:  # a sub-section of another role (不足 under 三、问题和打算) is not an item
            found += [(child.start, child.end, ctx.heading_span(child)) for child in section.children
                      if not child.roles or role in child.roles]
            continue
        if not sentences:
            found.append((section.start, section.end, ctx.heading_span(section)))
            continue
        text, position = ctx.doc.folded, section.content_start
        while position < section.end:
            found_end = _SENTENCE_END_RE.search(text, position, section.end)
            cut = found_end.end() if found_end else section.end
            if text[position:cut].strip():
                line_end = ctx.doc.line_span(ctx.doc.line_of(position))[1]
                lead = len(text[position:cut]) - len(text[position:cut].lstrip())
                found.append((position, cut, (position + lead, max(position + lead + 1, min(cut, line_end)))))
            position = cut
    return found


@check_kind(
    "evidence",
    "Each item of the `role`'s sections (a sub-section, else the section) must hold "
    "evidence: a match of `pattern` (a number with a unit, a named case or document). "
    "Items whose heading or first sentence matches `exempt` (leadership, study) are not "
    "judged. A finding at the item's heading.",
    role=Role("the role whose sections' items are judged", required=True),
    pattern=Regex("what counts as evidence", required=True),
    exempt=Regex("items whose heading matches this are not judged", default=None),
)
def run_evidence(ctx, params):
    text = ctx.doc.folded
    for start, end, anchor in items(ctx, params["role"], sentences=False):
        head = text[anchor[0]:anchor[1]]
        if params["exempt"] is not None and params["exempt"].search(head, timeout=ctx.time_left()):
            continue
        if not params["pattern"].search(text, start, end, timeout=ctx.time_left()):
            yield Hit(*anchor, {"item": _shown(head)})


def _shown(text: str, limit: int = 30) -> str:
    text = text.strip().rstrip("。；;，,")
    return text if len(text) <= limit else text[:limit - 1] + "…"


@check_kind(
    "vague",
    "An item of the `role`'s sections (a sub-section, else a sentence) that holds a stock "
    "phrase of `phrases` but no word of `domain` and no number is vague: a finding at "
    "the item ({item}). Both lists are data files, one phrase or word a line.",
    role=Role("the role whose items are judged", required=True),
    phrases=DataFile("stock phrases (思想认识还不够到位 …)", required=True),
    domain=DataFile("words that make a problem specific (行政执法, 复议 …)", required=True),
)
def run_vague(ctx, params):
    text = ctx.doc.folded
    phrases, domain = read_list(params["phrases"]), read_list(params["domain"])
    for start, end, anchor in items(ctx, params["role"]):
        item = text[start:end]
        if any(p in item for p in phrases) and not any(w in item for w in domain) and not _NUMBER.search(item):
            yield Hit(*anchor, {"item": _shown(text[anchor[0]:anchor[1]])})


def _offsets(key, value, base):
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise ParamError(key, "must be a list of whole numbers (years after the reporting year: 0, 1 …)")
    return list(value)


@check_kind(
    "section_years",
    "Years named where the report speaks of a year: in the heading of a `current` "
    "section (measures) a year other than the reporting year; in a `next` section "
    "(plans) a year followed by `planning` words (工作计划, 将 …) that is not the year "
    "after (variant `next`). Ranges (2021—2025年) and titles in 《》 are left out. "
    "Silent when the reporting year is unknown.",
    current=Roles("sections about the reporting year: their heading's year must be it", default=None),
    next=Roles("sections about the next year", default=None),
    planning=Regex("what must follow a year in a `next` section for it to be the year planned", default=None),
    allowed=Custom("years after the reporting year a `next` section may plan for", convert=_offsets, default=[1]),
)
def run_section_years(ctx, params):
    year = ctx.facts.reporting_year
    if year is None:
        return
    text = ctx.masked
    for role in params["current"] or ():
        for section in ctx.sections(role):
            for m in _YEAR.finditer(text, section.start, section.content_start):
                if int(m.group("y")) != year:
                    yield Hit(m.start(), m.end(), {"found": m.group("y"), "year": year})
    for role in params["next"] or ():
        for section in ctx.sections(role):
            for m in _YEAR.finditer(text, section.start, section.end):
                planned = params["planning"] is None or params["planning"].match(text, m.end(), section.end,
                                                                                         timeout=ctx.time_left())
                if planned and int(m.group("y")) - year not in params["allowed"]:
                    yield Hit(m.start(), m.end(), {"found": m.group("y"), "year": year, "next": year + 1,
                                                   "variant": "next"})


def _yaml_data(key, value, base, shape: str):
    """A YAML data file named by a parameter (relative to the rule file), read as rule
    files are: a regular file within the size limit, no aliases, errors with file:line."""
    from lint.pack.yamlfile import YamlError, load_yaml

    if not isinstance(value, str) or not value:
        raise ParamError(key, f"must be a data file ({shape})")
    try:
        return load_yaml((base / value).resolve())
    except YamlError as exc:
        raise ParamError(key, str(exc)) from None


def _dated(key, value, base):
    """The table of dated formulations: a YAML data file (path relative to the rule)."""
    entries = _yaml_data(key, value, base, "YAML list of {pattern, from, instead, context}")
    if not isinstance(entries, list):
        raise ParamError(key, f"{value} must be a list of entries")
    table = []
    for entry in entries:
        if not (isinstance(entry, dict) and {"pattern", "from", "instead"} <= set(entry)
                and isinstance(entry["from"], int) and entry.get("context", "guiding") in ("guiding", "any")):
            raise ParamError(key, f"{value}: each entry needs pattern, from (a year), instead, context guiding|any")
        table.append((rx.compile(entry["pattern"]), entry["from"], str(entry["instead"]),
                      entry.get("context", "guiding")))
    return table


@check_kind(
    "dated_terms",
    "Formulations current only until a year (`table`: pattern, `from` — the first "
    "reporting year for which it is outdated —, `instead`, and `context`): in a report "
    "on that year or later, each match in a sentence that matches `guiding` (以……为指导, "
    "深入学习贯彻 …; `context: any` needs none) and not `history` (曾, 原, 时任 …) is a "
    "finding ({term}, {instead}).",
    table=Custom("the dated formulations (a YAML data file)", convert=_dated, required=True),
    guiding=Regex("a sentence that presents a formulation as current", required=True),
    history=Regex("a sentence that tells history (the formulation is then right)", default=None),
)
def run_dated_terms(ctx, params):
    year = ctx.facts.reporting_year
    if year is None:
        return
    text = ctx.doc.folded
    for pattern, since, instead, context in params["table"]:
        if year < since:
            continue
        for m in pattern.finditer(text, timeout=ctx.time_left()):
            start, end = _sentence(text, m.start(), m.end())
            if context == "guiding" and not params["guiding"].search(text, start, end, timeout=ctx.time_left()):
                continue
            if params["history"] is not None and params["history"].search(text, start, end, timeout=ctx.time_left()):
                continue
            yield Hit(m.start(), m.end(), {"term": m.group(), "instead": instead, "year": year})


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
    right = min((i for i in (text.find(ch, end) for ch in _SENTENCE_END) if i >= 0), default=len(text))
    return left, right


def _replaced(key, value, base):
    """{title: {from: year, by: title}}: a YAML data file (path relative to the rule)."""
    table = _yaml_data(key, value, base, "YAML: title -> {from: year, by: title}")
    if not isinstance(table, dict) or not all(
            isinstance(v, dict) and isinstance(v.get("from"), int) and isinstance(v.get("by"), str)
            for v in table.values()):
        raise ParamError(key, f"{value}: each title needs from (a year) and by (the title that replaced it)")
    return {str(k): (v["from"], v["by"]) for k, v in table.items()}


_PREFIX = "中华人民共和国"


def _as_set(path: str) -> frozenset:
    """A list file as a set, made once per version of the file."""
    from lint.files import file_status

    return _set_of(path, file_status(path))


@lru_cache(maxsize=16)
def _set_of(path: str, version) -> frozenset:
    return frozenset(read_list(path))
_VERSION = rx.compile(r"[（(][^（）()]*(?:修[订正]|版|年)[^（）()]*[)）]$")


@check_kind(
    "cited_titles",
    "Titles cited in 《》 that `pattern` matches (laws and regulations: …法, …条例) must "
    "be titles in force (`known`, a list file). A title that `local` matches (a "
    "province's, a city's, the Party's) is left alone; one in `abolished` gets the "
    "variant `abolished`; one in `replaced` (a YAML table: title -> from, by) in a report "
    "on that year or later gets the variant `replaced` ({by}). A version note at the end "
    "(（2021年修订）) is ignored.",
    pattern=Regex("a cited title to judge (group 1: the title)", required=True),
    known=DataFile("titles in force, one a line", required=True),
    abolished=DataFile("titles no longer in force, one a line", default=None),
    replaced=Custom("laws replaced in full (a YAML data file)", convert=_replaced, default=None),
    local=Regex("titles that are not national laws or regulations (local, Party)", default=None),
)
def run_cited_titles(ctx, params):
    text, year = ctx.doc.folded, ctx.facts.reporting_year
    known = _as_set(params["known"])
    abolished = _as_set(params["abolished"]) if params["abolished"] else frozenset()
    replaced = params["replaced"] or {}
    for m in params["pattern"].finditer(text, timeout=ctx.time_left()):
        title = _VERSION.sub("", m.group(1).strip())
        bare = title[len(_PREFIX):] if title.startswith(_PREFIX) else title
        if bare in replaced:
            since, by = replaced[bare]
            if year is not None and year >= since:
                yield Hit(m.start(1), m.end(1), {"title": title, "by": by, "year": year, "variant": "replaced"})
            continue
        if title in known or bare in known:
            continue
        if params["local"] is not None and params["local"].search(title, timeout=ctx.time_left()):
            continue
        variant = "abolished" if title in abolished or bare in abolished else ""
        yield Hit(m.start(1), m.end(1), {"title": title, **({"variant": variant} if variant else {})})


def _topics(key, value, base):
    """[{name, pattern}]: a YAML data file (path relative to the rule)."""
    entries = _yaml_data(key, value, base, "YAML list of {name, pattern}")
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("name"), str) and isinstance(e.get("pattern"), str)
            for e in entries):
        raise ParamError(key, f"{value}: each topic needs a name and a pattern")
    return [(e["name"], rx.compile(e["pattern"])) for e in entries]


def _expected(params) -> None:
    names = {name for name, _ in params["table"]}
    unknown = [name for name in params.get("expected") or () if name not in names]
    if unknown:
        raise ParamError("expected", f"unknown topic {unknown[0]} (the table has: {', '.join(sorted(names))})")


@check_kind(
    "topics",
    "Which topics of `table` (a YAML list of {name, pattern}) the `scope` covers: one "
    "finding at the scope's heading naming the topics of `expected` (all, when not set) "
    "that no pattern match in the scope shows ({topics}, {count}). A profile sets "
    "`expected` for its reporters. Silent when the scope is absent.",
    table=Custom("the topics (a YAML data file)", convert=_topics, required=True),
    scope=Scope("where the topics must be covered", default="section:measures"),
    expected=Names("the topics this reporter is expected to cover (default: all)", default=None),
    validate=_expected,
    summary=lambda ctx, params: topic_coverage(ctx, params),
)
def run_topics(ctx, params):
    missing = [name for name, status in topic_coverage(ctx, params) if status == "missing"]
    if missing:
        yield Hit(*_scope_anchor(ctx, params["scope"]), {"topics": "、".join(missing), "count": len(missing)})


def topic_coverage(ctx, params) -> list[tuple[str, str]]:
    """Each expected topic, present or missing in the scope (none when the scope is absent):
    what the file's checklist shows. Worked out once per document (the run and the summary)."""
    memo = ctx.__dict__.setdefault("_topic_coverage", {})
    key = id(params)
    if key not in memo:
        memo[key] = _topic_coverage(ctx, params)
    return memo[key]


def _topic_coverage(ctx, params) -> list[tuple[str, str]]:
    ranges = ctx.scope(params["scope"])
    if not ranges:
        return []
    text = ctx.masked
    expected = params["expected"] or [name for name, _ in params["table"]]
    timeout = ctx.time_left()
    return [(name, "present" if any(pattern.search(text, start, end, timeout=timeout) for start, end in ranges)
             else "missing") for name, pattern in params["table"] if name in expected]


def _scope_anchor(ctx, scope: str) -> tuple[int, int]:
    if scope.startswith("section:") and ctx.sections(scope[8:]):
        return ctx.heading_span(ctx.sections(scope[8:])[0])
    return ctx.first_line_anchor()
