"""Trustworthy as a gate (issue 16, first part): caches that cannot hurt, --fix that
cannot overwrite what it did not read, output that cannot be forged."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
DRAFT = "2024年,我局推进依法行政。\n"


def run(*args, env=None):
    return CliRunner(env=env).invoke(main, list(args))


def test_an_existing_directory_is_never_made_a_cache_and_clean_leaves_it(tmp_path, monkeypatch):
    (tmp_path / "报告.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPORTLINT_CACHE_DIR")
    result = run("check", "--isolated", "--cache-dir", ".", "报告.txt")
    assert result.exit_code == 1 and "不是 reportlint 的缓存目录" in result.output
    assert sorted(os.listdir(tmp_path)) == ["报告.txt"]  # no .gitignore, no CACHEDIR.TAG planted
    assert run("clean", "--cache-dir", ".").exit_code == 2
    assert (tmp_path / "报告.txt").read_text("utf-8") == DRAFT


def test_an_empty_or_new_directory_becomes_a_cache_and_clean_removes_it(tmp_path):
    draft = tmp_path / "r.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    for cache in (tmp_path / "new", tmp_path / "empty"):
        if cache.name == "empty":
            cache.mkdir()
        assert run("check", "--isolated", "--cache-dir", str(cache), str(draft)).exit_code == 1
        assert (cache / "CACHEDIR.TAG").is_file() and (cache / ".gitignore").is_file()
        assert run("clean", "--cache-dir", str(cache)).exit_code == 0 and not cache.exists()


def test_a_tag_that_is_not_reportlints_does_not_make_a_directory_ours(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8")
    (folder / "报告.txt").write_text(DRAFT, encoding="utf-8")
    assert run("clean", "--cache-dir", str(folder)).exit_code == 2 and (folder / "报告.txt").exists()


def test_no_user_cache_where_another_party_could_write(tmp_path, monkeypatch):
    from lint.cache.user import user_cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert user_cache_dir() is None
    shared = tmp_path / "shared"
    (shared / "reportlint" / "private").mkdir(parents=True)
    (shared / "reportlint" / "private").chmod(0o755)  # as a checkout or a shared CI cache has it
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    assert user_cache_dir() is None
    own = tmp_path / "own"
    monkeypatch.setenv("XDG_CACHE_HOME", str(own))
    private = own / "reportlint" / "private"
    assert user_cache_dir() == private and private.stat().st_mode & 0o077 == 0


def test_a_pickle_shipped_with_the_drafts_is_never_loaded(tmp_path):
    """HOME unset (no passwd entry: ~ stays ~): the tree's ./~/.cache would be the cache."""
    import pickle

    import regex

    from lint.pack.files import default_rules_dir, pack_digest

    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    planted = tmp_path / "~" / ".cache" / "reportlint" / "private"
    version = f"regex-{regex.__version__}-py{sys.version_info[0]}.{sys.version_info[1]}"
    for name in (f"packs/{pack_digest([default_rules_dir()])}.pickle", f"patterns/{version}.pickle"):
        (planted / name).parent.mkdir(parents=True, exist_ok=True)
        (planted / name).write_bytes(pickle.dumps(Evil()))
    planted.chmod(0o700)  # even a directory that looks private
    (tmp_path / "r.txt").write_text(DRAFT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    script = ("import os, sys; os.path.expanduser = lambda p: p\n"
              "from lint.cli import run; sys.argv = ['reportlint', 'check', '--isolated', '--no-cache', 'r.txt']\n"
              "run()")
    subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
                   capture_output=True, timeout=120)
    assert not marker.exists()


def test_output_cannot_forge_lines(tmp_path):
    draft = tmp_path / "a\n::error file=x::forged.txt"
    draft.write_text("2024年,我局推进依法行政\x1b[2J。\n", encoding="utf-8")
    out = run("check", "--isolated", "--no-cache", str(draft)).output
    assert not any(line.startswith("::") for line in out.splitlines())
    assert "\x1b" not in out and "\\x1b" in out
    github = run("check", "--isolated", "--no-cache", "--format", "github", str(draft)).output
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in github.splitlines())


