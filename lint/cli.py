"""The `reportlint` command: check, rules, explain."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from lint import __version__
from lint.findings import RuleCrash
from lint.report import FORMATS as REPORT_FORMATS
from lint.strings import words

HELP = {
    "check": "检查报告草稿（.txt/.md/.docx），逐条报告问题。Check report drafts and report each finding.",
}


class _Exit2(click.ClickException):
    """A usage or configuration error: exit code 2, message on stderr."""

    exit_code = 2


def _load_pack(extra: tuple[str, ...]):
    from lint.cache.packs import load_pack_cached
    from lint.pack.files import default_rules_dir
    from lint.pack.load import PackError

    try:
        return load_pack_cached([default_rules_dir(), *(Path(p) for p in extra)])
    except PackError as exc:
        raise _Exit2(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
def main() -> None:
    """reportlint：法治政府建设年度报告合规检查。A compliance linter for 法治政府建设年度报告 drafts."""


FORMATS = list(REPORT_FORMATS)


def _profile_and_pairing(command):
    """--profile, --previous and --pair: the same for check and review."""
    options = [
        click.option("--profile", default=None,
                     help="A shipped profile: national (default), guangdong-department, guangdong-government, town."),
        click.option("--previous", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
                     help="A folder of last year's reports: each report is held against its unit's (X501-X503)."),
        click.option("--pair", is_flag=True, help="Pair the reports given with each other by unit and year "
                                                  "(this year's and last year's together)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command(help=HELP["check"])
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--select", multiple=True, help="Only these rule IDs or prefixes (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rule IDs or prefixes (comma-separated, repeatable).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding of this severity or worse is reported.  [default: error]")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the messages.  [default: zh]")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(exists=True),
              help="Extra rule file or directory (repeatable).")
@click.option("--reporter", type=click.Choice(["department", "government"]), default=None,
              help="Who reports: a department (deadline 1 March) or a government (1 April).  [default: department]")
@click.option("--encoding", default=None, help="Force the input encoding instead of detecting it.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Configuration file (default: .reportlint.yaml found upwards from here).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Record today's findings in this file (and exit 0).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None,
              help="Worker processes (default: the number of cores; 1: no workers). Output is the same.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Result cache directory (default: $REPORTLINT_CACHE_DIR, else .reportlint_cache/ beside "
                   "the configuration file, else here).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the findings.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when a terminal).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to .txt/.md files in place, then report what remains.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them (exit 1 if any).")
@_profile_and_pairing
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Show only findings of this severity or worse (the exit code still follows --fail-on).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on (2 still means an error).")
@click.option("--force-exclude", is_flag=True,
              help="Apply exclude/extend-exclude to files named on the command line too (for pre-commit).")
@click.option("--stdin-filename", default=None,
              help="With PATH '-': the name the draft read from standard input is reported and configured under.")
@click.option("--show-files", is_flag=True, help="List the files that would be checked, and stop.")
@click.option("--show-settings", is_flag=True,
              help="Print the effective settings and the file each came from, and stop.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix/--diff, also apply the fixes that change words (H407), not only punctuation and spaces.")
def check(paths, **flags):
    from lint.check import CheckError, run_check
    from lint.linters import RulesError
    from lint.options import OptionsError, build_options

    show_files, show_settings = flags.pop("show_files"), flags.pop("show_settings")
    stdin_name = flags.pop("stdin_filename")
    try:
        options = build_options(**flags)
        if show_settings:
            from lint.show import show_settings as show

            sys.exit(show(options))
        if show_files:
            from lint.show import show_files as show

            sys.exit(show(list(paths), options))
        if Path("-") in paths:
            from lint.check import check_stdin

            sys.exit(check_stdin([p for p in paths if p != Path("-")], stdin_name, options))
        sys.exit(run_check(list(paths), options))
    except (CheckError, OptionsError, RulesError) as exc:
        raise _Exit2(str(exc)) from None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="The annotated copy (a file for one draft, a directory for several). "
                   "Default: <name>-审阅.docx beside each draft.")
@click.option("--select", multiple=True, help="Only these rule IDs or prefixes.")
@click.option("--ignore", multiple=True, help="Skip these rule IDs or prefixes.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of the comments.")
@click.option("--reporter", type=click.Choice(["department", "government"]), default=None)
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def annotate(paths, output, **flags):
    """写出带批注的 Word 副本：每个问题一条批注，原文件不动。
    Write a copy of each Word draft with every finding as a Word comment; the original is never written."""
    from lint.annotate import AnnotateError, annotate_all
    from lint.linters import RulesError
    from lint.options import OptionsError, build_options

    try:
        annotate_all(list(paths), output, build_options(**flags))
    except (AnnotateError, OptionsError, RulesError) as exc:
        raise _Exit2(str(exc)) from None


def _configured_lang(lang: str | None) -> str:
    """--lang, else the `lang:` of the configuration found from here, else Chinese."""
    if lang:
        return lang
    from lint.config import ConfigError, find_config, load_config

    path = find_config()
    try:
        return (load_config(path).lang if path else None) or "zh"
    except ConfigError as exc:
        raise _Exit2(str(exc)) from None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "xlsx", "html"]), default=None,
              help="text (default), json, csv, xlsx or html (default with -o: by the file's suffix).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the review to this file (review.html, review.xlsx …).")
@click.option("--select", multiple=True, help="Only these rule IDs or prefixes.")
@click.option("--ignore", multiple=True, help="Skip these rule IDs or prefixes.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language.  [default: zh]")
@click.option("--reporter", type=click.Choice(["department", "government"]), default=None,
              help="Whose deadline applies: a department's (1 March) or a government's (1 April).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding of this severity or worse is in any report.  [default: error]")
@click.option("--exit-zero", is_flag=True, help="Exit 0 whatever the reports hold.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, help="Worker processes.")
@_profile_and_pairing
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
def review(paths, fmt, output, **flags):
    """审查一览：每份报告的单位、年度、报送期限、五项必备内容和问题数（文本、JSON、CSV、Excel、网页）。
    The reviewer's overview of many reports: unit, year, deadline, the five parts, counts and findings."""
    from lint.check import CheckError
    from lint.linters import RulesError
    from lint.options import OptionsError, build_options
    from lint.review import REVIEW_FORMATS, ReviewError, run_review

    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = {"htm": "html"}.get(suffix, suffix) if suffix in (*REVIEW_FORMATS, "htm") else "text"
    try:
        sys.exit(run_review(list(paths), build_options(**flags), fmt, output))
    except (CheckError, ReviewError, OptionsError, RulesError) as exc:
        raise _Exit2(str(exc)) from None


