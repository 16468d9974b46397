"""Safe YAML loading that remembers where each mapping and key stood.

Mappings become `Located` dicts carrying the 1-based line of the mapping and of
each key, so validation errors can say `file:line: what is wrong`. Only the
safe constructors are used: no Python objects are ever built from a file.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lint.files import read_regular


class Located(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class FileError(Exception):
    """A problem in a file the user wrote (rule, pack, configuration): `path:line: what`."""

    def __init__(self, path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


class YamlError(FileError):
    """The file is not YAML, or not YAML we accept."""


_MISSING = object()


def typed(data: Located, key: str, valid, what: str, path, error=FileError, default=_MISSING):
    """data[key] if valid(value), else error(path, line, "'key' must be <what>"); a
    missing key is `default`, or an error when there is none."""
    if key not in data:
        if default is _MISSING:
            raise error(path, data.line, f"missing required key '{key}'")
        return default
    value = data[key]
    if not valid(value):
        raise error(path, data.line_of(key), f"'{key}' must be {what}")
    return value



@lru_cache(maxsize=1)
def _loader():
    """The loader class, made on first use: importing yaml costs about 0.03 s of a
    start-up that the rule-pack cache otherwise spares."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~5x faster
    loader = type("_Loader", (base,), {"construct_object": _construct_once})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return loader


def _construct_once(loader, node, deep=False):
    """Each node constructed once: a node met again is an alias (*name), which rule and
    configuration files never need and which can make a small file expand without bound."""
    import yaml

    if node in loader.constructed_objects or node in loader.recursive_objects:
        raise yaml.constructor.ConstructorError(
            None, None, "aliases (*name) are not allowed here: write the value out", node.start_mark)
    return type(loader).__mro__[1].construct_object(loader, node, deep=deep)


def _construct_mapping(loader, node) -> Located:
    import yaml

    loader.flatten_mapping(node)
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def load_yaml(path: Path, display: str | None = None):
    name = display or str(path)
    try:
        text = read_regular(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(name, 1, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise YamlError(name, 1, f"cannot read: {exc.strerror or exc}") from None
    return load_yaml_text(text, name)


def load_yaml_text(text: str, name: str):
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - the loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(name, line, f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlError(name, 1, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlError(name, 1, "nested too deeply") from None