def test_a_file_name_that_is_not_utf8_is_written_escaped_in_every_format(tmp_path):
    import json

    folder = os.fsencode(tmp_path)
    name = folder + b"/\xff\xfe-draft.txt"
    with open(name, "wb") as handle:
        handle.write(DRAFT.encode("utf-8"))
    outputs = tmp_path.parent / f"{tmp_path.name}-out"
    outputs.mkdir()
    for fmt in ("json", "sarif", "gitlab", "junit", "github", "text"):
        out = outputs / f"out.{fmt}"
        result = run("check", "--isolated", "--no-cache", "--format", fmt, "--output", str(out), str(tmp_path))
        assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit), \
            (fmt, result.exception)
        data = out.read_bytes().decode("utf-8")
        assert ("%FF%FE" if fmt == "sarif" else "\\udcff") in data, fmt  # SARIF: a URI, its bytes
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(data)


def test_junit_is_well_formed_with_control_characters_in_a_draft(tmp_path):
    from xml.etree import ElementTree

    draft = tmp_path / "r.txt"
    draft.write_text("2024年,我局推进依法行政\x01工作。\n", encoding="utf-8")
    out = run("check", "--isolated", "--no-cache", "--format", "junit", str(draft)).output
    assert ElementTree.fromstring(out.split("\n", 1)[1]).tag == "testsuites"


def test_gitlab_paths_are_plain_relative_paths(tmp_path, monkeypatch):
    import json

    (tmp_path / "报告.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = json.loads(run("check", "--isolated", "--no-cache", "--format", "gitlab", "报告.txt").output)
    assert {item["location"]["path"] for item in data} == {"报告.txt"}


def test_damaged_compressed_word_parts_and_bom_only_files_get_an_answer(tmp_path):
    import zipfile

    good = tmp_path / "good.docx"
    import docx

    document = docx.Document()
    document.add_paragraph("正文。")
    document.save(good)
    raw = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    raw[start:start + 40] = bytes(40)  # a corrupt deflate stream
    (tmp_path / "bad.docx").write_bytes(bytes(raw))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf")
    (tmp_path / "utf32.txt").write_bytes("\ufeff2024年法治政府建设年度报告\n".encode("utf-32-le"))
    out = run("check", "--isolated", "--no-cache", "-q", str(tmp_path)).output
    assert "bad.docx:1:1: E001" in out and "bom.txt:1:1: E001" in out and "文件为空" in out
    assert "utf32.txt:1:1: H404" not in out and "utf32.txt:1:1: E001" not in out


def test_rule_config_and_baseline_files_must_be_regular_and_small(tmp_path):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    draft = tmp_path / "r.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    for args in (["--rules", str(fifo)], ["--config", str(fifo)], ["--baseline", str(fifo)],
                 ["--baseline", "/dev/zero"], ["--rules", "/dev/zero"]):
        result = run("check", "--no-cache", *args, str(draft))
        assert result.exit_code == 2 and "not a regular file" in result.output, (args, result.output)


def test_deeply_nested_configuration_is_a_clear_error(tmp_path):
    config = tmp_path / ".reportlint.yaml"
    config.write_text("select: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    result = run("check", "--config", str(config), "--no-cache", str(tmp_path))
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_parameters_that_would_crash_later_are_refused_when_loaded(tmp_path):
    config = tmp_path / ".reportlint.yaml"
    for settings in ("M204: {deadlines: {department: x-y}}", "M204: {deadlines: {department: '13-01'}}"):
        config.write_text(f"rule-settings:\n  {settings}\n", encoding="utf-8")
        result = run("check", "--config", str(config), "--no-cache", str(tmp_path))
        assert result.exit_code == 2 and "month-day" in result.output, settings


def test_an_encoding_that_never_decodes_is_e001(tmp_path):
    draft = tmp_path / "r.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    result = run("check", "--isolated", "--no-cache", "--encoding", "undefined", str(draft))
    assert result.exit_code == 1 and "E001" in result.output


def test_cache_files_that_are_not_regular_files_are_misses(tmp_path):
    draft_dir = tmp_path / "drafts"
    draft_dir.mkdir()
    (draft_dir / "r.txt").write_text(DRAFT, encoding="utf-8")
    cache = tmp_path / "cache"
    expected = run("check", "--isolated", "--cache-dir", str(cache), str(draft_dir)).output
    (cache / "plans.json").unlink()
    os.mkfifo(cache / "plans.json")
    assert run("check", "--isolated", "--cache-dir", str(cache), str(draft_dir)).output == expected


def test_workers_that_cannot_start_leave_the_work_to_the_main_process(tmp_path, monkeypatch):
    import concurrent.futures

    def refuse(*args, **kwargs):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    for i in range(10):
        (tmp_path / f"r{i}.txt").write_text(DRAFT, encoding="utf-8")
    result = run("check", "--isolated", "--no-cache", "-j", "64", "-q", str(tmp_path))
    assert result.exit_code == 1 and result.output.count("T301") == 10
