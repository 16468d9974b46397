"""The `engine` kind: rules whose findings the engine raises itself."""
from __future__ import annotations

from lint.checks.registry import check_kind


@check_kind("engine", "Raised by the engine itself (unreadable input, a rule past its time "
            "budget); the rule file carries its message and severity.")
def run_engine(ctx, params):
    return iter(())
