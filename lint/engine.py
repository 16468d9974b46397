"""The engine: run the selected rules over one document and turn their hits into
findings (line:column, message in the chosen language, fix, fingerprint), then the
file's checklist of required parts."""
from __future__ import annotations

from bisect import bisect_right
from operator import itemgetter
from pathlib import Path

from lint import limits
from lint.checks import KINDS
from lint.checks.context import Context
from lint.findings import FileResult, Finding, Hit, RuleCrash
from lint.findings.fingerprint import file_fingerprint, fingerprinted
from lint.findings.suppress import apply_suppressions, covered, disabled_for_file
from lint.options import Settings
from lint.pack.load import Pack, Rule
from lint.parse.document import Document
from lint.parse.facts import summary
from lint.read import UnreadableInput, read_draft
from lint.read.text import decode_bytes
from lint.strings import say, words


class _Args(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def format_message(rule: Rule, lang: str, args: dict) -> str:
    """The rule's message (or the variant the hit names) in the language, filled in."""
    variant = rule.message_variants.get(args.get("variant", ""))
    template = rule.text(variant or rule.message, lang)
    try:
        return template.format_map(_Args(args))
    except (ValueError, IndexError, AttributeError):
        return template


def select_rules(pack: Pack, select, ignore) -> list[Rule]:
    """The pack's rules whose IDs start with a `select` prefix (all if none) and with no
    `ignore` prefix, by ID; a rule that is off by default only when selected by its ID."""
    chosen = [rule for rule in pack.rules.values()
              if (rule.enabled or rule.id in select)
              and (not select or rule.id.startswith(tuple(select)))
              and not (ignore and rule.id.startswith(tuple(ignore)))]
    return sorted(chosen, key=lambda r: r.id)


def _fix_dict(doc: Document, edit) -> dict | None:
    if edit is None:
        return None
    line, column, end_line, end_column = doc.span_position(edit.start, edit.end)
    if end_line != line:
        return None  # fixes stay within one line: a line end is never rewritten
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column,
            "replacement": edit.replacement}


def _deferred(findings: list[Finding], defer: dict[str, tuple]) -> list[Finding]:
    """Without the findings of rules that defer to others on the spans those others claim
    (T301 says nothing inside text H404 calls garbled)."""
    claimed: dict[str, list[Finding]] = {}
    for f in findings:
        claimed.setdefault(f.rule, []).append(f)
    claims = {rule: [other for target in targets for other in claimed.get(target, ())]
              for rule, targets in defer.items()}
    claims = {rule: others for rule, others in claims.items() if others}
    if not claims:
        return findings
    lines = {rule: {line for o in others for line in range(o.line, o.end_line + 1)} for rule, others in claims.items()}
    return [f for f in findings if f.rule not in claims
            or (f.line == f.end_line and f.line not in lines[f.rule])  # most: one line no claim is on
            or not any(_overlap(f, other) for other in claims[f.rule])]


def _overlap(a: Finding, b: Finding) -> bool:
    return (a.line, a.column) < (b.end_line, b.end_column) and (b.line, b.column) < (a.end_line, a.end_column)


_finding_row = tuple.__new__  # a Finding from all its values, in C (the named tuple's __new__ is Python)
MESSAGES_REMEMBERED = 4096
MAX_FINDINGS_PER_RULE = 1000  # per file: past this a rule's findings say how many more there are
BY_POSITION = itemgetter(10, 1, 2, 5, 7)  # a Finding's part, line, column, rule, message


