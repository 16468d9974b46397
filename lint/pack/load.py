"""Load and validate the rule pack: rule files and pack files (roles, parts, outline).

Every problem is a PackError `file:line: what is wrong`, raised before any
document is read. A YAML file holding an `id` is a rule; one holding `roles`,
`parts` or `outline` is a pack file; anything else is an error.
"""
from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import NamedTuple

from lint.cache import regexes as rx
from lint.checks import KINDS
from lint.findings import SEVERITIES
from lint.pack.files import rule_files
from lint.pack.params import Param, ParamError, compile_pattern
from lint.pack.yamlfile import FileError, Located, YamlError, load_yaml, typed
from lint.parse.outline import DEFAULT_ORGAN
from lint.parse.roles import RoleSpec
from lint.read.source import PART_KINDS
from lint.record import record

FIX_SAFETY = ("safe", "unsafe")
RULE_ID = rx.compile(r"^[A-Z][A-Z0-9]{1,15}$")
LANGS = ("zh", "en")
RULE_KEYS = {"id", "severity", "message", "source", "check", "examples", "description", "title", "file_parts",
             "message_variants", "defer_to", "fix_safety", "enabled"}
PACK_KEYS = {"roles", "parts", "outline"}
ROLE_NAME = rx.compile(r"^[a-z][a-z0-9_]*$")


class PackError(FileError):
    """A rule file or pack file is wrong."""


@record
class Rule:
    id: str
    severity: str
    title: dict
    message: dict
    source: str
    check: str
    params: dict
    examples: dict
    description: dict  # section (what, why, fix) -> {lang: text}
    path: str
    line: int
    key_lines: dict = field(default_factory=dict)
    file_parts: tuple[str, ...] = ("body",)  # the parts of a file the rule checks (Word: headers, footnotes …)
    message_variants: dict = field(default_factory=dict)  # variant -> {lang: text}, for hits that name one
    defer_to: tuple[str, ...] = ()  # rules whose findings' spans this rule leaves alone (garbled text …)
    fix_safety: str = "safe"  # safe: --fix applies it (punctuation, spaces); unsafe: only with --unsafe-fixes
    enabled: bool = True  # false: runs only when selected by its full ID or enabled by a setting (a profile)

    def text(self, field_: dict, lang: str) -> str:
        return field_.get(lang) or field_.get("zh", "")

    def doc(self, section: str, lang: str) -> str:
        """A section of the rule's description: what, why or fix (its fix safety)."""
        return self.text(self.description.get(section, {}), lang)


@record
class Part:
    role: str
    rule: str


@record
class Pack:
    rules: dict[str, Rule] = field(default_factory=dict)
    roles: list[RoleSpec] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    organ_pattern: str = DEFAULT_ORGAN


def load_pack(paths: list[Path]) -> Pack:
    pack = Pack()
    role_sources: list[tuple[str, Located, str]] = []
    for path in rule_files(paths):
        name = str(path)
        if not path.exists():
            raise PackError(name, 1, "no such rule file or directory")
        try:
            data = load_yaml(path)
        except YamlError as exc:
            raise PackError(exc.path, exc.line, exc.message) from None
        if not isinstance(data, Located):
            raise PackError(name, 1, "a rule file must be a mapping")
        if "id" in data:
            rule = _rule(data, path)
            if rule.id in pack.rules:
                other = pack.rules[rule.id]
                raise PackError(name, data.line_of("id"),
                                f"duplicate rule id {rule.id} (first defined at {other.path}:{other.line})")
            pack.rules[rule.id] = rule
        elif data.keys() & PACK_KEYS:
            _pack_file(pack, data, name, role_sources)
        else:
            raise PackError(name, data.line, "neither a rule (no 'id') nor a pack file (roles, parts, outline)")
    _check_references(pack, role_sources)
    return pack


def _need(data: Located, key: str, kind, name: str, what: str):
    return typed(data, key, lambda value: isinstance(value, kind), what, name, PackError)


def _lang_text(data: Located, key: str, name: str, required: bool) -> dict:
    if key not in data:
        if required:
            raise PackError(name, data.line, f"missing required key '{key}'")
        return {}
    value = data[key]
    if isinstance(value, str):
        return {"zh": value}
    if not isinstance(value, dict) or not value or not all(isinstance(v, str) for v in value.values()):
        raise PackError(name, data.line_of(key), f"'{key}' must be a text or a mapping zh:/en: of texts")
    unknown = set(value) - set(LANGS)
    if unknown:
        first = sorted(unknown)[0]
        raise PackError(name, value.line_of(first), f"unknown language '{first}' in '{key}' (zh, en)")
    if "zh" not in value:
        raise PackError(name, data.line_of(key), f"'{key}' needs a zh text")
    return dict(value)


