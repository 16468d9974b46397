"""`reportlint annotate`: a copy of a Word draft with every finding as a Word comment
anchored on its span (author reportlint; the rule, the message and the fix if there is
one), the copy a reviewer sends back to the drafter. The original is never written.
Comments of an earlier annotation are removed first, so annotating twice does not
stack them. A finding outside the body (a header, a footnote …), or on text Word
generates (an automatic number), is anchored at the start of its paragraph or of the
document, and its comment names where it is.
"""
from __future__ import annotations

import copy
import io
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.run import Run

from lint.files import write_atomically
from lint.findings import FileResult, Finding
from lint.read.word import OWN_COMMENTS as AUTHOR  # the reader skips these
from lint.read.word import body_lines
from lint.report import shown_message
from lint.strings import say

INITIALS = "RL"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class AnnotateError(Exception):
    """The file cannot be annotated (not a .docx, or one python-docx cannot open)."""


SUFFIX = "-审阅"


def annotate_all(paths: list[Path], output: Path | None, options) -> None:
    """Annotate the Word drafts named or found under `paths`; say on stderr what was written."""
    import click

    from lint.linters import Linters
    from lint.read import is_word
    from lint.read.discover import discover

    named = {path.resolve() for path in paths if not path.is_dir()}
    # annotated copies found in a directory are not annotated again; one named is
    drafts = [p for p in discover(paths) if is_word(p) and (p.resolve() in named or not p.stem.endswith(SUFFIX))]
    if not drafts:
        raise AnnotateError("no Word (.docx) drafts to annotate")
    if output is not None and len(drafts) > 1 and output.suffix.lower() == ".docx":
        raise AnnotateError(f"{output}: several drafts need a directory for their annotated copies")
    linters = Linters(options)
    for draft in drafts:
        target = _target(draft, output, paths)
        if target.resolve() == draft.resolve():
            raise AnnotateError(f"{draft}: the annotated copy must not replace the draft")
        target.parent.mkdir(parents=True, exist_ok=True)
        count = annotate(draft, target, linters.for_path(draft).lint_path(draft), options.lang)
        click.echo(say(options.lang, "annotate.wrote", target=target, count=count), err=True)


def _target(draft: Path, output: Path | None, roots: list[Path]) -> Path:
    name = f"{draft.stem}{SUFFIX}{draft.suffix}"
    if output is None:
        return draft.with_name(name)
    if output.suffix.lower() == ".docx":
        return output
    for root in roots:
        if root.is_dir() and draft.is_relative_to(root):
            return output / draft.relative_to(root).parent / name
    return output / name


def annotate(source: Path, target: Path, result: FileResult, lang: str) -> int:
    """Write `target`: `source` with the result's findings as comments; the count."""
    try:
        document = docx.Document(str(source))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise AnnotateError(f"{source}: cannot open as a Word file: {exc}") from None
    _remove_earlier_comments(document)
    anchors = _Anchors(document)
    for finding in sorted(result.findings, key=lambda f: (bool(f.part), -f.line, -f.column)):
        first, last = anchors.runs(finding)
        document.add_comment([first, last], text=comment_text(finding, lang), author=AUTHOR, initials=INITIALS)
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomically(target, buffer.getvalue())
    return len(result.findings)


def comment_text(finding: Finding, lang: str) -> str:
    text = f"{finding.rule} {shown_message(finding, lang)}"
    if finding.fix:
        text += say(lang, "annotate.fix", replacement=finding.fix["replacement"] or say(lang, "annotate.delete"))
    return text


def _remove_earlier_comments(document) -> None:
    part = document.part
    try:
        comments = part.part_related_by(RT.COMMENTS).element
    except KeyError:
        return
    ours = {c.get(f"{W}id") for c in comments.iterchildren(f"{W}comment") if c.get(f"{W}author") == AUTHOR}
    for comment in list(comments.iterchildren(f"{W}comment")):
        if comment.get(f"{W}id") in ours:
            comments.remove(comment)
    body = document.element.body
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for element in list(body.iter(f"{W}{tag}")):
            if element.get(f"{W}id") in ours:
                element.getparent().remove(element)
    for reference in list(body.iter(f"{W}commentReference")):
        if reference.get(f"{W}id") in ours:
            run = reference.getparent()
            run.getparent().remove(run)


