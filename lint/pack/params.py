"""Parameter types of the check kinds. Each type checks a value read from a rule file
(or from `rule-settings`) and turns it into what the kind uses; a wrong value is a
ParamError naming the parameter, which the loader turns into `file:line: what`.

    Regex("what must occur", required=True)
    Text("require or forbid", default="require", choices=("require", "forbid"))
    DataFile("list file of titles, one per line", required=True)
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import regex

from lint.cache import regexes


class ParamError(Exception):
    """A rule parameter is wrong; raised at load time with the parameter's name."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


def compile_pattern(key: str, value) -> regex.Pattern:
    if not isinstance(value, str) or not value:
        raise ParamError(key, "must be a non-empty regular expression string")
    try:
        return regexes.compile(value)  # V0: the same syntax as Python's re
    except regex.error as exc:
        raise ParamError(key, f"bad regular expression: {exc}") from None


class Param:
    """A parameter: its documentation, whether it is required, its default."""

    type_name = "value"

    def __init__(self, doc: str, *, required: bool = False, default: Any = None):
        self.doc, self.required, self.default = doc, required, default

    def convert(self, key: str, value, base: Path):
        """The value as the check kind uses it; `base` is the rule file's directory."""
        return value

    def default_value(self, base: Path):
        return self.default

    def roles_named(self, value) -> list[str]:
        """Section roles the value refers to (checked against the pack's roles)."""
        return []

    def scopes_named(self, value) -> list[str]:
        """Scopes the value names (checked against the known scopes)."""
        return []

    def data_files(self, value) -> list[str]:
        """Data files the value names (their content is part of a result's key)."""
        return []


class Text(Param):
    type_name = "text"

    def __init__(self, doc: str, *, choices: tuple = (), **kwargs):
        super().__init__(doc, **kwargs)
        self.choices = choices

    def convert(self, key, value, base):
        if not isinstance(value, str):
            raise ParamError(key, "must be a text")
        if self.choices and value not in self.choices:
            raise ParamError(key, f"'{value}' is not one of {', '.join(self.choices)}")
        return value


class Int(Param):
    type_name = "whole number"

    def convert(self, key, value, base):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ParamError(key, "must be a whole number")
        if value < 0:
            raise ParamError(key, "must not be negative")
        return value


class Bool(Param):
    type_name = "true/false"

    def convert(self, key, value, base):
        if not isinstance(value, bool):
            raise ParamError(key, "must be true or false")
        return value


class Mapping(Param):
    type_name = "mapping"

    def convert(self, key, value, base):
        if not isinstance(value, dict):
            raise ParamError(key, "must be a mapping")
        return value


class Regex(Param):
    type_name = "regular expression"

    def convert(self, key, value, base):
        return compile_pattern(key, value)

    def default_value(self, base):
        return None if self.default is None else compile_pattern("default", self.default)


class Regexes(Param):
    type_name = "list of regular expressions"

    def convert(self, key, value, base):
        if not isinstance(value, list) or not value:
            raise ParamError(key, "must be a list of regular expressions")
        return [compile_pattern(key, v) for v in value]


class Names(Param):
    type_name = "list of names"

    def convert(self, key, value, base):
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ParamError(key, "must be a list of names")
        return list(value)


class Role(Text):
    type_name = "role"

    def roles_named(self, value):
        return [value] if value else []


class Roles(Names):
    type_name = "list of roles"

    def roles_named(self, value):
        return list(value or ())


class Scope(Text):
    """document, title, addressee, opening, head, body, headings, signature,
    after_signature or section:<role>."""

    type_name = "scope"

    def scopes_named(self, value):
        return [value] if value else []


class Scopes(Names):
    type_name = "list of scopes"

    def scopes_named(self, value):
        return list(value or ())


class DataFile(Param):
    """A file path relative to the rule file; "" means none."""

    type_name = "data file"

    def convert(self, key, value, base):
        if not isinstance(value, str):
            raise ParamError(key, "must be a file path relative to the rule file")
        if not value:
            return ""
        resolved = (base / value).resolve()
        if not resolved.is_file():
            raise ParamError(key, f"no such data file: {value}")
        return str(resolved)

    def default_value(self, base):
        return self.convert("default", self.default, base) if self.default else self.default

    def data_files(self, value):
        return [value] if value else []


class Custom(Param):
    """A value the check kind converts itself: convert(key, value, base) -> value."""

    type_name = "value"

    def __init__(self, doc: str, convert: Callable[[str, Any, Path], Any], **kwargs):
        super().__init__(doc, **kwargs)
        self._convert = convert

    def convert(self, key, value, base):
        return self._convert(key, value, base)