def _rule(data: Located, path: Path) -> Rule:
    name = str(path)
    rule_id = _need(data, "id", str, name, "a text")
    if not RULE_ID.match(rule_id):
        raise PackError(name, data.line_of("id"), f"rule id '{rule_id}' must be capital letters and digits, e.g. S101")
    severity = _need(data, "severity", str, name, "a text")
    if severity not in SEVERITIES:
        raise PackError(name, data.line_of("severity"), f"severity '{severity}' must be one of {', '.join(SEVERITIES)}")
    source = _need(data, "source", str, name, "a text naming the guideline it derives from")
    check = _need(data, "check", str, name, "a text")
    if check not in KINDS:
        known = ", ".join(sorted(KINDS))
        raise PackError(name, data.line_of("check"), f"unknown check kind '{check}' (known: {known})")
    kind = KINDS[check]
    for key in data:
        if key not in RULE_KEYS and key not in kind.params:
            known = ", ".join(sorted(kind.params)) or "none"
            raise PackError(name, data.line_of(key),
                            f"unknown key '{key}' for check '{check}' (its parameters: {known})")
    params = {}
    for key, spec in kind.params.items():
        params[key] = _param(data, key, spec, path)
    try:
        kind.validate(params)
    except ParamError as exc:
        raise PackError(name, data.line_of(exc.key), f"'{exc.key}': {exc}") from None
    if data.get("fix_safety", "safe") not in FIX_SAFETY:
        raise PackError(name, data.line_of("fix_safety"), "'fix_safety' must be safe or unsafe")
    return Rule(
        id=rule_id, severity=severity, title=_lang_text(data, "title", name, False),
        message=_lang_text(data, "message", name, True), source=source, check=check,
        params=params, examples=_examples(data, name),
        description=_description(data, name), path=name, line=data.line, file_parts=_file_parts(data, name),
        message_variants=_variants(data, name), defer_to=tuple(_names(data, "defer_to", name)),
        fix_safety=_need(data, "fix_safety", str, name, "safe or unsafe") if "fix_safety" in data else "safe",
        enabled=_need(data, "enabled", bool, name, "true or false") if "enabled" in data else True,
        key_lines=dict(data.key_lines),
    )


def _param(data: Located, key: str, spec: Param, path: Path):
    name = str(path)
    try:
        if key in data:
            return spec.convert(key, data[key], path.parent)
        if spec.required:
            raise PackError(name, data.line, f"missing required key '{key}' for check '{data['check']}'")
        return spec.default_value(path.parent)
    except ParamError as exc:
        raise PackError(name, data.line_of(key), f"'{key}': {exc}") from None


def _file_parts(data: Located, name: str) -> tuple[str, ...]:
    """`file_parts`: where in a file the rule looks: body (the default), header, footer,
    footnote, endnote, comment, textbox, or `all`."""
    value = data.get("file_parts", ["body"])
    if value == "all":
        return PART_KINDS
    if not isinstance(value, list) or not value or not all(v in PART_KINDS for v in value):
        raise PackError(name, data.line_of("file_parts"),
                        f"'file_parts' must be all or a list of: {', '.join(PART_KINDS)}")
    return tuple(value)


def _names(data: Located, key: str, name: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and RULE_ID.match(v) for v in value):
        raise PackError(name, data.line_of(key), f"'{key}' must be a list of rule IDs")
    return value


def _variants(data: Located, name: str) -> dict:
    """`message_variants`: other messages for hits of a kind that names a variant."""
    value = data.get("message_variants")
    if value is None:
        return {}
    if not isinstance(value, Located):
        raise PackError(name, data.line_of("message_variants"), "'message_variants' must map names to messages")
    return {str(key): _lang_text(value, key, name, True) for key in value}


DESCRIPTION_SECTIONS = ("what", "why", "fix")


def _description(data: Located, name: str) -> dict:
    """The description in its fixed sections: what the rule checks, why (its source
    in a few words), and its fix safety. Optional for a user's rules."""
    value = data.get("description")
    if value is None:
        return {}
    if not isinstance(value, Located) or set(value) != set(DESCRIPTION_SECTIONS):
        raise PackError(name, data.line_of("description"),
                        "'description' needs exactly the sections what:, why: and fix: (each zh:/en: texts)")
    return {section: _lang_text(value, section, name, True) for section in DESCRIPTION_SECTIONS}


def _examples(data: Located, name: str) -> dict:
    if "examples" not in data:
        raise PackError(name, data.line, "missing required key 'examples' (pass: and fail: lists)")
    value = data["examples"]
    if not isinstance(value, dict):
        raise PackError(name, data.line_of("examples"), "'examples' must be a mapping with pass: and fail:")
    result = {"pass": [], "fail": [], "fix": []}
    for key, items in value.items():
        if key not in result:
            raise PackError(name, value.line_of(key), f"unknown examples key '{key}' (pass, fail, fix)")
        if key == "fix":
            result[key] = _fix_examples(items, value.line_of(key), name)
        elif not isinstance(items, list):
            raise PackError(name, value.line_of(key), f"examples '{key}' must be a list of texts")
        else:
            result[key] = [_example(item, value.line_of(key), name) for item in items]
    if not result["fail"] and data.get("check") != "engine":
        raise PackError(name, data.line_of("examples"), "examples need at least one fail example")
    return result


