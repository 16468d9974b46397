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


def _rule(info: dict, docs_url: str | None = None) -> dict:
    full = info["description"] or info["message"]
    help_uri = {"helpUri": f"{docs_url}#{info['id'].lower()}"} if docs_url else {}
    return {
        "id": info["id"],
        "name": info["id"],
        "shortDescription": {"text": info["title"] or info["id"]},
        "fullDescription": {"text": full},
        "help": {"text": f"{full}\n{info['source_label']}: {info['source']}\n"
                         f"reportlint explain {info['id']}"},
        **help_uri,
        "defaultConfiguration": {"level": LEVELS[info["severity"]]},
        "properties": {"tags": [info["family"]], "fixable": info["fixable"]},
    }


SEPARATOR = ","
_RESULTS = "\0results\0"  # stands for the results in the log's skeleton
_INDENT = " " * 8  # of a result in the log: log, runs, run, results


def _skeleton(view) -> tuple[str, str]:
    """The log before its results (up to the array's opening bracket) and after them."""
    rules = [_rule(info, view.docs_url) for info in view.catalog]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "reportlint", "version": __version__,
                                "semanticVersion": __version__, "rules": rules}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [_RESULTS],
        }],
    }
    text = json.dumps(log, ensure_ascii=False, indent=2) + "\n"
    before, _, after = text.partition(json.dumps(_RESULTS))
    return before.rstrip(), after[after.index("]"):]


def head(view) -> str:
    return _skeleton(view)[0]


def tail(view, tally, written: bool) -> str:
    after = _skeleton(view)[1]
    return "\n" + _INDENT[:-2] + after if written else after


def chunk(result, view) -> str:
    index = {info["id"]: i for i, info in enumerate(view.catalog)}
    return ",".join("\n" + _INDENT + json.dumps(_result(f, view.lang, index), ensure_ascii=False, indent=2)
                    .replace("\n", "\n" + _INDENT) for f in result.findings)


def _result(f, lang: str, index: dict) -> dict:
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
    return item


def render(results, lang: str, options: dict) -> str:
    from lint.report.stream import View, render_results

    return render_results(results, View("sarif", lang, catalog=tuple(options.get("rules", []))))