@main.command()
def server():
    """语言服务器（LSP，标准输入输出）：编辑器中即时检查 .txt/.md 草稿。
    A language server over stdio: diagnostics and safe fixes for .txt/.md drafts in an editor."""
    from lint.server import ServerMissing, serve

    try:
        serve()
    except ServerMissing as exc:
        raise _Exit2(str(exc)) from None


@main.command("rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language (default: the configuration's lang, else zh).")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(exists=True), help="Extra rule paths.")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown"]), default="table", show_default=True,
              help="A table, or the rules documented in Markdown (docs/rules.md).")
def list_rules(lang, rule_paths, fmt):
    """列出全部规则。List the rules: ID, severity, check kind, fixable, title."""
    lang = _configured_lang(lang)
    pack = _load_pack(rule_paths)
    from lint.linters import fixable
    from lint.report.text import cell_width

    rules = sorted(pack.rules.values(), key=lambda r: r.id)
    if fmt == "markdown":
        from lint.checks import KINDS
        from lint.report.explain import render_markdown

        click.echo(render_markdown(rules, KINDS, lang), nl=False)
        return
    for rule in rules:
        title = rule.text(rule.title, lang) or rule.text(rule.message, lang)
        title += "" if rule.enabled else f"  ({words(lang)['off']})"
        severity = words(lang)[rule.severity]
        fix = ("fix" if rule.fix_safety == "safe" else "fix!") if fixable(rule) else ""
        click.echo(f"{rule.id:<6} {severity}{' ' * (9 - cell_width(severity))}{rule.check:<17} {fix:<4} {title}")


