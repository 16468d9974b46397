"""What a `check` run does, resolved once: command-line flags over the configuration
file over the defaults, which live here and nowhere else.

Settings is what the engine and the check kinds read; Options is the whole run. Both
are frozen and picklable: worker processes get the same Options the main process has.
A usage or configuration problem is an OptionsError (exit 2, `file:line: what`).
"""
from __future__ import annotations

import codecs
from dataclasses import field
from pathlib import Path

from lint.config import Config, ConfigError, find_config, load_config, with_profile
from lint.findings import split_codes
from lint.record import record

DEFAULT_MAX_BYTES = 32 * 1024 * 1024  # a draft larger than this is E001, unread
DEFAULT_RULE_TIMEOUT = 5.0  # seconds a rule may run on one file before E002
REPORTERS = ("department", "government")  # who reports: deadlines 1 March, 1 April
LANGS = ("zh", "en")
FINGERPRINT_FORMATS = ("sarif", "gitlab")


class OptionsError(Exception):
    pass


@record(frozen=True)
class Settings:
    """What a result depends on besides the rules and the file (part of the cache key)."""

    reporter: str = "department"
    encoding: str | None = None  # forced input encoding; None: detect
    max_bytes: int = DEFAULT_MAX_BYTES
    rule_timeout: float = DEFAULT_RULE_TIMEOUT


@record(frozen=True)
class Options:
    config: Config = field(default_factory=Config)
    settings: Settings = Settings()
    lang: str = "zh"
    fail_on: str = "error"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_paths: tuple[Path, ...] = ()  # the default pack, then the configuration's, then --rules
    fmt: str = "text"
    output: Path | None = None
    quiet: bool = False
    statistics: bool = False
    color: bool | None = None  # None: when writing text to a terminal
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False  # --fix/--diff also apply fixes that change words
    baseline: Path | None = None
    write_baseline: Path | None = None
    jobs: int | None = None  # None or 0: the number of cores
    use_cache: bool = True
    cache_dir: str | None = None
    force_exclude: bool = False  # exclusions apply to files named on the command line too
    min_severity: str = "info"  # findings below this are not shown (the exit code still counts them)
    exit_zero: bool = False  # exit 0 even when findings reach --fail-on
    previous: tuple[Path, ...] = ()  # folders of last year's reports to pair this year's with (X5xx)
    pair: bool = False  # pair the reports of the run with each other (this year's and last year's together)

    @property
    def pairing(self) -> bool:
        return bool(self.previous) or self.pair

    @property
    def want_sources(self) -> bool:
        """Whether the output quotes source lines (text, neither quiet nor statistics)."""
        return self.fmt == "text" and not self.quiet and not self.statistics

    @property
    def needs_fingerprints(self) -> bool:
        """Whether anything of the run reads findings' fingerprints (a baseline, SARIF, GitLab)."""
        return bool(self.baseline or self.write_baseline) or self.fmt in FINGERPRINT_FORMATS

    def colored(self, stdout_is_terminal: bool) -> bool:
        if self.color is not None:
            return self.color
        return self.fmt == "text" and self.output is None and stdout_is_terminal

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """Rule IDs the configuration's per-file-ignores turn off for this file."""
        if not self.config.per_file_ignores:
            return ()
        return tuple(self.config.ignored_for(str(path)))


def build_options(config_path: Path | None = None, isolated: bool = False, encoding: str | None = None,
                  reporter: str | None = None, lang: str | None = None, fail_on: str | None = None,
                  select=(), ignore=(), rule_paths=(), no_cache: bool = False, min_severity: str | None = None,
                  profile: str | None = None, **flags) -> Options:
    """Options from the flags of `check` (as click gives them) and the configuration."""
    from lint.pack.files import default_rules_dir

    try:
        config_path = config_path or (None if isolated else find_config())
        config = load_config(config_path, profile=profile) if config_path else with_profile(Config(), profile)
    except ConfigError as exc:
        raise OptionsError(str(exc)) from None
    encoding = encoding or config.encoding
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise OptionsError(f"unknown encoding '{encoding}'") from None
    settings = Settings(reporter=reporter or config.reporter or Settings.reporter, encoding=encoding,
                        max_bytes=config.max_bytes or DEFAULT_MAX_BYTES,
                        rule_timeout=float(config.rule_timeout or DEFAULT_RULE_TIMEOUT))
    if not flags.get("baseline") and config.baseline is not None and not flags.get("write_baseline"):
        if not config.baseline.is_file():
            raise OptionsError(f"{config.origins.get('baseline', config.path)}: 'baseline': "
                               f"no such file: {config.baseline}")
        flags["baseline"] = config.baseline
    return Options(
        config=config, settings=settings, lang=lang or config.lang or "zh",
        fail_on=fail_on or config.fail_on or "error",
        select=tuple(split_codes(select) or config.select),
        ignore=tuple(config.ignore + split_codes(ignore)),
        rule_paths=(default_rules_dir(), *config.rules, *(Path(p) for p in rule_paths)),
        use_cache=not no_cache and not flags.get("previous") and not flags.get("pair"),
        min_severity=min_severity or "info", **flags)
