"""`.reportlint.yaml`: project settings, found by walking up from the working directory.

Every problem is a ConfigError `file:line: what is wrong` (exit 2). Paths in the
file (rule directories, exclude and per-file-ignores globs) are relative to the
directory holding it.
"""
from __future__ import annotations

import os
import re
from dataclasses import field, replace
from pathlib import Path

from lint.findings import SEVERITIES, split_codes
from lint.pack.yamlfile import FileError, Located, YamlError, load_yaml, typed
from lint.read.discover import anchored
from lint.record import record

CONFIG_NAMES = (".reportlint.yaml", ".reportlint.yml")
KEYS = {"extend", "select", "ignore", "fail-on", "lang", "reporter", "rules", "include", "exclude", "extend-exclude",
        "respect-gitignore", "force-exclude", "per-file-ignores", "rule-settings", "max-bytes", "rule-timeout",
        "encoding", "baseline", "docs-url", "profile"}
# Settings whose values add up along an `extend` chain (the others: the nearest file's value wins).
ACCUMULATED = ("rules", "extend-exclude", "per-file-ignores", "rule-settings")
MAX_EXTEND_DEPTH = 8
CHOICES = {"fail-on": SEVERITIES, "lang": ("zh", "en"), "reporter": ("department", "government")}


class ConfigError(FileError):
    """The configuration file is wrong."""


@record
class Config:
    path: Path | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    lang: str | None = None
    reporter: str | None = None
    rules: list[Path] = field(default_factory=list)
    include: list[str] | None = None  # None: the default (every draft format)
    exclude: list[str] | None = None  # None: the default excludes
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    rule_settings: dict = field(default_factory=dict)  # rule ID -> (settings, line, file)
    max_bytes: int | None = None
    rule_timeout: float | None = None
    encoding: str | None = None
    baseline: Path | None = None
    docs_url: str | None = None  # where the rules' documentation (docs/rules.md) is published
    profile: str | None = None  # a shipped profile the configuration builds on (national, town …)
    chain: list[Path] = field(default_factory=list)  # this file, then the files it extends
    origins: dict = field(default_factory=dict)  # setting -> the file that set it

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def relative(self, path: Path) -> str | None:
        try:
            return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))).as_posix()
        except ValueError:
            return None

    def selection(self, force_exclude: bool = False):
        """Which files are drafts, as this configuration says (lint.read.discover)."""
        from lint.read.discover import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, Selection

        return Selection(self.root, tuple(self.include or DEFAULT_INCLUDE),
                         DEFAULT_EXCLUDE if self.exclude is None else tuple(self.exclude),
                         tuple(self.extend_exclude), self.respect_gitignore is not False,
                         force_exclude or bool(self.force_exclude))

    def ignored_for(self, path: str) -> list[str]:
        if not self.per_file_ignores:
            return []
        from lint.read.discover import glob_matcher

        rel = self.relative(Path(path))
        names = rel.split("/") if rel and not rel.startswith("../") else [Path(path).name]
        absolute = Path(os.path.abspath(path)).as_posix().split("/")
        return [code for pattern, codes in self.per_file_ignores
                if glob_matcher([pattern])(names, absolute) for code in codes]


def find_config(start: Path | None = None) -> Path | None:
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: Path, _seen: tuple = (), profile: str | None = None) -> Config:
    """The configuration in the file, over the configurations it extends, over its
    profile (`profile`: the command line's, instead of the file's)."""
    try:
        data = load_yaml(path)
    except YamlError as exc:
        raise ConfigError(exc.path, exc.line, exc.message) from None
    if data is None:
        return with_profile(Config(path=path, chain=[path]), profile)
    if not isinstance(data, Located):
        raise ConfigError(path, 1, "the configuration must be a mapping of settings")
    for key in data:
        if key not in KEYS:
            raise ConfigError(path, data.line_of(key), f"unknown setting '{key}' (known: {', '.join(sorted(KEYS))})")
    own = _own_settings(data, path)
    if "extend" not in data:
        own.chain = [path]
        return own if _seen else with_profile(own, profile or own.profile, (path, data.line_of("profile")))
    base = load_config(_extended(data, path, _seen), (*_seen, os.path.abspath(path)))
    merged = _merged(base, own, path)
    merged.profile = own.profile or base.profile
    return merged if _seen else with_profile(merged, profile or merged.profile, (path, data.line_of("profile")))


def _own_settings(data: Located, path: Path) -> Config:
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
    if "include" in data:
        config.include = _strings(data, "include", path)
    if "exclude" in data:
        config.exclude = [anchored(p, path.parent) for p in _strings(data, "exclude", path)]
    config.extend_exclude = [anchored(p, path.parent) for p in _strings(data, "extend-exclude", path)]
    for key in ("respect-gitignore", "force-exclude"):
        setattr(config, key.replace("-", "_"),
                typed(data, key, lambda v: isinstance(v, bool), "true or false", path, ConfigError, None))
    config.per_file_ignores = _per_file_ignores(data, path)
    config.rule_settings = _rule_settings(data, path)
    config.max_bytes = _number(data, "max-bytes", path, int)
    config.rule_timeout = _number(data, "rule-timeout", path, (int, float))
    if "encoding" in data:
        config.encoding = _encoding(data, path)
    if "baseline" in data:
        value = typed(data, "baseline", lambda v: isinstance(v, str) and v, "a file name", path, ConfigError, None)
        config.baseline = path.parent / value
    config.docs_url = typed(data, "docs-url", lambda v: isinstance(v, str) and "://" in v, "an address (https://…)",
                            path, ConfigError, None)
    config.profile = typed(data, "profile", lambda v: isinstance(v, str) and v, "a profile name", path,
                           ConfigError, None)
    config.origins = {key: path for key in data if key not in ("extend", "profile")}
    return config