class Linter:
    def __init__(self, pack: Pack, rules: list[Rule], settings: Settings | None = None, lang: str = "zh"):
        self.pack = pack
        self.rules = rules
        self.settings = settings or Settings()
        self.lang = lang
        self.fingerprints = True  # give findings their fingerprints (for baselines, SARIF, GitLab)
        self._messages: dict[tuple, str] = {}

    def lint_path(self, path: Path, display: str | None = None, data: bytes | None = None,
                  previous: Path | None = None) -> FileResult:
        """Lint a file; `data`: its bytes when the caller has read them already; `previous`:
        the unit's report of the year before, for the rules that compare (X5xx)."""
        doc = self.read(path, display, data)
        if isinstance(doc, FileResult):
            return doc
        earlier = self.read(previous) if previous is not None else None
        return self.lint_document(doc, earlier if isinstance(earlier, Document) else None)

    def read(self, path: Path, display: str | None = None, data: bytes | None = None) -> Document | FileResult:
        """The decoded document, or the E001 result that says why it cannot be read."""
        name = display or str(path)
        try:
            source = read_draft(path, self.settings.max_bytes, self.settings.encoding, data)
        except UnreadableInput as exc:
            return self.unreadable(name, exc)
        return Document(name, source)

    def lint_text(self, text: str, path: str = "<text>", previous: str | None = None) -> FileResult:
        try:
            source = decode_bytes(text.encode("utf-8"))
            earlier = Document("<previous>", decode_bytes(previous.encode("utf-8"))) if previous else None
        except UnreadableInput as exc:
            return self.unreadable(path, exc)
        return self.lint_document(Document(path, source), earlier)

    def lint_document(self, doc: Document, previous: Document | None = None) -> FileResult:
        """The body's findings, then those of the other parts (headers, footnotes …)
        from the rules that check those parts. With `previous` (last year's report of
        the unit), the rules that compare the two run too."""
        with limits.ticking():
            return self._lint_document(doc, previous)

    def _lint_document(self, doc: Document, previous: Document | None) -> FileResult:
        ctx = Context(doc, self.pack, self.settings, self.lang)
        if previous is not None:
            ctx.previous = Context(previous, self.pack, self.settings, self.lang)
        body = self._findings(ctx, [rule for rule in self.rules if "body" in rule.file_parts])
        kept = apply_suppressions(doc.lines, body)
        findings = self._fingerprinted(doc, kept)
        for part in doc.source.parts:
            rules = [rule for rule in self.rules if part.kind in rule.file_parts]
            if rules:
                part_doc = Document(doc.path, part.source, part.id)
                found = self._findings(Context(part_doc, self.pack, self.settings, self.lang), rules)
                findings += self._fingerprinted(part_doc, found)
        findings.sort(key=BY_POSITION)
        findings = self._with_pages(doc, findings)
        switched_off = {f.rule for f in body} - {f.rule for f in kept}
        try:
            checklist, facts = self._checklist(ctx, kept, switched_off), summary(doc, ctx.outline, ctx.facts)
        except limits.TIMED_OUT:  # the outline's patterns timed out (E002 says so): nothing can be told present
            checklist, facts = [(ctx.role_label(part.role), "unchecked") for part in self.pack.parts], None
        return FileResult(doc.path, findings, checklist, doc.lines, facts=facts,
                          coverage=self._coverage(ctx, switched_off))

    def _with_pages(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """Where the reader finds a finding in a paged original (a PDF): its page."""
        pages = {mark.line: mark.detail for mark in doc.source.marks if mark.kind == "page"}
        if not pages:
            return findings
        return [f._replace(message=say(self.lang, "page.at", message=f.message, page=pages[f.line - 1]))
                if not f.part and f.line - 1 in pages else f for f in findings]

    def _findings(self, ctx: Context, rules: list[Rule]) -> list[Finding]:
        findings: list[Finding] = []
        for rule in rules:
            findings.extend(self._run_rule(ctx, rule))
        if any(rule.defer_to for rule in rules):
            findings = _deferred(findings, {rule.id: rule.defer_to for rule in rules if rule.defer_to})
        return sorted(findings, key=BY_POSITION)

    def _fingerprinted(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        return fingerprinted(doc.path, doc.lines, findings, doc.part) if self.fingerprints else findings

    def _run_rule(self, ctx: Context, rule: Rule) -> list[Finding]:
        try:
            with limits.limit(ctx.time_budget):
                hits = list(KINDS[rule.check].run(ctx, rule.params))
        except limits.TIMED_OUT:
            return self._engine_finding(ctx.doc, "E002", ctx.first_line_anchor(),
                                        {"rule": rule.id, "seconds": ctx.time_budget})
        except Exception as exc:  # noqa: BLE001 - reported with the rule and file, not as a traceback
            raise RuleCrash(rule.id, ctx.doc.path, exc) from exc
        if not hits:  # most rules on most drafts
            return []
        if len(hits) > MAX_FINDINGS_PER_RULE:  # a pathological file (10^6 headings): the first ones, and a count
            more = len(hits) - MAX_FINDINGS_PER_RULE
            findings = self._findings_of(ctx.doc, rule, hits[:MAX_FINDINGS_PER_RULE])
            last = findings[-1]
            return findings[:-1] + [last._replace(message=say(self.lang, "findings.more", message=last.message,
                                                              count=more))]
        return self._findings_of(ctx.doc, rule, hits)

    def _findings_of(self, doc: Document, rule: Rule, hits: list[Hit]) -> list[Finding]:
        """The hits as findings. A dense draft gives a hundred a rule, nearly all on the
        line of the one before and with a fix over their own span: that case is done
        here without a search; any other goes through _finding."""
        if doc.generated:
            return [self._finding(doc, rule, hit) for hit in hits]
        starts, lines, path, part, rule_id, severity = \
            doc.line_starts, doc.source.lines, doc.path, doc.part, rule.id, rule.severity
        message, said = self._message, {}  # said: id of shared arguments -> their message
        findings = []
        index, line_start, line_end = -1, 0, -1
        for hit in hits:
            start, end, fix, args = hit.start, hit.end, hit.fix, hit.args
            if end <= start:
                end = start + 1
            if not line_start <= start <= line_end:
                index = bisect_right(starts, start) - 1
                line_start = starts[index]
                line_end = line_start + len(lines[index])
            if end > line_end or (fix is not None and (fix.start != hit.start or fix.end != end)):
                findings.append(self._finding(doc, rule, hit))
                continue
            line, column, end_column = index + 1, start - line_start + 1, end - line_start + 1
            fix_dict = None if fix is None else {"line": line, "column": column, "end_line": line,
                                                 "end_column": end_column, "replacement": fix.replacement}
            text = said.get(id(args))  # the hits of one matched text share their arguments
            if text is None:
                text = said[id(args)] = message(rule, args)
            findings.append(_finding_row(Finding, (path, line, column, line, end_column, rule_id, severity, text,
                                                   fix_dict, "", part)))
        return findings

    def _finding(self, doc: Document, rule: Rule, hit: Hit) -> Finding:
        start, end, fix = hit.start, max(hit.end, hit.start + 1), hit.fix
        if doc.generated:
            generated = doc.generated_span(start)
            if generated:  # on an automatic number: the whole number, never a fix (it is not text)
                start, end, fix = generated[0], max(generated[1], generated[0] + 1), None
            elif fix is not None and any(fix.start < e and s < fix.end for s, e in doc.generated):
                fix = None
        return Finding(doc.path, *doc.span_position(start, end), rule.id, rule.severity,
                       self._message(rule, hit.args), _fix_dict(doc, fix), "", doc.part)

    def _message(self, rule: Rule, args: dict) -> str:
        """The formatted message, remembered: a dense draft repeats a few (match,
        replacement) pairs hundreds of times."""
        try:
            key = (rule.id, *args.items())
            message = self._messages.get(key)
        except TypeError:  # an argument that cannot be a key
            return format_message(rule, self.lang, args)
        if message is None:
            if len(self._messages) > MESSAGES_REMEMBERED:
                self._messages.clear()
            message = self._messages[key] = format_message(rule, self.lang, args)
        return message

    def _engine_finding(self, doc: Document | None, rule_id: str, span, args: dict, path: str = "") -> list[Finding]:
        rule = self.pack.rules.get(rule_id)
        if rule is None or rule not in self.rules:
            return []
        if doc is None:
            return [Finding(path, 1, 1, 1, 2, rule.id, rule.severity, format_message(rule, self.lang, args),
                            fingerprint=file_fingerprint(rule.id, path))]
        return [self._finding(doc, rule, Hit(span[0], span[1], args))]

    def unreadable(self, path: str, exc: UnreadableInput) -> FileResult:
        reason = words(self.lang).get(f"unreadable.{exc.reason}", exc.reason)
        if exc.detail:
            reason = say(self.lang, "unreadable.detail", reason=reason, detail=exc.detail)
        return FileResult(path, self._engine_finding(None, "E001", None, {"reason": reason}, path))

    def not_fixed(self, result: FileResult, reason: str) -> FileResult:
        """`result` with E003: --fix left the file as it was, for `reason`."""
        result.findings[:0] = self._engine_finding(None, "E003", None, {"reason": reason}, result.path)
        return result

    def _coverage(self, ctx: Context, switched_off: set) -> list[tuple[str, str]]:
        """What the selected rules whose kind summarises show (not those switched off)."""
        disabled = disabled_for_file(ctx.doc.lines)
        found = []
        for rule in self.rules:
            kind = KINDS[rule.check]
            if kind.summary and rule.id not in switched_off and not covered(rule.id, disabled):
                try:
                    with limits.limit(ctx.time_budget):
                        found += kind.summary(ctx, rule.params)
                except limits.TIMED_OUT:
                    continue  # the rule's own run reported E002
        return found

    def _checklist(self, ctx: Context, findings: list[Finding], switched_off: set) -> list[tuple[str, str]]:
        """Each required part: present, missing, or unchecked when its rule did not run or
        a suppression comment switched it off (never "present" for a part not checked)."""
        disabled = disabled_for_file(ctx.doc.lines)
        selected = {r.id for r in self.rules if r.id not in switched_off and not covered(r.id, disabled)}
        fired = {f.rule for f in findings}
        checklist = []
        lost = bool(ctx.outline.run_on)  # no outline: the parts cannot be told present or missing
        for part in self.pack.parts:
            label = ctx.role_label(part.role)
            status = ("unchecked" if part.rule not in selected or lost
                      else "missing" if part.rule in fired else "present")
            checklist.append((label, status))
        return checklist

