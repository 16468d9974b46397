"""Fix mode (--fix, --diff): apply the findings' edits and write the draft back without risk.

A draft is often the only copy, so: edits stay within a line and never overlap
(the first wins, the rest are reported and tried again in the next pass); the
file is rewritten only if its bytes re-encode exactly as read, only if it did
not change meanwhile, and atomically (a temporary file beside it, then rename),
keeping encoding, BOM, line ends and permissions.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import replace
from pathlib import Path

import click

from lint.engine import Linter
from lint.files import write_atomically
from lint.findings import FileResult
from lint.parse.document import Document
from lint.read import rewritable
from lint.read.source import UnreadableInput, regular_file_size
from lint.read.text import decode_bytes, encode_source
from lint.record import record
from lint.strings import say

MAX_PASSES = 10


class FixRefused(Exception):
    """The file is left untouched; `key` and `args` (lint.strings) say why."""

    def __init__(self, key: str, **args):
        super().__init__(key)
        self.key = key
        self.args_ = args

    def reason(self, lang: str) -> str:
        return say(lang, self.key, **self.args_)


@record
class FixOutcome:
    path: str
    before: Document | None
    after: Document | None
    applied: int
    result: FileResult  # what remains after fixing

    @property
    def changed(self) -> bool:
        return self.applied > 0


def apply_edits(lines: list[str], fixes: list[dict]) -> tuple[list[str], int]:
    """Apply single-line edits (1-based line, column; end exclusive), left to right,
    skipping any that overlaps one already applied. Returns new lines and the count."""
    edits = sorted({(f["line"] - 1, f["column"] - 1, f["end_column"] - 1, f["replacement"])
                    for f in fixes if f["line"] == f["end_line"]})
    new_lines = list(lines)
    applied = 0
    index = 0
    while index < len(edits):
        line = edits[index][0]
        group = []
        while index < len(edits) and edits[index][0] == line:
            group.append(edits[index])
            index += 1
        new_lines[line], count = _apply_line(lines[line], group)
        applied += count
    return new_lines, applied


def _apply_line(text: str, edits: list[tuple]) -> tuple[str, int]:
    pieces, position, count = [], 0, 0
    for _, start, end, replacement in edits:
        if start < position or end > len(text) or (start == position and count and start == end):
            continue  # overlaps an edit already taken: left for the next pass
        pieces += [text[position:start], replacement]
        position = end
        count += 1
    pieces.append(text[position:])
    return "".join(pieces), count


def applicable(linter: Linter, unsafe: bool):
    """Whether a finding's fix is applied: safe fixes always, unsafe ones (they change
    words, not punctuation or spaces) only with --unsafe-fixes."""
    rules = linter.pack.rules

    def test(finding) -> bool:
        rule = rules.get(finding.rule)
        return finding.fix is not None and (unsafe or rule is None or rule.fix_safety == "safe")
    return test


def fix_document(linter: Linter, doc: Document, unsafe: bool = False) -> tuple[Document, int, FileResult]:
    """Lint, apply the fixes, lint again … until nothing more is fixable."""
    total = 0
    wanted = applicable(linter, unsafe)
    for _ in range(MAX_PASSES):
        result = linter.lint_document(doc)
        fixes = [f.fix for f in result.findings if wanted(f)]
        if not fixes:
            return doc, total, result
        lines, applied = apply_edits(doc.lines, fixes)
        if not applied:
            return doc, total, result
        total += applied
        doc = Document(doc.path, replace(doc.source, lines=lines))
    return doc, total, linter.lint_document(doc)


def fix_path(linter: Linter, path: Path, write: bool, unsafe: bool = False) -> FixOutcome:
    """Fix one file; with `write`, put the result in place. Raises FixRefused."""
    name = str(path)
    try:
        if regular_file_size(path) > linter.settings.max_bytes:
            return FixOutcome(name, None, None, 0, linter.lint_path(path))
        target = Path(os.path.realpath(path))
        stat = target.stat()
        data = target.read_bytes()
    except (OSError, UnreadableInput):
        return FixOutcome(name, None, None, 0, linter.lint_path(path))
    try:
        source = decode_bytes(data, linter.settings.encoding)
    except UnreadableInput:
        return FixOutcome(name, None, None, 0, linter.lint_path(path))
    if encode_source(source) != data:
        raise FixRefused("fix.reencode")
    before = Document(name, source)
    after, applied, result = fix_document(linter, before, unsafe)
    if applied and write:
        try:
            new_data = encode_source(after.source)
        except UnicodeEncodeError as exc:
            raise FixRefused("fix.unencodable", encoding=source.encoding, reason=exc.reason) from None
        write_atomic(path, new_data, expected=(identity(stat), data))
    return FixOutcome(name, before, after, applied, result)


def identity(stat: os.stat_result) -> tuple:
    """What tells a file from another and from its earlier self: device, inode, size,
    modification and change times (ctime catches an edit whose mtime was put back)."""
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def write_atomic(path: Path, data: bytes, expected: tuple | None = None) -> None:
    """Replace the file's content in one rename, keeping its permissions; follows a
    symlink to its target. `expected`: (identity, bytes) of the file as it was read: the
    path must still lead to that file, unchanged, and the file must be writable by its
    mode; otherwise FixRefused and the file is untouched."""
    target = Path(os.path.realpath(path))
    try:
        stat = target.stat()
        if expected and (identity(stat) != expected[0] or target.read_bytes() != expected[1]):
            raise FixRefused("fix.changed")
        if not stat.st_mode & 0o222:
            raise FixRefused("fix.read_only")
        write_atomically(target, data, like=stat, durable=True)
    except OSError as exc:
        raise FixRefused("fix.write_failed", reason=exc.strerror or str(exc)) from None


def unified_diff(outcome: FixOutcome) -> str:
    if not outcome.changed:
        return ""
    before = [line + "\n" for line in outcome.before.lines]
    after = [line + "\n" for line in outcome.after.lines]
    return "".join(difflib.unified_diff(before, after, outcome.path, outcome.path))


class FixTally:
    def __init__(self):
        self.fixes = 0
        self.files = 0

    def add(self, applied: int) -> None:
        if applied:
            self.fixes += applied
            self.files += 1

    def summary(self, lang: str, done: bool = True) -> str:
        return fix_summary(self.fixes, self.files, lang, done)


def fix_summary(fixes: int, files: int, lang: str, done: bool = True) -> str:
    return say(lang, "fix.done" if done else "fix.would", fixes=fixes, files=files)


def fix_file(linter: Linter, path: Path, lang: str, unsafe: bool = False) -> tuple[FileResult, int]:
    """--fix on one file: the findings that remain and how many were fixed. A file
    that cannot be fixed is linted as it is, with E003 saying why it was not fixed."""
    if not rewritable(path):
        _tell(path, say(lang, "fix.not_text"))
        return linter.lint_path(path), 0
    try:
        outcome = fix_path(linter, path, write=True, unsafe=unsafe)
    except FixRefused as exc:
        return linter.not_fixed(linter.lint_path(path), exc.reason(lang)), 0
    except OSError as exc:  # disk full, file too large, a folder that cannot be written, the draft gone
        reason = say(lang, "fix.write_failed", reason=exc.strerror or str(exc))
        return linter.not_fixed(linter.lint_path(path), reason), 0
    return outcome.result, outcome.applied


def print_diffs(linters, files: list[Path], lang: str, quiet: bool, unsafe: bool = False) -> int:
    """--diff: the fixes as a unified diff, nothing written; 1 if there is something to fix."""
    tally = FixTally()
    for path in files:
        if not rewritable(path):
            _tell(path, say(lang, "fix.not_text"))
            continue
        try:
            outcome = fix_path(linters.for_path(path), path, write=False, unsafe=unsafe)
        except FixRefused as exc:
            _tell(path, f"{say(lang, 'fix.refused')}: {exc.reason(lang)}")
            continue
        tally.add(outcome.applied)
        click.echo(unified_diff(outcome), nl=False)
    if not quiet:
        click.echo(tally.summary(lang, done=False), err=True)
    return 1 if tally.fixes else 0


def _tell(path: Path, text: str) -> None:
    click.echo(f"reportlint: {path}: {text}", err=True)
