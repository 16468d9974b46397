"""The user-cache shortcuts of start-up: validated rule pack, parsed data files, jieba.
Each must give what the slow path gives, notice edits, and survive a damaged cache."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint.cache.packs import load_pack_cached
from lint.engine import Linter
from lint.pack import datafile
from lint.pack import load as pack_module
from lint.pack.files import default_rules_dir
from lint.pack.load import PackError, load_pack

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "reportlint" / "private"


def findings(pack, text: str):
    return Linter(pack, list(pack.rules.values())).lint_text(text).findings


def test_cached_pack_lints_like_a_freshly_loaded_one(user_cache, monkeypatch):
    text = (EXAMPLES / "typography-defects.txt").read_text("utf-8")
    expected = findings(load_pack([default_rules_dir()]), text)
    assert findings(load_pack_cached([default_rules_dir()]), text) == expected
    assert len(list((user_cache / "packs").glob("*.pickle"))) == 1
    monkeypatch.setattr(pack_module, "load_pack", lambda paths: pytest.fail("the cached pack was not used"))
    assert findings(load_pack_cached([default_rules_dir()]), text) == expected


def test_an_edited_rule_file_is_loaded_again(user_cache, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    assert load_pack_cached([rules]).rules["T303"].severity == "warning"
    rule = rules / "typography" / "T303.yaml"
    rule.write_text(rule.read_text("utf-8").replace("severity: warning", "severity: error"), encoding="utf-8")
    assert load_pack_cached([rules]).rules["T303"].severity == "error"


def test_a_broken_rule_file_is_an_error_every_time(user_cache, tmp_path):
    (tmp_path / "X1.yaml").write_text("id: X1\nseverity: fatal\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PackError, match=r"X1.yaml:2: severity 'fatal'"):
            load_pack_cached([default_rules_dir(), tmp_path])
    assert not list(user_cache.glob("packs/*.pickle"))


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_pack_cache_is_rebuilt(user_cache, damage):
    load_pack_cached([default_rules_dir()])
    entry = next((user_cache / "packs").glob("*.pickle"))
    entry.write_bytes(damage)
    assert len(load_pack_cached([default_rules_dir()]).rules) == len(load_pack([default_rules_dir()]).rules)
    assert entry.read_bytes() != damage


def test_an_unwritable_user_cache_is_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert "S101" in load_pack_cached([default_rules_dir()]).rules
    datafile._read_mapping.cache_clear()
    assert datafile.read_mapping(str(default_rules_dir() / "data" / "outdated-terms.yaml"))


def test_mapping_files_are_parsed_once_per_content(user_cache, tmp_path, monkeypatch):
    mapping = tmp_path / "terms.yaml"
    mapping.write_text("旧说法: 新说法\n", encoding="utf-8")
    assert datafile.read_mapping(str(mapping)) == {"旧说法": "新说法"}
    datafile._read_mapping.cache_clear()  # as a new process would start
    monkeypatch.setattr(datafile, "_parse_mapping", lambda path: pytest.fail("parsed again"))
    assert datafile.read_mapping(str(mapping)) == {"旧说法": "新说法"}
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(user_cache.parent.parent))
    mapping.write_text("旧说法: 另一说法\n", encoding="utf-8")
    assert datafile.read_mapping(str(mapping)) == {"旧说法": "另一说法"}


def test_a_bad_mapping_file_still_names_its_line(user_cache, tmp_path):
    mapping = tmp_path / "terms.yaml"
    mapping.write_text("好: 对\n坏: [1, 2]\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(Exception, match=r"terms.yaml:2: '坏' must map a text to a text"):
            datafile._read_mapping.cache_clear()
            datafile.read_mapping(str(mapping))


JIEBA_PROBE = """
import sys
from lint.pack.files import default_rules_dir
from lint.parse.segment import search_words
words = search_words("行政执法案卷归档不及时", str(default_rules_dir() / "data" / "words.txt"))
print(" ".join(words), "jieba.finalseg.prob_emit" in sys.modules)
import jieba
print(" ".join(jieba.cut("他来到了网易杭研大厦", HMM=True)))
"""


def test_jieba_loads_without_its_hmm_tables_until_they_are_needed(user_cache):
    env_run = [sys.executable, "-c", JIEBA_PROBE]
    env = {"XDG_CACHE_HOME": str(user_cache.parent.parent), "PATH": "/usr/bin:/bin"}
    for _ in range(2):  # builds the caches, then reads them
        out = subprocess.run(env_run, capture_output=True, text=True, env=env, check=True).stdout.splitlines()
        assert out[0] == "行政 执法 法案 案卷 执法案卷 归档 不 及时 False"
        assert "杭研" in out[1].split()  # HMM=True still finds the unknown word


def test_a_damaged_jieba_cache_is_rebuilt(user_cache):
    code = "from lint.parse.segment import search_words; print(' '.join(search_words('普法宣传形式单一', '')))"
    env = {"XDG_CACHE_HOME": str(user_cache.parent.parent), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    for cache in user_cache.glob("jieba-*.cache"):
        cache.write_bytes(b"\x00garbage")
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert again.stdout == first and "普法" in first.split() and not again.stderr


RX_SCRIPT = """
import json, sys
from lint.cache import regexes as rx
pattern = rx.compile(sys.argv[1])
print(json.dumps([m.span() for m in pattern.finditer(sys.argv[2])]))
"""


@pytest.mark.parametrize("damage", [None, b"", b"not a pickle", b"\x80\x04N."])
def test_compiled_patterns_are_remembered_and_a_damaged_file_is_rebuilt(user_cache, damage):
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(user_cache.parent.parent)}
    run = [sys.executable, "-c", RX_SCRIPT, r"(?<=\p{Han})\d+", "第3条和第12条 x7"]
    first = subprocess.run(run, capture_output=True, text=True, env=env, cwd=EXAMPLES.parent)
    (stored,) = (user_cache / "patterns").glob("*.pickle")
    if damage is not None:
        stored.write_bytes(damage)
    again = subprocess.run(run, capture_output=True, text=True, env=env, cwd=EXAMPLES.parent)
    assert first.stdout == again.stdout == "[[1, 2], [5, 7]]\n" and not again.stderr
    import pickle

    assert (r"(?<=\p{Han})\d+", 0) in pickle.loads(stored.read_bytes())[0]  # kept, or rewritten whole


def forget_fold_tables():
    from lint.parse import fold

    for table in (fold._tables, fold._plane_table, fold._traditional_marked, fold.traditional_chars,
                  fold._simplified_fold):
        table.cache_clear()


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe9\x00\x00\x00\x00"])
def test_the_folding_tables_are_cached_and_a_damaged_cache_is_rebuilt(user_cache, damage):
    from lint.parse import fold

    text = "機關依法行政,公開透明"
    forget_fold_tables()
    expected = fold.fold(text)
    stored = list((user_cache / "data").glob("*.marshal"))
    assert stored and expected == "机关依法行政，公开透明"
    for path in stored:
        path.write_bytes(damage)
    forget_fold_tables()
    assert fold.fold(text) == expected and fold.find_traditional(text) == (3, 0)
    forget_fold_tables()
