"""JUnit XML for test dashboards: a testsuite per file, a testcase per rule checked,
a failure per rule that has findings in that file (listing them)."""
from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from lint.report import shown_message

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: the characters it forbids (control characters that H404
    quotes from damaged drafts, lone surrogates of undecodable file names) escaped."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


SEPARATOR = "\n"
HEAD_NEEDS_TALLY = True  # the totals are attributes of the root element


def _rule_ids(result, view) -> tuple[list[str], dict[str, list]]:
    by_rule: dict[str, list] = {}
    for f in result.findings:
        by_rule.setdefault(f.rule, []).append(f)
    rule_ids = [info["id"] for info in view.catalog] or sorted(by_rule)
    return rule_ids + [r for r in sorted(by_rule) if r not in rule_ids], by_rule


def meta(result, view) -> tuple[int, int]:
    """(testcases, failures) of the file's suite."""
    rule_ids, by_rule = _rule_ids(result, view)
    return len(rule_ids), sum(1 for r in rule_ids if r in by_rule)


def chunk(result, view) -> str:
    """The file's testsuite, indented as a child of the root."""
    rule_ids, by_rule = _rule_ids(result, view)
    titles = {info["id"]: info["title"] for info in view.catalog}
    suite = ET.Element("testsuite", name=xml_text(result.path), tests=str(len(rule_ids)),
                       failures=str(sum(1 for r in rule_ids if r in by_rule)), errors="0", skipped="0")
    for rule_id in rule_ids:
        name = f"{rule_id} {titles.get(rule_id, '')}".strip()
        case = ET.SubElement(suite, "testcase", classname=xml_text(result.path), name=xml_text(name))
        findings = by_rule.get(rule_id)
        if findings:
            worst = max(findings, key=lambda f: ("info", "warning", "error").index(f.severity))
            failure = ET.SubElement(case, "failure", type=worst.severity,
                                    message=xml_text(shown_message(findings[0], view.lang)))
            listed = [f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {shown_message(f, view.lang)}"
                      for f in findings]
            failure.text = xml_text("\n".join(listed))
    ET.indent(suite, level=1)
    return "  " + ET.tostring(suite, encoding="unicode")


def head(view, tally=None) -> str:
    tests, failures = tally.meta if tally and tally.meta else (0, 0)
    start = f'<testsuites name="reportlint" tests="{tests}" failures="{failures}" errors="0"'
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + start + (">\n" if tally and tally.files else " />")


def tail(view, tally, written: bool) -> str:
    return "\n</testsuites>\n" if tally.files else "\n"


def render(results, lang: str, options: dict) -> str:
    from lint.report.stream import View, render_results

    return render_results(results, View("junit", lang, catalog=tuple(options.get("rules", []))))
