"""The `reportlint` command: check, rules, explain."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .engine import RuleCrash
from .finding import SEVERITY_RANK

HELP = {
    "check": "检查报告草稿（.txt/.md/.docx），逐条报告问题。Check report drafts and report each finding.",
}


class _Exit2(click.ClickException):
    """A usage or configuration error: exit code 2, message on stderr."""

    exit_code = 2


def _split_codes(values: tuple[str, ...]) -> list[str]:
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


def _load_pack(extra: tuple[str, ...]):
    from .pack import PackError, default_rules_dir, load_pack

    try:
        return load_pack([default_rules_dir(), *(Path(p) for p in extra)])
    except PackError as exc:
        raise _Exit2(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
def main() -> None:
    """reportlint：法治政府建设年度报告合规检查。A compliance linter for 法治政府建设年度报告 drafts."""


@main.command(help=HELP["check"])
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--select", multiple=True, help="Only these rule IDs or prefixes (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rule IDs or prefixes (comma-separated, repeatable).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or worse is reported.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the messages.")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(exists=True),
              help="Extra rule file or directory (repeatable).")
@click.option("--reporter", type=click.Choice(["department", "government"]), default="department",
              show_default=True, help="Who reports: a department (deadline 1 March) or a government (1 April).")
@click.option("--encoding", default=None, help="Force the input encoding instead of detecting it.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the findings.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when a terminal).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to .txt/.md files in place, then report what remains.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them (exit 1 if any).")
def check(paths, fmt, select, ignore, fail_on, lang, rule_paths, reporter, encoding, quiet, color, fix, diff):
    from .discover import discover
    from .engine import Linter, select_rules
    from .report import REPORTERS

    pack = _load_pack(rule_paths)
    selected = select_rules(pack, _split_codes(select), _split_codes(ignore))
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise _Exit2(f"unknown encoding '{encoding}'") from None
    linter = Linter(pack, selected, {"reporter": reporter, "encoding": encoding}, lang)
    if diff:
        sys.exit(_print_diffs(linter, discover(list(paths)), lang, quiet))
    results, sources, fixed = [], {}, _FixTally()
    for path in discover(list(paths)):
        result = _fix(linter, path, fixed, lang) if fix else linter.lint_path(path)
        results.append(result)
        if fmt == "text" and not quiet and result.findings:
            sources[result.path] = result.lines
        result.lines = None  # keep memory bounded by the largest file, not the number of files
    if color is None:
        color = fmt == "text" and sys.stdout.isatty()
    output = REPORTERS[fmt](results, lang, {"sources": sources, "quiet": quiet, "color": color})
    click.echo(output, nl=False)
    if fix and not quiet:
        click.echo(fixed.summary(lang), err=True)
    threshold = SEVERITY_RANK[fail_on]
    failed = any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings)
    sys.exit(1 if failed else 0)


class _FixTally:
    def __init__(self):
        self.fixes = 0
        self.files = 0

    def add(self, applied: int) -> None:
        if applied:
            self.fixes += applied
            self.files += 1

    def summary(self, lang: str) -> str:
        if lang == "en":
            return f"fixed {self.fixes} finding(s) in {self.files} file(s)"
        return f"已修复 {self.fixes} 处问题（{self.files} 个文件）"


def _fix(linter, path: Path, tally: _FixTally, lang: str):
    from .fixer import FixRefused, fix_path

    if path.suffix.lower() == ".docx":
        click.echo(f"reportlint: {path}: " + ("--fix 不改写 .docx 文件，请在 Word 中修改（以下为检查结果）" if lang == "zh"
                                               else "--fix does not rewrite .docx files; edit it in Word (findings below)"),
                   err=True)
        return linter.lint_path(path)
    try:
        outcome = fix_path(linter, path, write=True)
    except FixRefused as exc:
        click.echo(f"reportlint: {path}: {'未修改' if lang == 'zh' else 'not fixed'}: {exc}", err=True)
        return linter.lint_path(path)
    tally.add(outcome.applied)
    return outcome.result


def _print_diffs(linter, paths, lang: str, quiet: bool) -> int:
    from .fixer import FixRefused, fix_path, unified_diff

    tally = _FixTally()
    for path in paths:
        if path.suffix.lower() == ".docx":
            click.echo(f"reportlint: {path}: --diff/--fix do not rewrite .docx files", err=True)
            continue
        try:
            outcome = fix_path(linter, path, write=False)
        except FixRefused as exc:
            click.echo(f"reportlint: {path}: {exc}", err=True)
            continue
        tally.add(outcome.applied)
        click.echo(unified_diff(outcome), nl=False)
    if not quiet:
        word = "would fix" if lang == "en" else "可修复"
        click.echo(tally.summary(lang).replace("fixed", word).replace("已修复", word), err=True)
    return 1 if tally.fixes else 0


@main.command("rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(exists=True), help="Extra rule paths.")
def list_rules(lang, rule_paths):
    """列出全部规则。List the rules: ID, severity, check kind, fixable, title."""
    pack = _load_pack(rule_paths)
    from .checks import KINDS
    from .report.text import WORDS, cell_width

    for rule in sorted(pack.rules.values(), key=lambda r: r.id):
        title = rule.text(rule.title, lang) or rule.text(rule.message, lang)
        severity = WORDS[lang][rule.severity]
        fixable = "fix" if KINDS[rule.check].fixable(rule.params) else ""
        click.echo(f"{rule.id:<6} {severity}{' ' * (9 - cell_width(severity))}{rule.check:<17} {fixable:<4} {title}")


@main.command()
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(exists=True), help="Extra rule paths.")
def explain(rule_id, lang, rule_paths):
    """说明一条规则：含义、依据、示例。Explain a rule: message, source, examples."""
    from .checks import KINDS
    from .report.explain import render_rule

    pack = _load_pack(rule_paths)
    rule = pack.rules.get(rule_id.upper())
    if rule is None:
        raise _Exit2(f"unknown rule '{rule_id}' (see `reportlint rules`)")
    click.echo(render_rule(rule, KINDS[rule.check], lang))


def run() -> None:
    try:
        main(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
    except RuleCrash as exc:
        click.echo(f"reportlint: internal error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        # The reader went away (`reportlint check … | head`): end quietly, as cat does.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":
    run()
