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


def render(results, lang: str, options: dict) -> str:
    catalog = options.get("rules", [])
    root = ET.Element("testsuites", name="reportlint")
    total = failed = 0
    for result in results:
        by_rule: dict[str, list] = {}
        for f in result.findings:
            by_rule.setdefault(f.rule, []).append(f)
        rule_ids = [info["id"] for info in catalog] or sorted(by_rule)
        rule_ids += [r for r in sorted(by_rule) if r not in rule_ids]
        titles = {info["id"]: info["title"] for info in catalog}
        suite = ET.SubElement(root, "testsuite", name=xml_text(result.path), tests=str(len(rule_ids)),
                              failures=str(sum(1 for r in rule_ids if r in by_rule)), errors="0", skipped="0")
        for rule_id in rule_ids:
            name = f"{rule_id} {titles.get(rule_id, '')}".strip()
            case = ET.SubElement(suite, "testcase", classname=xml_text(result.path), name=xml_text(name))
            findings = by_rule.get(rule_id)
            if findings:
                worst = max(findings, key=lambda f: ("info", "warning", "error").index(f.severity))
                failure = ET.SubElement(case, "failure", type=worst.severity,
                                        message=xml_text(shown_message(findings[0], lang)))
                listed = [f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {shown_message(f, lang)}"
                          for f in findings]
                failure.text = xml_text("\n".join(listed))
        total += len(rule_ids)
        failed += int(suite.get("failures"))
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
