"""What checks see of one document: text views, outline with roles, facts, scopes."""
from __future__ import annotations

from functools import cached_property

from lint import limits
from lint.cache import regexes as rx
from lint.checks.literals import Presence
from lint.options import Settings
from lint.parse.document import Document
from lint.parse.facts import Facts, mask_titles, read_facts
from lint.parse.outline import Outline, Section, parse_outline
from lint.parse.roles import assign_roles

SENTENCE_END = rx.compile(r"[。！？；\n]")


class Context:
    def __init__(self, doc: Document, pack, settings: Settings, lang: str = "zh"):
        self.doc = doc
        self.pack = pack
        self.settings = settings
        self.lang = lang
        self.time_budget = float(settings.rule_timeout)
        self.previous: Context | None = None  # last year's report of the unit, when paired
        self._outline_timed_out = False
        self._presence: dict[int, Presence] = {}

    def presence(self, text: str) -> Presence:
        """What characters a text of this document has (a view, remembered by identity)."""
        known = self._presence.get(id(text))
        if known is None or known.text is not text:
            known = self._presence[id(text)] = Presence(text)
        return known

    def time_left(self) -> float | None:
        """The `timeout` of a regex call in a rule (the engine runs each under a limit)."""
        return limits.regex_timeout(self.time_budget)

    @cached_property
    def outline(self) -> Outline:
        if self._outline_timed_out:
            raise TimeoutError  # once is enough: every rule that needs the outline gets E002 at once
        try:
            outline = parse_outline(self.doc, self.pack.organ_pattern)
            assign_roles(self.doc, outline, self.pack.roles)
        except limits.TIMED_OUT:
            self._outline_timed_out = True
            raise
        return outline

    @cached_property
    def facts(self) -> Facts:
        return read_facts(self.doc, self.outline)

    @cached_property
    def masked(self) -> str:
        """Folded text with the inside of every 《》 title blanked out."""
        return mask_titles(self.doc.folded)

    @cached_property
    def _role_sections(self) -> dict[str, list[Section]]:
        """Outermost sections of each role, in document order."""
        by_role: dict[str, list[Section]] = {}
        for section in self.outline.walk():  # pre-order: a parent comes before its children
            for role in section.roles:
                found = by_role.setdefault(role, [])
                if not (found and found[-1].start <= section.start and section.end <= found[-1].end):
                    found.append(section)
        return by_role

    def sections(self, role: str) -> list[Section]:
        """Outermost sections with the role (a sub-section of one is not listed again)."""
        return self._role_sections.get(role, [])

    def role_label(self, role: str) -> str:
        """The role's name in the language of the messages."""
        for spec in self.pack.roles:
            if spec.name == role:
                return spec.label.get(self.lang) or spec.label.get("zh", role)
        return role

    def scope(self, name: str) -> list[tuple[int, int]]:
        """Offset ranges of a named scope; an empty list when the part is absent."""
        doc, outline = self.doc, self.outline
        if name.startswith("section:"):
            return [(s.content_start, s.end) for s in self.sections(name[8:])]
        if name == "document":
            return [(0, len(doc.text))]
        if name in ("title", "opening"):
            lines = outline.title_lines if name == "title" else outline.opening_lines
            return [doc.line_span(i) for i in lines]
        if name == "addressee":
            return [doc.line_span(outline.addressee_line)] if outline.addressee_line is not None else []
        if name == "head":
            return [(0, outline.body_start)] if outline.body_start else []
        if name == "body":
            return [(outline.body_start, outline.body_end)]
        if name == "headings":
            return [(h.start, h.end) for h in outline.headings]
        if name == "signature":
            sig = outline.signature
            return [(sig.start, sig.end)] if sig else []
        if name == "after_signature":
            start = outline.trailing_start
            return [(start, len(doc.text))] if start is not None else []
        raise KeyError(name)

    def sentence_around(self, offset: int, start: int, end: int) -> tuple[int, int]:
        """The sentence containing `offset`, bounded by the range (start, end)."""
        text = self.doc.folded
        left = max(text.rfind(ch, start, offset) for ch in "。！？；\n") + 1
        right = end
        m = SENTENCE_END.search(text, offset, end)
        if m:
            right = m.end()
        return max(left, start), right

    def first_line_anchor(self) -> tuple[int, int]:
        """The first non-blank line: where findings about the whole report point."""
        for i, line in enumerate(self.doc.lines):
            if line.strip():
                start, end = self.doc.line_span(i)
                lead = len(line) - len(line.lstrip())
                return start + lead, end
        return 0, 0

    def heading_span(self, section: Section) -> tuple[int, int]:
        return section.heading.start, section.heading.end


SCOPES = ("document", "title", "addressee", "opening", "head", "body", "headings",
          "signature", "after_signature", "section:<role>")
