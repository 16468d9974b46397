"""Where users work: which files of a repository are reports (default excludes,
.gitignore, .ignore, force-exclude), an organisation's shared configuration (extend,
baseline in the config, --show-settings, --show-files), output a person or a script
wants (--min-severity, concise, grouped, --statistics as JSON, --exit-zero, helpUri),
and editors (standard input, python -m lint)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CLEAN = EXAMPLES / "complete-report.txt"
DEFECTIVE = EXAMPLES / "typography-defects.txt"


def run(*args, cwd: Path | None = None, stdin: bytes | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), input=stdin)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), input=stdin)
    finally:
        os.chdir(old)


def listed(*args, cwd: Path) -> set[str]:
    result = run("check", "--show-files", *args, cwd=cwd)
    assert result.exit_code == 0, result.output
    return {Path(line).as_posix() for line in result.stdout.splitlines()}


@pytest.fixture
def repository(tmp_path):
    """A document repository: reports beside the files every repository has."""
    for name in ("README.md", "requirements.txt", "LICENSE.txt", "CHANGELOG.md", "reports/2024/local-notes.txt",
                 "node_modules/pkg/readme.md", "build/out.txt", "reports/2024/draft.txt", "reports/Readme.MD"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CLEAN, path)
    return tmp_path


def test_files_every_repository_has_are_not_reports(repository):
    found = listed(".", cwd=repository)
    assert found == {"reports/2024/draft.txt", "reports/2024/local-notes.txt"}


def test_a_file_named_on_the_command_line_is_checked_unless_force_exclude(repository):
    assert listed("README.md", cwd=repository) == {"README.md"}
    assert listed("--force-exclude", "README.md", "reports/2024/draft.txt", cwd=repository) == \
        {"reports/2024/draft.txt"}


def test_gitignore_in_a_repository_and_ignore_anywhere(repository):
    (repository / ".gitignore").write_text("*-notes.txt\n!keep-notes.txt\n", encoding="utf-8")
    shutil.copy(CLEAN, repository / "reports" / "keep-notes.txt")
    assert "reports/2024/local-notes.txt" in listed(".", cwd=repository)  # not a git repository: no effect
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    found = listed(".", cwd=repository)
    assert "reports/2024/local-notes.txt" not in found and "reports/keep-notes.txt" in found
    (repository / "reports" / ".ignore").write_text("2024/\n", encoding="utf-8")
    assert listed(".", cwd=repository) == {"reports/keep-notes.txt"}
    # a parent's .gitignore counts when only a subdirectory is walked
    assert listed("reports", cwd=repository) == {"reports/keep-notes.txt"}


def test_an_ignore_file_rules_its_own_folder_not_one_whose_name_begins_alike(repository):
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    (repository / "reports" / ".ignore").write_text("*.txt\n", encoding="utf-8")
    sibling = repository / "reports-old" / "draft.txt"
    sibling.parent.mkdir()
    shutil.copy(CLEAN, sibling)
    (repository / "reports" / "2024" / ".gitignore").write_text("!draft.txt\n", encoding="utf-8")
    # the deeper file has the last word; reports/'s .ignore says nothing of reports-old/
    assert listed(".", cwd=repository) == {"reports-old/draft.txt", "reports/2024/draft.txt"}


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(repository):
    config = repository / ".reportlint.yaml"
    config.write_text("extend-exclude: [reports/2024/local-*]\n", encoding="utf-8")
    assert listed(".", cwd=repository) == {"reports/2024/draft.txt"}
    config.write_text("exclude: [node_modules, build]\n", encoding="utf-8")
    assert "README.md" in listed(".", cwd=repository)


def test_extend_chain_merges_with_the_nearest_file_winning(tmp_path):
    base = tmp_path / "org" / "base.yaml"
    base.parent.mkdir()
    base.write_text("lang: en\nfail-on: warning\nselect: [S, T]\nextend-exclude: [archive]\n"
                    "rule-settings:\n  S117: {severity: info}\n", encoding="utf-8")
    middle = tmp_path / "org" / "department.yaml"
    middle.write_text("extend: base.yaml\nfail-on: error\nextend-exclude: [old/**]\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / ".reportlint.yaml").write_text("extend: ../org/department.yaml\nlang: zh\n", encoding="utf-8")
    from lint.config import load_config

    config = load_config(project / ".reportlint.yaml")
    assert (config.lang, config.fail_on, config.select) == ("zh", "error", ["S", "T"])
    assert config.extend_exclude[0] == "archive"
    assert config.extend_exclude[1] == (tmp_path / "org").resolve().as_posix() + "/old/**"  # its own directory
    assert config.rule_settings["S117"][2] == base
    shown = run("check", "--show-settings", ".", cwd=project).stdout
    lines = {line.split()[0]: line for line in shown.splitlines() if line.strip()}
    assert lines["lang"].endswith(".reportlint.yaml") and lines["fail-on"].endswith("department.yaml")
    assert lines["select"].endswith("base.yaml") and "extends" in lines["configuration:"]
    assert run("check", "--show-settings", "--fail-on", "info", ".", cwd=project).stdout.count("command line") == 1


def test_extend_errors_name_the_file_and_line(tmp_path):
    (tmp_path / "a.yaml").write_text("extend: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("lang: en\nextend: a.yaml\n", encoding="utf-8")
    result = run("check", "--config", str(tmp_path / "a.yaml"), str(CLEAN))
    assert result.exit_code == 2 and "b.yaml:2" in result.output and "cycle" in result.output
    (tmp_path / "c.yaml").write_text("extend: missing.yaml\n", encoding="utf-8")
    result = run("check", "--config", str(tmp_path / "c.yaml"), str(CLEAN))
    assert result.exit_code == 2 and "c.yaml:1" in result.output


def test_extend_a_file_inside_an_installed_package(tmp_path):
    config = tmp_path / ".reportlint.yaml"
    config.write_text("extend: lint:templates/reportlint.yaml\n", encoding="utf-8")
    from lint.config import load_config

    assert len(load_config(config).chain) == 2


def test_baseline_set_in_the_configuration(tmp_path):
    draft = tmp_path / "draft.txt"
    shutil.copy(DEFECTIVE, draft)
    assert run("check", "--isolated", "--no-cache", "--write-baseline", "b.json", "draft.txt",
               cwd=tmp_path).exit_code == 0
    (tmp_path / ".reportlint.yaml").write_text("baseline: b.json\n", encoding="utf-8")
    result = run("check", "--no-cache", "draft.txt", cwd=tmp_path)
    assert result.exit_code == 0, result.output


def test_min_severity_hides_but_the_exit_code_still_follows_fail_on():
    shown = run("check", "--isolated", "--no-cache", "--format", "json", "--min-severity", "error",
                "--fail-on", "warning", str(EXAMPLES / "complete-report.txt"), str(DEFECTIVE))
    findings = json.loads(shown.stdout)
    assert findings and {f["severity"] for f in findings} == {"error"}
    only_warnings = run("check", "--isolated", "--no-cache", "--min-severity", "error", "--fail-on", "warning",
                        "--select", "T301", "--format", "json", str(DEFECTIVE))
    assert json.loads(only_warnings.stdout) == [] and only_warnings.exit_code == 1
    assert run("check", "--isolated", "--no-cache", "--exit-zero", str(DEFECTIVE)).exit_code == 0


def test_concise_and_grouped_output():
    concise = run("check", "--isolated", "--no-cache", "--format", "concise", str(DEFECTIVE)).stdout.splitlines()
    assert all(line.startswith(str(DEFECTIVE)) for line in concise[:-1]) and "|" not in "".join(concise)
    grouped = run("check", "--isolated", "--no-cache", "--format", "grouped", str(DEFECTIVE)).stdout.splitlines()
    assert grouped[0] == str(DEFECTIVE)
    rules = [line.split()[0] for line in grouped if line.startswith("  ") and not line.startswith("    ")]
    assert len(rules) == len(set(rules)) > 3
    severities = [line.split()[1] for line in grouped if line.startswith("  ") and not line.startswith("    ")]
    order = {"[错误]": 0, "[警告]": 1, "[提示]": 2}
    assert [order[s] for s in severities] == sorted(order[s] for s in severities)  # errors first


def test_statistics_as_json():
    result = run("check", "--isolated", "--no-cache", "--statistics", "--format", "json", str(DEFECTIVE))
    data = json.loads(result.stdout)
    assert data["total"] == sum(r["count"] for r in data["rules"]) > 0 and data["files"] == 1


def test_sarif_rules_link_to_their_documentation(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("docs-url: https://docs.example.gov.cn/reportlint/rules.md\n",
                                              encoding="utf-8")
    sarif = json.loads(run("check", "--no-cache", "--format", "sarif", str(DEFECTIVE), cwd=tmp_path).stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"]: r["helpUri"] for r in rules}["T301"] == "https://docs.example.gov.cn/reportlint/rules.md#t301"
    assert "## T301" in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")  # the anchor exists


def test_standard_input_is_checked_under_the_stdin_filename(tmp_path):
    from_file = run("check", "--isolated", "--no-cache", "--format", "json", str(DEFECTIVE))
    from_stdin = run("check", "--isolated", "--format", "json", "--stdin-filename", str(DEFECTIVE), "-",
                     stdin=DEFECTIVE.read_bytes())
    assert from_stdin.exit_code == from_file.exit_code == 1
    assert json.loads(from_stdin.stdout) == json.loads(from_file.stdout)
    (tmp_path / ".reportlint.yaml").write_text("per-file-ignores:\n  '*.md': [T]\n", encoding="utf-8")
    as_md = run("check", "--format", "json", "--stdin-filename", "notes/draft.md", "-", cwd=tmp_path,
                stdin=DEFECTIVE.read_bytes())
    assert not [f for f in json.loads(as_md.stdout) if f["rule"].startswith("T")]
    assert run("check", "--fix", "-", stdin=b"x").exit_code == 2


def test_python_dash_m_lint():
    done = subprocess.run([sys.executable, "-m", "lint", "check", "--isolated", "--no-cache", "-q", str(CLEAN)],
                          capture_output=True, cwd=ROOT)
    assert done.returncode == 0 and done.stdout == b""


def test_rules_and_explain_honour_lang_in_the_configuration(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("lang: en\n", encoding="utf-8")
    assert "half-width punctuation" in run("explain", "T301", cwd=tmp_path).stdout
    assert "half-width punctuation" in run("rules", cwd=tmp_path).stdout
    assert "半角" in run("rules", "--lang", "zh", cwd=tmp_path).stdout


def test_the_configuration_init_writes_keeps_the_default_excludes(repository):
    assert run("init", cwd=repository).exit_code == 0
    assert (repository / ".reportlint.yaml").is_file()
    assert listed(".", cwd=repository) == {"reports/2024/draft.txt", "reports/2024/local-notes.txt"}


def _excluded_by_definition(selection, path: Path) -> bool:
    """The rule as documented, step by step: the names of the path below the root (only
    its own name when it is outside) against the patterns without a slash, the absolute
    path and each folder above it against the anchored ones."""
    try:
        rel = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(selection.root))).as_posix()
    except ValueError:
        rel = None
    if rel is not None and (rel.startswith("../") or rel == ".."):
        rel = None
    names = rel.split("/") if rel else [path.name]
    absolute = Path(os.path.abspath(path)).as_posix().split("/")
    return any(matcher(names, absolute) for matcher in selection._matchers)


@pytest.mark.parametrize("exclude,extend", [
    (None, ()), (None, ("archive", "*.bak.txt")), (("drafts/old/**",), ("草稿*",)), (None, ("notes/*.md", "build")),
])
def test_exclusion_answered_folder_by_folder_is_the_documented_rule(tmp_path, exclude, extend):
    from lint.read.discover import DEFAULT_EXCLUDE, Selection, anchored

    root = tmp_path / "repo"
    patterns = tuple(anchored(p, root) for p in (exclude or DEFAULT_EXCLUDE))
    selection = Selection(root, exclude=patterns if exclude else DEFAULT_EXCLUDE,
                          extend_exclude=tuple(anchored(p, root) for p in extend))
    names = ["README.md", "readme.TXT", "drafts/old/r.txt", "drafts/r.txt", "archive/2023/r.txt", "a/archive",
             "草稿一.txt", "x.bak.txt", "notes/n.md", "notes/deep/n.md", "build/r.txt"]
    outside = ["README.md", "archive/r.txt", "other/drafts/old/r.txt"]
    paths = [root, *(root / name for name in names), *(tmp_path / name for name in outside), Path("relative.txt")]
    answers = {str(path): selection.excluded(path) for path in paths}
    assert answers == {str(path): _excluded_by_definition(selection, path) for path in paths}
    assert any(answers.values()) and not all(answers.values())
