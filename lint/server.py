"""`reportlint server`: a language server (LSP over stdio, built on pygls) for drafts kept
as .txt/.md in a document repository. It lints a draft on open, change and save and
publishes the findings as diagnostics (the same findings `check --format json` gives
for the same text, under the configuration found from the draft's folder), and offers
each safe fix as a quick fix, and all of a draft's safe fixes as `source.fixAll`.

Positions: findings count code points; LSP counts UTF-16 code units unless the client
agrees to code points, so columns are converted with the line's text (a character
beyond the Basic Multilingual Plane is two units).
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from lint import __version__
from lint.read import TEXT_SUFFIXES

FIX_ALL = "source.fixAll.reportlint"


class ServerMissing(Exception):
    """pygls is not installed."""


class DraftLinter:
    """Lints the text of an open draft as `check` would lint the file: its configuration
    is the one found from the draft's folder (one set of linters per configuration)."""

    def __init__(self):
        self._linters: dict[str, object] = {}

    def lint(self, path: Path, text: str):
        """(result, linter) for the text as the draft at `path`."""
        linters = self._for(path)
        linter = linters.for_path(path)
        return linter.lint_path(path, str(path), text.encode("utf-8")), linter

    def _for(self, path: Path):
        from lint.config import find_config
        from lint.linters import Linters
        from lint.options import build_options

        config = find_config(path.parent)
        key = str(config)
        if key not in self._linters:
            options = build_options(config_path=config, isolated=config is None, no_cache=True)
            self._linters[key] = Linters(options)
        return self._linters[key]


def path_of(uri: str) -> Path | None:
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def utf16_column(line: str, column: int) -> int:
    """The 0-based UTF-16 column of a 1-based code-point column."""
    prefix = line[:max(0, column - 1)]
    return len(prefix.encode("utf-16-le", "surrogatepass")) // 2


def create_server():
    try:
        from lsprotocol import types
        from pygls.lsp.server import LanguageServer
    except ImportError:
        raise ServerMissing("the language server needs pygls: pip install 'reportlint[lsp]'") from None

    server = LanguageServer("reportlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
    drafts = DraftLinter()
    fixes: dict[str, list] = {}  # uri -> the safe fixes of its last lint: (diagnostic, TextEdit)

    def lint(uri: str) -> None:
        path = path_of(uri)
        if path is None or path.suffix.lower() not in TEXT_SUFFIXES:
            return
        document = server.workspace.get_text_document(uri)
        from lint.fix import applicable

        result, linter = drafts.lint(path, document.source)
        diagnostics, fixes[uri] = diagnosed(types, result.findings, document.source.split("\n"),
                                            applicable(linter, unsafe=False))
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=document.version))

    for event in (types.TEXT_DOCUMENT_DID_OPEN, types.TEXT_DOCUMENT_DID_CHANGE, types.TEXT_DOCUMENT_DID_SAVE):
        server.feature(event)(lambda ls, params: lint(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: types.DidCloseTextDocumentParams) -> None:
        fixes.pop(params.text_document.uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    def code_action(ls, params: types.CodeActionParams) -> list:
        return code_actions(types, params, fixes.get(params.text_document.uri, []))

    return server


def diagnosed(types, findings, lines: list[str], safe) -> tuple[list, list]:
    """The findings as LSP diagnostics, and the safe fixes as (diagnostic, TextEdit)."""
    severities = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
                  "info": types.DiagnosticSeverity.Information}

    def position(line: int, column: int):
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return types.Position(line=max(0, line - 1), character=utf16_column(text, column))

    diagnostics, safe_fixes = [], []
    for f in findings:
        if f.part:
            continue  # not in the text the editor shows
        span = types.Range(start=position(f.line, f.column), end=position(f.end_line, f.end_column))
        diagnostic = types.Diagnostic(range=span, message=f.message, severity=severities[f.severity],
                                      code=f.rule, source="reportlint")
        diagnostics.append(diagnostic)
        if safe(f):
            fix = f.fix
            edit_range = types.Range(start=position(fix["line"], fix["column"]),
                                     end=position(fix["end_line"], fix["end_column"]))
            safe_fixes.append((diagnostic, types.TextEdit(range=edit_range, new_text=fix["replacement"])))
    return diagnostics, safe_fixes


def code_actions(types, params, available: list) -> list:
    """A quick fix for each safe fix in the range asked about; all of them as fixAll."""
    uri, wanted = params.text_document.uri, params.context.only
    actions = []
    if not wanted or types.CodeActionKind.QuickFix in wanted:
        for diagnostic, edit in available:
            if _overlaps(diagnostic.range, params.range):
                actions.append(types.CodeAction(
                    title=f"reportlint: {diagnostic.code} → “{edit.new_text}”", kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic], edit=types.WorkspaceEdit(changes={uri: [edit]}), is_preferred=True))
    if available and (not wanted or any(kind.startswith("source") for kind in wanted)):
        actions.append(types.CodeAction(
            title="reportlint: 修复全部安全问题 (fix all safe findings)", kind=FIX_ALL,
            edit=types.WorkspaceEdit(changes={uri: _without_overlaps([edit for _, edit in available])})))
    return actions


def _key(position) -> tuple[int, int]:
    return position.line, position.character


def _overlaps(a, b) -> bool:
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _without_overlaps(edits: list) -> list:
    """Edits that do not overlap, the first of each overlapping group kept (LSP forbids overlaps)."""
    kept, end = [], (-1, -1)
    for edit in sorted(edits, key=lambda e: (_key(e.range.start), _key(e.range.end))):
        if _key(edit.range.start) >= end:
            kept.append(edit)
            end = _key(edit.range.end)
    return kept


def serve() -> None:
    create_server().start_io()
