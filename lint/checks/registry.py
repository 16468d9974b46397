"""The registry of check kinds: the generic machinery that rule files configure.

A kind declares its parameters (lint/pack/params.py: validated when the pack loads,
so a bad rule stops the run before any file is read) and yields Hits for one
document. Kind modules register with @check_kind; lint/checks/__init__.py imports
them all, so `KINDS` is complete once `lint.checks` is imported.
"""
from __future__ import annotations

from typing import Callable, Iterable

from lint.findings import Hit
from lint.pack.params import Param
from lint.record import record


@record
class CheckKind:
    name: str
    doc: str
    params: dict[str, Param]
    run: Callable[..., Iterable[Hit]]
    fixable: Callable[[dict], bool] = lambda params: False
    validate: Callable[[dict], None] = lambda params: None  # cross-parameter checks at load time
    # what the file's checklist shows of the kind's subject: summary(ctx, params) -> [(label, present|missing)]
    summary: Callable | None = None


KINDS: dict[str, CheckKind] = {}


def check_kind(name: str, doc: str, *, fixable=None, validate=None, summary=None, **params: Param):
    def register(func):
        kind = CheckKind(name, doc, params, func)
        if fixable:
            kind.fixable = fixable
        if validate:
            kind.validate = validate
        kind.summary = summary
        KINDS[name] = kind
        return func
    return register
