"""The prefilter (lint.checks.literals): what every match of a pattern contains, and
never a skipped scan that would have found something."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import regex
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.checks.literals import Presence, analyse

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("pattern, expected", [
    ("打印本页", {"打印本页"}),
    ("打印本页|关闭窗口", {"打印本页", "关闭窗口"}),
    ("(?:浏览|阅读)次数", {"浏览次数", "阅读次数"}),
    ("[，,]又", {"，又", ",又"}),
    ("烫{3,}", {"烫烫烫"}),
    ("a+bc", {"bc"}),
    ("(?<=\\p{Han})绝密(?=★)", {"绝密"}),  # lookarounds consume nothing
    ("(?m)^[ \\t]*相关新闻[ \\t]*$", {"相关新闻"}),
    ("更多精彩[^\\n]{0,3}请关注", {"更多精彩"}),  # one literal of a sequence is enough
    ("(?P<y>20\\d\\d)年(?P=y)年", {"20"}),  # two characters are rarer than one
    ("\\u3000+", {"\u3000"}),
    ("[\\x00-\\x02]", {"\x00", "\x01", "\x02"}),
    ("[-－]\\d", {"-", "－"}),
    ("(?:a|b)?c", {"c"}),
    ("a(?:b|c)?", {"a"}),
    ("(?s:a.)", {"a"}),
    ("([。，])\\1+", {"。。", "，，"}),  # a group and its back reference: the repeat is required
    ("(?P<m>[。，])(?P=m)", {"。。", "，，"}),
    ("(a)(b)\\1", {"ab"}),  # a reference not right after its group says nothing more
    ("([。，])\\12", {"。", "，"}),  # \12 is not a reference to group 1
])
def test_the_literals_every_match_contains(pattern, expected):
    assert analyse(pattern) == frozenset(expected)


@pytest.mark.parametrize("pattern", [
    "\\d+",  # a set of characters only
    "a?",  # may match nothing
    "a|\\d",  # one branch without a literal
    "(?i)abc",  # case folded: "ABC" matches too
    "abc{e<=1}",  # fuzzy matching
    "[[:alpha:]]x|y",  # a nested set this reader does not follow
    "(?x) a b",  # verbose: spaces are not literal
    "(?V1)[a--b]",
    "(a)\\1|\\d",
    "(?(1)a|b)",
    "abc)",  # unbalanced
    "\\q",  # an escape regex does not know
])
def test_nothing_is_said_when_unsure(pattern):
    assert analyse(pattern) is None


def test_case_insensitive_compiled_flag_gives_up():
    assert analyse("abc", regex.IGNORECASE) is None


def test_presence_answers_each_question_once_and_checks_whole_strings():
    presence = Presence("依法行政，打印")
    assert presence.may_match(frozenset({"打印"}))
    assert not presence.may_match(frozenset({"打印本页"}))  # every character but 本页 … not there
    assert not presence.may_match(frozenset({"印打"}))  # both characters, not the string
    assert presence.may_match(frozenset({"x", "，"}))


# A small grammar over a small alphabet, so that generated patterns often match.
ATOMS = st.sampled_from(["a", "b", "c", "ab", "[ab]", "[^a]", ".", "\\d", "[a-c]", "\\.", "[.,]", "(?=a)", "(?!b)",
                         "(?<=a)", "^", "$", "\\b", "\\\\", "\\u3000"])


def _patterns():
    def extend(inner):
        return st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map("|".join),
            inner.map(lambda p: f"(?:{p})"),
            st.tuples(inner, st.sampled_from(["", "+", "?", "*", "{2}", "{0,2}", "+?"]))
            .map(lambda t: f"({t[0]})\\1{t[1]}"),
            st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{1,3}", "{0,2}", "+?", "{2,}"]))
            .map(lambda t: f"(?:{t[0]}){t[1]}"),
        )
    return st.recursive(ATOMS, extend, max_leaves=8)


@settings(max_examples=int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", 600)), deadline=None)
@given(_patterns(), st.text(alphabet="abc., 1\u3000\\\n", max_size=30))
def test_a_text_the_prefilter_turns_away_has_no_match(pattern, text):
    try:
        compiled = regex.compile(pattern)
    except regex.error:
        return
    literals = analyse(pattern)
    if literals is not None and not Presence(text).may_match(literals):
        assert compiled.search(text) is None, (pattern, text, literals)


def _rule_texts():
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        examples = data.get("examples", {}) if isinstance(data, dict) else {}
        for key in ("fail", "pass"):
            for example in examples.get(key, []) or []:
                yield example if isinstance(example, str) else str(example.get("text", ""))


def test_no_pattern_of_the_pack_is_skipped_where_it_matches():
    from lint.checks.literals import required
    from lint.pack.files import default_rules_dir
    from lint.pack.load import load_pack
    from lint.parse.fold import fold

    pack = load_pack([default_rules_dir()])
    patterns = [value for rule in pack.rules.values() for value in rule.params.values()
                if isinstance(value, regex.Pattern)]
    texts = list(_rule_texts()) + [p.read_text("utf-8", "replace") for p in sorted((ROOT / "examples").glob("*.*"))
                                   if p.suffix in (".txt", ".md")]
    texts += [fold(t) for t in texts]
    analysed = 0
    for pattern in patterns:
        literals = required(pattern)
        analysed += literals is not None
        for text in texts:
            if literals is not None and not Presence(text).may_match(literals):
                assert pattern.search(text) is None, (pattern.pattern, text)
    assert analysed >= 10  # the prefilter knows most of the pack's plain patterns


class _CountingPattern:
    """A compiled pattern that counts its scans."""

    def __init__(self, source: str):
        self.inner = regex.compile(source)
        self.pattern, self.flags, self.scans = self.inner.pattern, self.inner.flags, 0

    def finditer(self, *args, **kwargs):
        self.scans += 1
        return self.inner.finditer(*args, **kwargs)


class _Ctx:
    def __init__(self):
        self.known = {}

    def presence(self, text):
        return self.known.setdefault(id(text), Presence(text))

    def time_left(self):
        return None


def test_a_long_text_without_the_literals_is_not_scanned_and_a_short_one_is():
    from lint.checks.scan import PREFILTER_MIN_CHARS, finditer

    pattern, ctx = _CountingPattern("打印本页|关闭窗口"), _Ctx()
    long_text = "依法行政，" * PREFILTER_MIN_CHARS
    assert list(finditer(pattern, long_text, 0, len(long_text), ctx)) == [] and pattern.scans == 0
    short = "依法行政。"
    assert list(finditer(pattern, short, 0, len(short), ctx)) == [] and pattern.scans == 1  # cheaper to scan
    assert list(finditer(pattern, long_text, 0, 10, ctx)) == [] and pattern.scans == 1  # the answer is known
    found = long_text + "打印本页"
    assert [m.group() for m in finditer(pattern, found, 0, len(found), ctx)] == ["打印本页"]


def test_the_analysis_is_kept_across_runs_and_made_again_for_new_code(monkeypatch):
    import lint.checks.literals as literals
    from lint.cache import regexes as rx

    pattern = regex.compile("保密审查|涉密")
    calls = []

    def counted(source, flags):
        calls.append(source)
        return analyse(source, flags)
    monkeypatch.setattr(literals, "analyse", counted)
    monkeypatch.setattr(literals, "_seen", {})
    monkeypatch.setattr(rx, "_known", {})  # as loaded from an empty user cache …
    monkeypatch.setattr(rx, "_derived", {})  # … and nothing of this test kept after it
    first = literals.required(pattern)
    monkeypatch.setattr(literals, "_seen", {})
    assert literals.required(pattern) == first == frozenset({"保密审查", "涉密"}) and len(calls) == 1
    monkeypatch.setattr(literals, "_seen", {})
    monkeypatch.setattr(literals, "_version", lambda: "another version of the reader")
    assert literals.required(pattern) == first and len(calls) == 2
    monkeypatch.setattr(literals, "_seen", {})
    monkeypatch.setattr(literals, "_version", lambda: None)  # not a file: nothing kept
    assert literals.required(pattern) == first and len(calls) == 3
    assert rx.derived(pattern, counted, "another version of the reader") == first and len(calls) == 3


@pytest.mark.parametrize("damage", ["打印本页", frozenset(), frozenset({""}), frozenset({1}), 7])
def test_a_damaged_answer_in_the_user_cache_is_read_again(monkeypatch, damage):
    # A string would pass for a set of one-character literals and skip scans that
    # find something: anything but what analyse() gives is not used.
    import lint.checks.literals as literals
    from lint.cache import regexes as rx

    pattern = regex.compile("打印本页|关闭窗口")
    monkeypatch.setattr(literals, "_seen", {})
    monkeypatch.setattr(rx, "_known", {})
    monkeypatch.setattr(rx, "_derived", {(literals._version(), pattern.pattern, pattern.flags): damage})
    assert literals.required(pattern) == frozenset({"打印本页", "关闭窗口"})
