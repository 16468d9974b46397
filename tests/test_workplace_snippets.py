"""The README's first pre-commit block, pasted exactly as printed into a fresh git
repository: committing README.md, requirements.txt and a clean report passes;
committing a defective report fails with its findings. And no snippet shows an
address or a tag that does not exist.

Skipped outside CI when git or pre-commit is missing, required in CI (CI=true)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def first_precommit_block() -> str:
    section = README[README.index("### pre-commit"):]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def _env() -> dict:
    # the reportlint of the environment running the tests, as `language: system` finds it
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return {**os.environ, "PATH": path, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env=_env(), capture_output=True, text=True, check=check,
                          timeout=600)


@pytest.fixture
def repo(tmp_path):
    missing = [tool for tool in ("git", "pre-commit") if shutil.which(tool, path=_env()["PATH"]) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"the README's pre-commit block cannot be tried in CI: {', '.join(missing)} missing")
        pytest.skip(f"{', '.join(missing)} not installed (pip install -e '.[test]' installs pre-commit)")
    _git(tmp_path, "init", "-q")
    (tmp_path / ".pre-commit-config.yaml").write_text(first_precommit_block(), encoding="utf-8")
    pre_commit = shutil.which("pre-commit", path=_env()["PATH"])
    subprocess.run([pre_commit, "install"], cwd=tmp_path, env=_env(), check=True, capture_output=True, timeout=120)
    _git(tmp_path, "add", ".pre-commit-config.yaml")
    _git(tmp_path, "commit", "-q", "--no-verify", "-m", "config")
    return tmp_path


def test_the_first_precommit_block_works_as_pasted(repo):
    (repo / "README.md").write_text("# 报告库\n\n本仓库存放各部门的年度报告草稿。\n", encoding="utf-8")
    (repo / "requirements.txt").write_text("reportlint\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "complete-report.txt", repo / "2024年度报告.TXT")
    _git(repo, "add", ".")
    clean = _git(repo, "commit", "-m", "clean", check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "reportlint" in clean.stdout + clean.stderr  # the hook ran
    shutil.copy(EXAMPLES / "missing-parts.txt", repo / "draft.txt")
    _git(repo, "add", "draft.txt")
    defective = _git(repo, "commit", "-m", "defective", check=False)
    output = defective.stdout + defective.stderr
    assert defective.returncode != 0 and "S112" in output and "draft.txt:1:1" in output, output


def test_no_snippet_shows_an_address_or_tag_that_does_not_exist():
    assert "example.org" not in README
    assert not re.search(r"rev: v\d", README) and not re.search(r"@v\d+\.\d+\.\d+", README)
    assert "<URL of your copy of reportlint>" in README and "<a tag or commit of it>" in README
