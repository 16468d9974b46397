"""Check kinds, one module per family; importing this package registers them all.

    registry.py   KINDS and @check_kind
    scan.py       searches under the time budget, ranges, spans to skip
    context.py    what a check sees of one document (views, outline, facts, scopes)
    patterns.py   pattern, require, cooccur
    structure.py  section, order, substance
    dates.py      year_known, signature, date_format, date_window, year_consistency
    typography.py balance, numbering, heading_form, near_title, terms
    hygiene.py    charset, personal_data
    coverage.py   coverage
    compare.py    copied, followed_up (a report against last year's)
    judgement.py  evidence, vague, section_years, dated_terms, cited_titles, topics (beyond structure)
    marks.py      marks (Word's tracked changes, comments, fields, automatic numbers)
    internal.py   engine (findings the engine itself raises: E001, E002)
"""
from lint.checks import compare, coverage, dates, hygiene, internal, judgement, marks, patterns, structure, typography  # noqa: F401
from lint.checks.registry import KINDS, CheckKind

__all__ = ["KINDS", "CheckKind"]