@main.command()
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language (default: the configuration's lang, else zh).")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(exists=True), help="Extra rule paths.")
def explain(rule_id, lang, rule_paths):
    """说明一条规则：含义、依据、示例。Explain a rule: message, source, examples."""
    from lint.checks import KINDS
    from lint.report.explain import render_rule

    lang = _configured_lang(lang)
    pack = _load_pack(rule_paths)
    rule = pack.rules.get(rule_id.upper())
    if rule is None:
        raise _Exit2(f"unknown rule '{rule_id}' (see `reportlint rules`)")
    click.echo(render_rule(rule, KINDS[rule.check], lang))


@main.command()
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Configuration file whose cache to remove (default: .reportlint.yaml found upwards).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="The cache directory to remove.")
def clean(config_path, cache_dir):
    """删除结果缓存和用户缓存。Remove the result cache that `check` uses from here, and the user cache."""
    from lint.cache.results import cache_directory, clear
    from lint.config import find_config

    config_path = config_path or find_config()
    directory = cache_directory(config_path.parent if config_path else Path.cwd(), cache_dir)
    _clear_user_cache()
    if not directory.exists():
        click.echo(f"no cache at {directory}", err=True)
    elif clear(directory):
        click.echo(f"removed {directory}", err=True)
    else:
        raise _Exit2(f"{directory} is not a reportlint cache (no CACHEDIR.TAG of reportlint's): left alone")


def _clear_user_cache() -> None:
    """The user's private cache (start-up caches and the key that seals result caches)."""
    import shutil

    from lint.cache.user import forget_user_cache, user_cache_dir

    directory = user_cache_dir()
    if directory is not None:
        shutil.rmtree(directory, ignore_errors=True)
        click.echo(f"removed {directory}", err=True)
        forget_user_cache()


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .reportlint.yaml.")
def init(force):
    """写入带注释的配置文件 .reportlint.yaml，并给出 pre-commit 配置示例。
    Write a commented .reportlint.yaml here and print a .pre-commit-config.yaml block."""
    from importlib import resources

    target = Path(".reportlint.yaml")
    if target.exists() and not force:
        raise _Exit2(f"{target} already exists (use --force to overwrite)")
    templates = resources.files("lint").joinpath("templates")
    target.write_text(templates.joinpath("reportlint.yaml").read_text("utf-8"), encoding="utf-8")
    click.echo(f"wrote {target}", err=True)
    hook = templates.joinpath("pre-commit-config.yaml").read_text("utf-8")
    click.echo(hook.replace("{version}", __version__), nl=False)


class Terminated(KeyboardInterrupt):
    """SIGTERM (CI cancellation, `timeout`, `docker stop`): stopped as Ctrl-C stops a run,
    so worker processes finish the file in hand and exit with it, none left behind."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def run() -> None:
    import signal

    from lint.console import forgiving_streams

    forgiving_streams()
    signal.signal(signal.SIGTERM, _terminate)
    # standalone_mode=False: click would turn Ctrl-C into "Aborted!" and exit 1.
    try:
        code = main(standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort) as exc:
        if isinstance(exc, Terminated) or isinstance(exc.__cause__, Terminated):  # click turns it into Abort
            click.echo("reportlint: terminated", err=True)
            sys.exit(143)
        click.echo("reportlint: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except RuleCrash as exc:
        click.echo(f"reportlint: internal error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        # The reader went away (`reportlint check … | head`): end quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - one line and exit 2, not a traceback and exit 1
        if os.environ.get("REPORTLINT_DEBUG"):
            raise
        click.echo(f"reportlint: internal error: {type(exc).__name__}: {exc} (REPORTLINT_DEBUG=1 shows where)",
                   err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    run()
