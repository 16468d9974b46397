from __future__ import annotations

from pathlib import Path

import pytest

from lint.engine import Linter
from lint.options import Settings
from lint.pack.files import default_rules_dir
from lint.pack.load import load_pack

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="session")
def _user_cache_home(tmp_path_factory):
    return tmp_path_factory.mktemp("user-cache-home")


@pytest.fixture(autouse=True)
def _private_caches(tmp_path_factory, monkeypatch, _user_cache_home):
    """Each test its own result cache: none left in the checkout, none shared between
    tests; and a user cache of the test session's own, never the real one."""
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("result-cache")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_user_cache_home))


@pytest.fixture(scope="session")
def pack():
    return load_pack([default_rules_dir()])


@pytest.fixture(scope="session")
def lint_text(pack):
    """lint_text(text, select=None, **settings) -> list of findings."""
    def run(text: str, select=None, lang="zh", previous=None, **settings):
        rules = [r for r in pack.rules.values() if select is None or r.id in select]
        return Linter(pack, rules, Settings(**settings), lang).lint_text(text, previous=previous).findings
    return run


@pytest.fixture(scope="session")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def interrupted_draft(tmp_path, monkeypatch):
    """A draft with a fixable finding, and a Ctrl-C arriving at the rename that would replace it."""
    import os

    draft = tmp_path / "draft.txt"
    draft.write_text("2024年,我局推进依法行政。\n", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    return draft


@pytest.fixture
def terms_rule(tmp_path) -> tuple[Path, Path, Path]:
    """A rule directory with X901 (a terms check reading ../terms.yaml), the terms file
    (老名称 -> 新名称) and a draft mentioning 旧名字, which those terms do not cover."""
    rules = tmp_path / "rules"
    rules.mkdir()
    terms = tmp_path / "terms.yaml"
    terms.write_text("老名称: 新名称\n", encoding="utf-8")
    (rules / "X901.yaml").write_text(
        "id: X901\nseverity: warning\nmessage: “{term}”应为“{expected}”\nsource: 测试\ncheck: terms\n"
        "data: ../terms.yaml\nexamples:\n  fail: [老名称]\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("这里提到旧名字。\n", encoding="utf-8")
    return rules, terms, draft
