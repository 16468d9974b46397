"""`record`: a dataclass whose __repr__, __eq__ and __hash__ are shared, not generated.

`dataclasses` writes the source of each generated method and execs it when the class is
made: the two dozen dataclasses a run imports spent 12 ms of a 150 ms start on their
__repr__ and __eq__ alone. These shared methods behave as the generated ones (the same
text, the same comparisons, honouring `field(repr=False, compare=False, hash=...)`) and
find the fields when called, which is rare.
"""
from __future__ import annotations

from dataclasses import dataclass, fields


def record(cls=None, /, *, frozen: bool = False):
    """@record or @record(frozen=True), as @dataclass."""
    def make(body):
        own = set(body.__dict__)
        made = dataclass(body, repr=False, eq=False, frozen=frozen)
        if "__repr__" not in own:
            made.__repr__ = _repr
        if "__eq__" not in own:
            made.__eq__ = _eq
            if "__hash__" not in own:
                made.__hash__ = _hash if frozen else None  # as dataclass: a mutable record is unhashable
        return made

    return make if cls is None else make(cls)


def _repr(self) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{type(self).__qualname__}({shown})"


def _compared(self) -> tuple:
    return tuple(getattr(self, f.name) for f in fields(self) if f.compare)


def _eq(self, other):
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _compared(self) == _compared(other)


def _hash(self) -> int:
    return hash(tuple(getattr(self, f.name) for f in fields(self)
                      if (f.compare if f.hash is None else f.hash)))