class PairExample(NamedTuple):
    """An example of a rule that holds a report against last year's: both texts."""

    text: str
    previous: str


def _example(item, line: int, name: str) -> str | Path | PairExample:
    """A text, {file: path}: a draft file (a Word file, say) relative to the rule file,
    or {text:, previous:}: this year's report and last year's."""
    if isinstance(item, str):
        return item
    if isinstance(item, Located) and set(item) == {"text", "previous"} \
            and all(isinstance(v, str) for v in item.values()):
        return PairExample(item["text"], item["previous"])
    if isinstance(item, Located) and set(item) == {"file"} and isinstance(item["file"], str):
        path = (Path(name).parent / item["file"]).resolve()
        if not path.is_file():
            raise PackError(name, item.line, f"no such example file: {item['file']}")
        return path
    raise PackError(name, getattr(item, "line", line),
                    "an example is a text, {file: path of a draft} or {text: …, previous: last year's text}")


def _fix_examples(items, line: int, name: str) -> list[tuple[str, str]]:
    if not isinstance(items, list):
        raise PackError(name, line, "examples 'fix' must be a list of text:/fixed: pairs")
    pairs = []
    for item in items:
        if not isinstance(item, Located) or set(item) != {"text", "fixed"} \
                or not all(isinstance(v, str) for v in item.values()):
            raise PackError(name, getattr(item, "line", line), "each fix example needs exactly text: and fixed: texts")
        pairs.append((item["text"], item["fixed"]))
    return pairs


def _pack_file(pack: Pack, data: Located, name: str, role_sources: list) -> None:
    for key in data:
        if key not in PACK_KEYS:
            raise PackError(name, data.line_of(key), f"unknown key '{key}' in pack file (roles, parts, outline)")
    for item in data.get("roles", None) or []:
        if not isinstance(item, Located):
            raise PackError(name, data.line_of("roles"), "each role must be a mapping")
        pack.roles.append(_role(item, name))
        role_sources.append((name, item, item["name"]))
    for item in data.get("parts", None) or []:
        if not isinstance(item, Located) or set(item) != {"role", "rule"}:
            line = getattr(item, "line", data.line_of("parts"))
            raise PackError(name, line, "each part needs exactly role: and rule:")
        pack.parts.append(Part(item["role"], item["rule"]))
    outline = data.get("outline") or {}
    if outline:
        if not isinstance(outline, Located) or set(outline) - {"organ"}:
            raise PackError(name, data.line_of("outline"), "outline takes only 'organ'")
        pack.organ_pattern = compile_pattern("organ", outline["organ"]).pattern


ROLE_KEYS = {"name", "label", "heading", "where", "fallback"}


def _role(item: Located, name: str) -> RoleSpec:
    for key in item:
        if key not in ROLE_KEYS:
            raise PackError(name, item.line_of(key), f"unknown key '{key}' in role ({', '.join(sorted(ROLE_KEYS))})")
    role_name = _need(item, "name", str, name, "a text")
    if not ROLE_NAME.match(role_name):
        raise PackError(name, item.line_of("name"), f"role name '{role_name}' must be lower-case letters")
    try:
        heading = compile_pattern("heading", _need(item, "heading", str, name, "a regular expression"))
    except ParamError as exc:
        raise PackError(name, item.line_of("heading"), f"'heading': {exc}") from None
    where = item.get("where", "top")
    if where not in ("top", "any"):
        raise PackError(name, item.line_of("where"), "'where' must be top or any")
    spec = RoleSpec(role_name, _lang_text(item, "label", name, True), heading, where)
    fallback = item.get("fallback")
    if fallback is not None:
        if not isinstance(fallback, Located) or set(fallback) - {"before", "min_chars"}:
            raise PackError(name, item.line_of("fallback"), "'fallback' takes before: [roles] and min_chars:")
        spec.fallback_before = tuple(fallback.get("before") or ())
        spec.fallback_min_chars = int(fallback.get("min_chars", 0))
    return spec


def _check_references(pack: Pack, role_sources: list) -> None:
    known = {spec.name for spec in pack.roles}
    for rule in pack.rules.values():
        for key, spec in KINDS[rule.check].params.items():
            value = rule.params.get(key)
            at = rule.key_lines.get(key, rule.line)
            for role in spec.roles_named(value):
                if role not in known:
                    names = ", ".join(sorted(known))
                    raise PackError(rule.path, at, f"'{key}' names unknown role '{role}' (known: {names})")
            for scope in spec.scopes_named(value):
                _check_scope(rule, at, key, scope, known)


def _check_scope(rule: Rule, at: int, key: str, value: str, roles: set[str]) -> None:
    from lint.checks.context import SCOPES

    if value.startswith("section:"):
        if value[8:] not in roles:
            raise PackError(rule.path, at, f"'{key}': unknown role in scope '{value}'")
    elif value not in SCOPES:
        raise PackError(rule.path, at, f"'{key}': unknown scope '{value}' (known: {', '.join(SCOPES)})")
