"""`.reportlint.yaml`: project settings, found by walking up from the working directory.

Every problem is a ConfigError `file:line: what is wrong` (exit 2). Paths in the
file (rule directories, exclude and per-file-ignores globs) are relative to the
directory holding it.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from lint.findings import SEVERITIES, split_codes
from lint.pack.yamlfile import FileError, Located, YamlError, load_yaml, typed

CONFIG_NAMES = (".reportlint.yaml", ".reportlint.yml")
KEYS = {"select", "ignore", "fail-on", "lang", "reporter", "rules", "exclude", "per-file-ignores",
        "rule-settings", "max-bytes", "rule-timeout", "encoding"}
CHOICES = {"fail-on": SEVERITIES, "lang": ("zh", "en"), "reporter": ("department", "government")}


class ConfigError(FileError):
    """The configuration file is wrong."""


@dataclass
class Config:
    path: Path | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    lang: str | None = None
    reporter: str | None = None
    rules: list[Path] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    rule_settings: dict = field(default_factory=dict)
    max_bytes: int | None = None
    rule_timeout: float | None = None
    encoding: str | None = None

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def relative(self, path: Path) -> str | None:
        try:
            return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))).as_posix()
        except ValueError:
            return None

    def excluded(self, path: Path) -> bool:
        if not self.exclude:
            return False
        rel = self.relative(path)
        if rel is None or rel.startswith("../"):
            return False
        return any(_matches(rel, pattern) for pattern in self.exclude)

    def ignored_for(self, path: str) -> list[str]:
        if not self.per_file_ignores:
            return []
        rel = self.relative(Path(path))
        if rel is None:
            return []
        return [code for pattern, codes in self.per_file_ignores if _matches(rel, pattern) for code in codes]


def _matches(rel: str, pattern: str) -> bool:
    """A glob against the relative path or any of its parent directories."""
    pattern = pattern.rstrip("/")
    parts = rel.split("/")
    return any(fnmatch.fnmatchcase("/".join(parts[:i]), pattern) for i in range(1, len(parts) + 1)) \
        or fnmatch.fnmatchcase(rel, pattern)


def find_config(start: Path | None = None) -> Path | None:
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: Path) -> Config:
    try:
        data = load_yaml(path)
    except YamlError as exc:
        raise ConfigError(exc.path, exc.line, exc.message) from None
    if data is None:
        return Config(path=path)
    if not isinstance(data, Located):
        raise ConfigError(path, 1, "the configuration must be a mapping of settings")
    for key in data:
        if key not in KEYS:
            raise ConfigError(path, data.line_of(key), f"unknown setting '{key}' (known: {', '.join(sorted(KEYS))})")
    config = Config(path=path)
    for key in ("select", "ignore"):
        setattr(config, key, split_codes(_strings(data, key, path)))
    for key, choices in CHOICES.items():
        value = typed(data, key, choices.__contains__, f"one of {', '.join(choices)}", path, ConfigError, None)
        setattr(config, key.replace("-", "_"), value)
    config.rules = [path.parent / p for p in _strings(data, "rules", path)]
    for rule_dir, text in zip(config.rules, _strings(data, "rules", path)):
        if not rule_dir.exists():
            raise ConfigError(path, data.line_of("rules"), f"'rules': no such file or directory: {text}")
    config.exclude = _strings(data, "exclude", path)
    config.per_file_ignores = _per_file_ignores(data, path)
    config.rule_settings = _rule_settings(data, path)
    config.max_bytes = _number(data, "max-bytes", path, int)
    config.rule_timeout = _number(data, "rule-timeout", path, (int, float))
    if "encoding" in data:
        config.encoding = _encoding(data, path)
    return config


def _strings(data: Located, key: str, path: Path) -> list[str]:
    value = typed(data, key, lambda v: isinstance(v, (str, list)), "a list of texts", path, ConfigError, [])
    value = [value] if isinstance(value, str) else value
    if not all(isinstance(v, str) and v for v in value):
        raise ConfigError(path, data.line_of(key), f"'{key}' must be a list of texts")
    return list(value)


def _number(data: Located, key: str, path: Path, kind):
    def positive(value) -> bool:
        return isinstance(value, kind) and not isinstance(value, bool) and value > 0

    return typed(data, key, positive, "a positive number", path, ConfigError, None)


def _encoding(data: Located, path: Path) -> str:
    import codecs

    try:
        codecs.lookup(str(data["encoding"]))
    except LookupError:
        raise ConfigError(path, data.line_of("encoding"), f"unknown encoding '{data['encoding']}'") from None
    return str(data["encoding"])


def _per_file_ignores(data: Located, path: Path) -> list[tuple[str, list[str]]]:
    value = data.get("per-file-ignores", {})
    if not isinstance(value, dict):
        raise ConfigError(path, data.line_of("per-file-ignores"), "'per-file-ignores' must map globs to rule IDs")
    result = []
    for pattern, codes in value.items():
        if isinstance(codes, str):
            codes = [codes]
        if not isinstance(pattern, str) or not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ConfigError(path, value.line_of(pattern), f"per-file-ignores '{pattern}' must list rule IDs")
        result.append((pattern, split_codes(codes)))
    return result


def _rule_settings(data: Located, path: Path) -> dict:
    value = data.get("rule-settings", {})
    if not isinstance(value, dict) or not all(isinstance(v, Located) for v in value.values()):
        raise ConfigError(path, data.line_of("rule-settings"),
                          "'rule-settings' must map rule IDs to settings, e.g. S117: {severity: info}")
    return {str(k).upper(): (v, value.line_of(k)) for k, v in value.items()}


def apply_rule_settings(pack, config: Config) -> None:
    """Override severities and parameters of the pack's rules, validated like rule files."""
    from lint.checks import KINDS
    from lint.pack.params import ParamError

    for rule_id, (settings, line) in config.rule_settings.items():
        rule = pack.rules.get(rule_id)
        if rule is None:
            raise ConfigError(config.path, line, f"rule-settings: unknown rule '{rule_id}'")
        kind = KINDS[rule.check]
        params = dict(rule.params)
        severity = rule.severity
        for key, value in settings.items():
            at = settings.line_of(key)
            if key == "severity":
                if value not in SEVERITIES:
                    raise ConfigError(config.path, at, f"{rule_id}: severity must be one of {', '.join(SEVERITIES)}")
                severity = value
            elif key in kind.params:
                try:
                    params[key] = kind.params[key].convert(key, value, config.root)
                except ParamError as exc:
                    raise ConfigError(config.path, at, f"{rule_id}: '{key}': {exc}") from None
            else:
                known = ", ".join(["severity", *sorted(kind.params)])
                raise ConfigError(config.path, at, f"{rule_id}: unknown setting '{key}' (known: {known})")
        try:
            kind.validate(params)
        except ParamError as exc:
            raise ConfigError(config.path, line, f"{rule_id}: '{exc.key}': {exc}") from None
        pack.rules[rule_id] = replace(rule, severity=severity, params=params)
