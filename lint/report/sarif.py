"""SARIF 2.1.0 for GitHub code scanning: rules in tool.driver, results with regions
in Unicode code points, artifact URIs relative to the working directory."""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from lint import __version__
from lint.report import shown_message

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_uri(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return Path(path).resolve().as_uri()
    return quote(Path(relative).as_posix(), safe="/", errors="surrogateescape")  # a non-UTF-8 name: its bytes


def _rule(info: dict) -> dict:
    full = info["description"] or info["message"]
    return {
        "id": info["id"],
        "name": info["id"],
        "shortDescription": {"text": info["title"] or info["id"]},
        "fullDescription": {"text": full},
        "help": {"text": f"{full}\n{info['source_label']}: {info['source']}\n"
                         f"reportlint explain {info['id']}"},
        "defaultConfiguration": {"level": LEVELS[info["severity"]]},
        "properties": {"tags": [info["family"]], "fixable": info["fixable"]},
    }


def render(results, lang: str, options: dict) -> str:
    catalog = options.get("rules", [])
    index = {info["id"]: i for i, info in enumerate(catalog)}
    sarif_results = []
    for result in results:
        for f in result.findings:
            item = {
                "ruleId": f.rule,
                "level": LEVELS[f.severity],
                "message": {"text": shown_message(f, lang)},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(f.path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                }}],
                "partialFingerprints": {"reportlint/v1": f.fingerprint},
            }
            if f.rule in index:
                item["ruleIndex"] = index[f.rule]
            if f.part:  # lines and columns count in that part of the Word file
                item["locations"][0]["logicalLocations"] = [{"name": f.part, "kind": "module"}]
                item["properties"] = {"part": f.part}
            sarif_results.append(item)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "reportlint", "version": __version__,
                                "semanticVersion": __version__, "rules": [_rule(i) for i in catalog]}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
