"""Run the selected rules over documents and turn hits into findings."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from lint.checks import KINDS
from lint.checks.context import Context
from lint.parse.document import Document
from lint.findings import FileResult, Finding, Hit, RuleCrash, split_codes  # noqa: F401 - re-exported
from lint.pack.load import Pack, Rule
from lint.read.source import DEFAULT_MAX_BYTES, UnreadableInput, decode_bytes, read_source
from lint.findings.suppress import apply_suppressions

DEFAULT_SETTINGS = {"reporter": "department", "rule_timeout": 5.0, "max_bytes": DEFAULT_MAX_BYTES,
                    "encoding": None}

UNREADABLE = {
    "zh": {"empty": "文件为空", "binary": "文件是二进制数据，不是文本", "too_large": "文件超过大小上限",
           "decode": "无法识别文件编码（支持 UTF-8、GB18030）", "permission": "没有读取权限",
           "is_directory": "这是一个目录", "os_error": "无法读取文件", "docx": "不是有效的 Word 文件",
           "not_regular": "不是普通文件（管道、设备等）"},
    "en": {"empty": "the file is empty", "binary": "the file is binary, not text",
           "too_large": "the file exceeds the size limit",
           "decode": "cannot determine the encoding (UTF-8 and GB18030 are supported)",
           "permission": "permission denied", "is_directory": "this is a directory",
           "os_error": "cannot read the file", "docx": "not a valid Word file",
           "not_regular": "not a regular file (a pipe, a device …)"},
}


class _Args(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def format_message(rule: Rule, lang: str, args: dict) -> str:
    template = rule.text(rule.message, lang)
    try:
        return template.format_map(_Args(args))
    except (ValueError, IndexError, AttributeError):
        return template


def select_rules(pack: Pack, select: list[str] | None, ignore: list[str] | None) -> list[Rule]:
    chosen = []
    for rule in pack.rules.values():
        if select and not any(rule.id.startswith(p) for p in select):
            continue
        if ignore and any(rule.id.startswith(p) for p in ignore):
            continue
        chosen.append(rule)
    return sorted(chosen, key=lambda r: r.id)


NEIGHBOURHOOD = 8  # characters each side of a finding that belong to its fingerprint


def fingerprinted(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Give each finding a fingerprint from its rule, file and text in context; the
    n-th identical one gets n in its hash, so repeats stay distinct and stable."""
    path = portable_path(doc.path)
    seen: dict[str, int] = {}
    result = []
    for f in findings:
        line = doc.lines[f.line - 1] if 0 < f.line <= len(doc.lines) else ""
        end = f.end_column if f.end_line == f.line else len(line) + 1
        context = line[max(0, f.column - 1 - NEIGHBOURHOOD):end - 1 + NEIGHBOURHOOD].strip()
        base = hashlib.sha256(f"{f.rule}\0{path}\0{context}".encode("utf-8", "surrogatepass")).hexdigest()
        n = seen.get(base, 0)
        seen[base] = n + 1
        result.append(f._replace(fingerprint=hashlib.sha256(f"{base}:{n}".encode()).hexdigest()[:32]))
    return result


def portable_path(path: str) -> str:
    if path.startswith("<"):
        return path
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def _fix_dict(doc: Document, edit) -> dict | None:
    if edit is None:
        return None
    line, column = doc.position(edit.start)
    end_line, end_column = doc.position(edit.end)
    if end_line != line:
        return None  # fixes stay within one line: a line end is never rewritten
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column,
            "replacement": edit.replacement}


