"""The pre-commit round trip with the real pre-commit: this repository as the hook source,
a temporary git repository where a defective report fails the commit and a clean one passes.

Slow the first time (pre-commit builds the hook's environment from PyPI); skipped
outside CI when git or pre-commit is missing, required in CI (CI=true).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _prerequisites() -> str | None:
    if shutil.which("git") is None:
        return "git is not installed"
    if shutil.which("pre-commit") is None:
        return "pre-commit is not installed (pip install -e '.[test]')"
    if not (ROOT / ".git").exists():
        return "the project is not a git checkout"
    return None


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check,
                          timeout=900)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    reason = _prerequisites()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"pre-commit round trip cannot run in CI: {reason}")
        pytest.skip(reason)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    repo = tmp_path_factory.mktemp("drafts")
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: reportlint\n", encoding="utf-8")
    subprocess.run(["pre-commit", "install"], cwd=repo, check=True, capture_output=True, timeout=120)
    _git(repo, "add", ".pre-commit-config.yaml")
    _git(repo, "commit", "-q", "-m", "config")
    return repo


def test_a_defective_report_fails_the_commit_with_its_findings(hook_repo):
    shutil.copy(EXAMPLES / "missing-parts.txt", hook_repo / "draft.txt")
    _git(hook_repo, "add", "draft.txt")
    commit = _git(hook_repo, "commit", "-m", "defective draft", check=False)
    output = commit.stdout + commit.stderr
    assert commit.returncode != 0, output
    assert "S112" in output and "draft.txt:1:1" in output, output
    assert _git(hook_repo, "log", "--oneline").stdout.count("\n") == 1  # nothing was committed
    _git(hook_repo, "reset", "-q", "draft.txt")
    (hook_repo / "draft.txt").unlink()


def test_a_clean_report_passes_the_commit(hook_repo):
    shutil.copy(EXAMPLES / "complete-report.txt", hook_repo / "clean.txt")
    _git(hook_repo, "add", "clean.txt")
    commit = _git(hook_repo, "commit", "-m", "clean draft", check=False)
    assert commit.returncode == 0, commit.stdout + commit.stderr
    assert "reportlint" in commit.stdout + commit.stderr  # the hook ran
