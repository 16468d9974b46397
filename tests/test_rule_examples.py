"""Every rule's own examples: it fires on each failing one and is silent on each passing one."""
from __future__ import annotations

from pathlib import Path

import pytest

from lint.engine import Linter
from lint.pack.files import default_rules_dir
from lint.pack.load import PairExample, load_pack

PACK = load_pack([default_rules_dir()])
CASES = [(rule.id, kind, i) for rule in PACK.rules.values() for kind in ("pass", "fail")
         for i in range(len(rule.examples[kind]))]


@pytest.mark.parametrize("rule_id,kind,index", CASES, ids=[f"{r}-{k}{i}" for r, k, i in CASES])
def test_rule_example(lint_text, rule_id, kind, index):
    text = PACK.rules[rule_id].examples[kind][index]
    if isinstance(text, Path):  # a draft file: a Word file as Word stores it
        found = Linter(PACK, [PACK.rules[rule_id]]).lint_path(text).findings
    elif isinstance(text, PairExample):  # this year's report held against last year's
        found = lint_text(text.text, select={rule_id}, previous=text.previous)
    else:
        found = lint_text(text, select={rule_id})
    fired = [f for f in found if f.rule == rule_id]
    if kind == "fail":
        assert fired, f"{rule_id} did not fire on its failing example {index}:\n{text}"
    else:
        assert not fired, f"{rule_id} fired on its passing example {index}: {fired}"


def test_every_rule_has_a_failing_example_except_engine_rules():
    for rule in PACK.rules.values():
        if rule.check != "engine":
            assert rule.examples["fail"], rule.id
        assert rule.source, rule.id
        assert rule.message.get("zh") and rule.message.get("en"), rule.id


def test_required_rule_ids_are_present():
    expected = {"S101", "S102", "S110", "S111", "S112", "S113", "S114", "S115", "S116", "S117",
                "S118", "M201", "M202", "M203", "M204", "M205", "M206", "E001", "E002"}
    assert expected <= set(PACK.rules)
    severities = {"S101": "warning", "S102": "error", "S110": "error", "S111": "error", "S112": "error",
                  "S113": "warning", "S114": "error", "S115": "info", "S116": "warning", "S117": "warning",
                  "S118": "info", "M201": "warning", "M202": "warning", "M203": "warning",
                  "M204": "warning", "M205": "error", "M206": "warning", "E001": "error", "E002": "error"}
    for rule_id, severity in severities.items():
        assert PACK.rules[rule_id].severity == severity, rule_id


def test_typography_and_hygiene_rule_ids_and_severities():
    severities = {"T301": "warning", "T302": "error", "T303": "warning", "T304": "warning", "T305": "warning",
                  "T306": "warning", "T307": "warning", "T308": "warning", "T309": "info", "T310": "info",
                  "T311": "warning", "H401": "error", "H402": "error", "H403": "warning", "H404": "error",
                  "H405": "error", "H406": "error", "H407": "info"}
    for rule_id, severity in severities.items():
        assert PACK.rules[rule_id].severity == severity, rule_id


def test_personal_data_message_never_repeats_the_number(lint_text):
    for number in ("13812345678", "44010219900101123X"):
        found = [f for f in lint_text(f"联系人{number}。", select={"H405"})]
        assert found and all(number not in f.message and number[3:-4] not in f.message for f in found)