class Linter:
    def __init__(self, pack: Pack, rules: list[Rule], settings: dict | None = None, lang: str = "zh"):
        self.pack = pack
        self.rules = rules
        self.settings = {**DEFAULT_SETTINGS, **(settings or {})}
        self.lang = lang

    def lint_path(self, path: Path, display: str | None = None, data: bytes | None = None) -> FileResult:
        doc = self.read(path, display, data)
        return doc if isinstance(doc, FileResult) else self.lint_document(doc)

    def read(self, path: Path, display: str | None = None, data: bytes | None = None) -> Document | FileResult:
        """The decoded document, or the E001 result that says why it cannot be read.
        `data`: the file's bytes when the caller has read them already."""
        name = display or str(path)
        try:
            if path.suffix.lower() == ".docx":
                from lint.read.word import read_docx

                source = read_docx(path, self.settings["max_bytes"], data)
            elif data is not None:
                source = decode_bytes(data, self.settings["encoding"])
            else:
                source = read_source(path, self.settings["max_bytes"], self.settings["encoding"])
        except UnreadableInput as exc:
            return self._unreadable(name, exc)
        return Document(name, source)

    def lint_text(self, text: str, path: str = "<text>") -> FileResult:
        try:
            source = decode_bytes(text.encode("utf-8"))
        except UnreadableInput as exc:
            return self._unreadable(path, exc)
        return self.lint_document(Document(path, source))

    def lint_document(self, doc: Document) -> FileResult:
        ctx = Context(doc, self.pack, self.settings, float(self.settings["rule_timeout"]))
        ctx.lang = self.lang
        findings: list[Finding] = []
        for rule in self.rules:
            findings.extend(self._run_rule(ctx, rule))
        findings.sort(key=Finding.sort_key)
        findings = fingerprinted(doc, apply_suppressions(doc.lines, findings))
        return FileResult(doc.path, findings, self._checklist(ctx, findings), doc.lines)

    def _run_rule(self, ctx: Context, rule: Rule) -> list[Finding]:
        ctx.start_rule()
        try:
            hits = list(KINDS[rule.check].run(ctx, rule.params))
        except TimeoutError:
            return self._engine_finding(ctx.doc, "E002", ctx.first_line_anchor(),
                                        {"rule": rule.id, "seconds": ctx.time_budget})
        except Exception as exc:  # noqa: BLE001 - reported with the rule and file, not as a traceback
            raise RuleCrash(rule.id, ctx.doc.path, exc) from exc
        return [self._finding(ctx.doc, rule, hit) for hit in hits]

    def _finding(self, doc: Document, rule: Rule, hit: Hit) -> Finding:
        line, column = doc.position(hit.start)
        end_line, end_column = doc.position(max(hit.end, hit.start + 1))
        return Finding(doc.path, line, column, end_line, end_column, rule.id, rule.severity,
                       format_message(rule, self.lang, hit.args), _fix_dict(doc, hit.fix))

    def _engine_finding(self, doc: Document | None, rule_id: str, span, args: dict, path: str = "") -> list[Finding]:
        rule = self.pack.rules.get(rule_id)
        if rule is None or rule not in self.rules:
            return []
        if doc is None:
            fingerprint = hashlib.sha256(f"{rule.id}\0{portable_path(path)}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
            return [Finding(path, 1, 1, 1, 2, rule.id, rule.severity, format_message(rule, self.lang, args),
                            fingerprint=fingerprint)]
        return [self._finding(doc, rule, Hit(span[0], span[1], args))]

    def _unreadable(self, path: str, exc: UnreadableInput) -> FileResult:
        reason = UNREADABLE.get(self.lang, UNREADABLE["zh"]).get(exc.reason, exc.reason)
        if exc.detail:
            reason = f"{reason}（{exc.detail}）" if self.lang == "zh" else f"{reason} ({exc.detail})"
        return FileResult(path, self._engine_finding(None, "E001", None, {"reason": reason}, path))

    def _checklist(self, ctx: Context, findings: list[Finding]) -> list[tuple[str, str]]:
        selected = {r.id for r in self.rules}
        fired = {f.rule for f in findings}
        checklist = []
        for part in self.pack.parts:
            label = ctx.role_label(part.role, self.lang)
            status = "unchecked" if part.rule not in selected else "missing" if part.rule in fired else "present"
            checklist.append((label, status))
        return checklist
