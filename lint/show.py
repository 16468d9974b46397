"""`check --show-settings` and `check --show-files`: what a run would use, and stop."""
from __future__ import annotations

from pathlib import Path

import click

from lint.options import Options, Settings


def show_files(paths: list[Path], options: Options) -> int:
    """The files a run over these paths would check, one a line, in checking order."""
    from lint.check import drafts_in

    for path in drafts_in(paths, options):
        click.echo(str(path))
    return 0


def show_settings(options: Options) -> int:
    """Each effective setting, with where it came from: a configuration file (and the
    line of the chain it is in), the command line, or the default."""
    config = options.config
    click.echo(f"configuration: {_chain(config)}")
    selection = config.selection(options.force_exclude)
    rows = [
        ("select", list(options.select) or "all", list(config.select)),
        ("ignore", list(options.ignore), list(config.ignore)),
        ("fail-on", options.fail_on, config.fail_on),
        ("lang", options.lang, config.lang),
        ("reporter", options.settings.reporter, config.reporter),
        ("encoding", options.settings.encoding or "detect", config.encoding),
        ("max-bytes", options.settings.max_bytes, config.max_bytes),
        ("rule-timeout", options.settings.rule_timeout, config.rule_timeout),
        ("rules", [str(p) for p in options.rule_paths], [str(p) for p in config.rules] or None),
        ("include", list(selection.include), config.include),
        ("exclude", list(selection.exclude), config.exclude),
        ("extend-exclude", list(selection.extend_exclude), config.extend_exclude or None),
        ("respect-gitignore", selection.respect_gitignore, config.respect_gitignore),
        ("force-exclude", selection.force_exclude, config.force_exclude),
        ("per-file-ignores", {p: c for p, c in config.per_file_ignores}, config.per_file_ignores or None),
        ("rule-settings", {rule: dict(entry[0]) for rule, entry in config.rule_settings.items()},
         config.rule_settings or None),
        ("baseline", str(options.baseline) if options.baseline else None, config.baseline),
        ("docs-url", config.docs_url, config.docs_url),
        ("format", options.fmt, None),
        ("min-severity", options.min_severity, None),
        ("cache", "off" if not options.use_cache else options.cache_dir or "default", None),
        ("jobs", options.jobs or "cores", None),
    ]
    width = max(len(name) for name, _, _ in rows)
    for name, value, configured in rows:
        click.echo(f"{name:<{width}}  {_shown(value)}  # {_origin(name, value, configured, config)}")
    return 0


def _chain(config) -> str:
    if not config.chain:
        return "none (defaults)"
    return " extends ".join(str(p) for p in config.chain)


def _origin(name: str, value, configured, config) -> str:
    source = config.origins.get(name)
    if source is not None and configured is not None and _same(value, configured):
        return str(source)
    return "default" if _defaults().get(name, object()) == value else "command line"


def _same(value, configured) -> bool:
    if isinstance(configured, Path):
        return str(configured) == value
    if isinstance(configured, (dict, list)) and configured and not isinstance(value, list):
        return True  # per-file-ignores, rule-settings: shown as the configuration has them
    return value == configured or (isinstance(value, list) and list(configured or []) == value)


def _defaults() -> dict:
    from lint.pack.files import default_rules_dir
    from lint.read.discover import DEFAULT_EXCLUDE, DEFAULT_INCLUDE

    return {"select": "all", "ignore": [], "fail-on": "error", "lang": "zh", "reporter": Settings.reporter,
            "encoding": "detect", "max-bytes": Settings.max_bytes, "rule-timeout": Settings.rule_timeout,
            "rules": [str(default_rules_dir())], "include": list(DEFAULT_INCLUDE), "exclude": list(DEFAULT_EXCLUDE),
            "extend-exclude": [], "respect-gitignore": True, "force-exclude": False, "per-file-ignores": {},
            "rule-settings": {}, "baseline": None, "docs-url": None, "format": "text", "min-severity": "info",
            "cache": "default", "jobs": "cores"}


def _shown(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, str) else value