def _extended(data: Located, path: Path, seen: tuple) -> Path:
    """The file `extend` names: relative to this file, or `package:path/in/it.yaml`."""
    value = typed(data, "extend", lambda v: isinstance(v, str) and v, "a file name", path, ConfigError, None)
    line = data.line_of("extend")
    target = _package_file(value) if _PACKAGE_PATH.match(value) else Path(os.path.normpath(path.parent / value))
    if target is None or not target.is_file():
        raise ConfigError(path, line, f"'extend': no such configuration file: {value}")
    if os.path.abspath(target) in (*seen, os.path.abspath(path)):
        raise ConfigError(path, line, f"'extend': {value} extends this file again (a cycle)")
    if len(seen) >= MAX_EXTEND_DEPTH:
        raise ConfigError(path, line, f"'extend': more than {MAX_EXTEND_DEPTH} files in the chain")
    return target


_PACKAGE_PATH = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*):(?![\\/])(.+)$")


def _package_file(value: str) -> Path | None:
    from importlib.util import find_spec

    package, relative = _PACKAGE_PATH.match(value).groups()
    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / relative


def _merged(base: Config, own: Config, path: Path | None) -> Config:
    """ruff's way: each setting `own` has replaces the base's; the ACCUMULATED ones add to
    it (rule settings per rule ID: own's replace the base's for that rule)."""
    chain = [*own.chain, *base.chain] if own.chain else [p for p in (path, *base.chain) if p is not None]
    merged = replace(base, path=path, chain=chain, origins=dict(base.origins))
    for key, source in own.origins.items():
        name = key.replace("-", "_")
        if key in ("rules", "extend-exclude", "per-file-ignores"):
            setattr(merged, name, getattr(base, name) + getattr(own, name))
        elif key == "rule-settings":
            merged.rule_settings = {**base.rule_settings, **own.rule_settings}
        else:
            setattr(merged, name, getattr(own, name))
        merged.origins[key] = source
    return merged


PROFILES_DIR = Path(__file__).resolve().parent / "profiles"


def profile_names() -> list[str]:
    return sorted(p.stem for p in PROFILES_DIR.glob("*.yaml"))


def with_profile(config: Config, name: str | None, where: tuple = (None, 1)) -> Config:
    """The configuration over a shipped profile (lint/profiles/NAME.yaml): the profile
    is the bottom of the chain, so every setting of the configuration wins over it."""
    if not name:
        return config
    if name not in profile_names():
        raise ConfigError(where[0] or Path("--profile"), where[1],
                          f"unknown profile '{name}' (known: {', '.join(profile_names())})")
    base = load_config(PROFILES_DIR / f"{name}.yaml")
    merged = _merged(base, config, config.path)  # paths stay the configuration's (None: the working directory)
    merged.profile = name
    return merged


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
        result.append((anchored(pattern, path.parent), split_codes(codes)))
    return result


def _rule_settings(data: Located, path: Path) -> dict:
    value = data.get("rule-settings", {})
    if not isinstance(value, dict) or not all(isinstance(v, Located) for v in value.values()):
        raise ConfigError(path, data.line_of("rule-settings"),
                          "'rule-settings' must map rule IDs to settings, e.g. S117: {severity: info}")
    return {str(k).upper(): (v, value.line_of(k), path) for k, v in value.items()}


def apply_rule_settings(pack, config: Config) -> None:
    """Override severities and parameters of the pack's rules, validated like rule files."""
    from lint.checks import KINDS
    from lint.pack.params import ParamError

    for rule_id, (settings, line, source) in config.rule_settings.items():
        rule = pack.rules.get(rule_id)
        if rule is None:
            raise ConfigError(source, line, f"rule-settings: unknown rule '{rule_id}'")
        kind = KINDS[rule.check]
        params = dict(rule.params)
        severity, enabled = rule.severity, rule.enabled
        for key, value in settings.items():
            at = settings.line_of(key)
            if key == "severity":
                if value not in SEVERITIES:
                    raise ConfigError(source, at, f"{rule_id}: severity must be one of {', '.join(SEVERITIES)}")
                severity = value
            elif key == "enabled":
                if not isinstance(value, bool):
                    raise ConfigError(source, at, f"{rule_id}: enabled must be true or false")
                enabled = value
            elif key in kind.params:
                try:
                    params[key] = kind.params[key].convert(key, value, source.parent)
                except ParamError as exc:
                    raise ConfigError(source, at, f"{rule_id}: '{key}': {exc}") from None
            else:
                known = ", ".join(["severity", "enabled", *sorted(kind.params)])
                raise ConfigError(source, at, f"{rule_id}: unknown setting '{key}' (known: {known})")
        try:
            kind.validate(params)
        except ParamError as exc:
            raise ConfigError(source, line, f"{rule_id}: '{exc.key}': {exc}") from None
        pack.rules[rule_id] = replace(rule, severity=severity, params=params, enabled=enabled)