class _Anchors:
    """Runs to anchor a finding's comment on, splitting runs at the span's ends."""

    def __init__(self, document):
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        self.document = document
        self.lines = body_lines(document.element.body, document.styles.element, numbering)
        self.by_line: dict[int, list] = {}
        for line, start, end, element in self.lines.segments:
            self.by_line.setdefault(line, []).append([start, end, element])

    def runs(self, finding: Finding):
        """(first run, last run) of the span; findings are asked for from the last to the
        first, so splitting a run never moves a span still to come."""
        if finding.part or finding.line > len(self.lines.paragraph_of):
            return (self._paragraph_start(0),) * 2
        line = finding.line - 1
        end_column = finding.end_column if finding.end_line == finding.line else 10**9
        start = self._split(line, finding.column - 1)
        end = self._run_before(line, end_column - 1)
        if start is None or end is None:
            return (self._paragraph_start(line),) * 2
        return Run(start, None), Run(end, None)

    def _paragraph_start(self, line: int):
        """A run at the start of the line's paragraph (an empty one is made if needed)."""
        paragraphs = self.lines.paragraph_of
        p = paragraphs[line] if line < len(paragraphs) and paragraphs[line] is not None else None
        if p is None:
            p = self.document.paragraphs[0]._p if self.document.paragraphs else self.document.add_paragraph()._p
        run = p.find(f"{W}r")
        if run is None:
            run = parse_xml(f"<w:r {nsdecls('w')}/>")
            p.append(run)
        return Run(run, None)

    def _split(self, line: int, column: int):
        """The run that starts at `column` of the line (split off if needed), or None."""
        for segment in self.by_line.get(line, []):
            start, end, t = segment
            if start <= column < end:
                if column > start:
                    t = _split_text(t, column - start)
                    self.by_line[line].append([column, end, t])
                    segment[1] = column
                return _run_starting_at(t)
        return None

    def _run_before(self, line: int, column: int):
        """The run that ends the span at `column` (exclusive), or None."""
        best = None
        for start, end, t in self.by_line.get(line, []):
            if start < column:  # the segments that begin before the span's end: the last of them holds it
                best = (start, end, t) if best is None or start > best[0] else best
        if best is None:
            return None
        start, end, t = best
        if column < end:
            rest = _split_text(t, column - start)
            self.by_line[line].append([column, end, rest])
            for segment in self.by_line[line]:
                if segment[2] is t:
                    segment[1] = column
        return t.getparent()


def _split_text(t, offset: int):
    """Split a w:t (and its run) at `offset`: the text from there on goes to a new run
    right after, with the same run properties, followed by the run's remaining content."""
    run = t.getparent()
    new_run = _empty_copy(run)
    new_t = copy.deepcopy(t)
    text = t.text or ""
    t.text, new_t.text = text[:offset], text[offset:]
    for element in (t, new_t):
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    new_run.append(new_t)
    following = list(t.itersiblings())
    for sibling in following:
        new_run.append(sibling)
    run.addnext(new_run)
    return new_t


def _run_starting_at(t):
    """The run whose content begins with `t`, splitting its run before `t` if needed."""
    run = t.getparent()
    content = [child for child in run if child.tag != f"{W}rPr"]
    if content and content[0] is t:
        return run
    new_run = _empty_copy(run)
    for sibling in [t, *t.itersiblings()]:
        new_run.append(sibling)
    run.addnext(new_run)
    return new_run


def _empty_copy(run):
    """A run with the same properties and no content."""
    new_run = copy.deepcopy(run)
    for child in list(new_run):
        if child.tag != f"{W}rPr":
            new_run.remove(child)
    return new_run
