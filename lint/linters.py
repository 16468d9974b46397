"""The linters of a run: the rule pack, loaded when first needed (a run answered from
the cache never loads it), one Linter per set of per-file ignores (so ignored rules
neither report nor fix), the digest of each one's rules for the result cache, and the
catalogue of the rules checked for the reporters."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from lint.options import Options


class RulesError(Exception):
    """A rule file or a rule setting is wrong: `file:line: what` (exit 2)."""


class Linters:
    def __init__(self, options: Options, plans=None):
        self.options = options
        self.plans = plans  # the result cache's plans memo, or None
        self._pack = None
        self._pack_digest: str | None = None
        self._made: dict[tuple, object] = {}
        self._digests: dict[tuple, str] = {}

    @property
    def pack(self):
        if self._pack is None:
            from lint.cache.packs import load_pack_cached
            from lint.config import ConfigError, apply_rule_settings
            from lint.pack.load import PackError

            try:
                pack = load_pack_cached(list(self.options.rule_paths))
                apply_rule_settings(pack, self.options.config)
            except (ConfigError, PackError) as exc:
                raise RulesError(str(exc)) from None
            self._pack = pack
        return self._pack

    def for_path(self, path: Path):
        return self._linter(self.options.ignored_for(path))

    def _linter(self, ignored: tuple):
        if ignored not in self._made:
            from lint.engine import Linter, select_rules

            options = self.options
            rules = select_rules(self.pack, options.select, options.ignore + ignored)
            linter = self._made[ignored] = Linter(self.pack, rules, options.settings, options.lang)
            linter.fingerprints = options.needs_fingerprints
        return self._made[ignored]

    def digest(self, path: Path) -> str:
        """The digest of the rules the file is linted with: from the plans memo, or
        computed from the loaded rules (and then remembered)."""
        ignored = self.options.ignored_for(path)
        digest = self._digests.get(ignored)
        if digest is None:
            from lint.cache.plans import linter_digest

            key = self.plan_key(ignored)
            digest = self.plans.rules_digest(key) if key and self.plans else None
            if digest is None:
                digest, data = linter_digest(self._linter(ignored))
                if key and self.plans:
                    self.plans.remember_rules(key, digest, data)
            self._digests[ignored] = digest
        return digest

    def plan_key(self, ignored: tuple = ()) -> str | None:
        """A key for the rules a file with these per-file ignores is linted with, made
        without loading them (None when a rule file cannot be read)."""
        if self._pack_digest is None:
            from lint.pack.files import pack_digest

            try:
                self._pack_digest = pack_digest(list(self.options.rule_paths))
            except OSError:
                self._pack_digest = ""
        if not self._pack_digest:
            return None
        options = self.options
        parts = [self._pack_digest, os.getcwd(), str(options.config.path), repr(options.config.rule_settings),
                 options.lang, repr(options.settings), list(options.select), list(options.ignore + ignored)]
        return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def catalog(self) -> list[dict]:
        """The catalogue of the rules checked, as the plans memo remembers it, else made."""
        key = self.plan_key() if self.plans else None
        catalog = self.plans.catalog(key) if key else None
        if catalog is None:
            from lint.engine import select_rules
            from lint.report import rule_catalog

            rules = select_rules(self.pack, self.options.select, self.options.ignore)
            catalog = rule_catalog(rules, self.options.lang, fixable)
            if key:
                self.plans.remember_catalog(key, catalog)
        return catalog


def fixable(rule) -> bool:
    from lint.checks import KINDS

    return KINDS[rule.check].fixable(rule.params)
