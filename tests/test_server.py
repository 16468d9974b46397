"""The language server, driven over stdio by a scripted client (JSON-RPC with
Content-Length headers, as an editor speaks it): initialize, didOpen,
publishDiagnostics, codeAction, didChange, shutdown, exit."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pygls", reason="the language server needs pygls (pip install -e '.[test]')")

from lint.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


class Client:
    def __init__(self, cwd: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import sys; from lint.cli import run; sys.argv[1:] = ['server']; run()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.next_id = 0
        self.notifications: list[dict] = []

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self) -> dict:
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError(self.process.stderr.read().decode("utf-8", "replace"))
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                assert "error" not in message, message
                return message["result"]
            self.notifications.append(message)

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def diagnostics(self, uri: str) -> list[dict]:
        while True:
            for message in self.notifications:
                if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                    self.notifications.remove(message)
                    return message["params"]["diagnostics"]
            self.notifications.append(self.receive())

    def close(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.process.wait(timeout=30)


@pytest.fixture
def client(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("lang: zh\n", encoding="utf-8")
    c = Client(tmp_path)
    watchdog = threading.Timer(120, c.process.kill)  # a server that stops answering fails the test, never hangs it
    watchdog.start()
    result = c.request("initialize", {"processId": os.getpid(), "rootUri": tmp_path.as_uri(), "capabilities": {}})
    assert result["serverInfo"]["name"] == "reportlint"
    c.notify("initialized", {})
    yield c
    watchdog.cancel()
    if c.process.poll() is None:
        c.process.kill()


def test_diagnostics_equal_check_json_and_a_code_action_applies_a_safe_fix(client, tmp_path):
    draft = tmp_path / "草稿.md"
    shutil.copy(EXAMPLES / "typography-defects.txt", draft)
    text = draft.read_text(encoding="utf-8")
    uri = draft.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                            "text": text}})
    diagnostics = client.diagnostics(uri)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        checked = json.loads(CliRunner().invoke(main, ["check", "--no-cache", "--format", "json",
                                                       str(draft)]).stdout)
    finally:
        os.chdir(old)
    expected = [(f["rule"], f["line"] - 1, f["column"] - 1, f["end_line"] - 1, f["end_column"] - 1, f["message"])
                for f in checked if not f["part"]]
    got = [(d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"], d["range"]["end"]["line"],
            d["range"]["end"]["character"], d["message"]) for d in diagnostics]
    assert got == expected and len(got) > 5  # the draft is in the BMP: UTF-16 columns are code points

    t301 = next(d for d in diagnostics if d["code"] == "T301")
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": t301["range"], "context": {"diagnostics": [t301]}})
    quick = [a for a in actions if a["kind"] == "quickfix"]
    assert quick, actions
    (edit,) = quick[0]["edit"]["changes"][uri]
    lines = text.split("\n")
    line = lines[edit["range"]["start"]["line"]]
    start, end = edit["range"]["start"]["character"], edit["range"]["end"]["character"]
    assert line[start:end] in ",;:?!()" and edit["newText"] in "，；：？！（）"
    lines[edit["range"]["start"]["line"]] = line[:start] + edit["newText"] + line[end:]
    fixed = "\n".join(lines)
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": fixed}]})
    after = client.diagnostics(uri)
    assert len(after) == len(diagnostics) - 1  # that finding is gone, nothing else changed
    fix_all = [a for a in client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0},
                                                "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": [], "only": ["source.fixAll"]}}) if a["kind"] == "source.fixAll.reportlint"]
    assert fix_all and len(fix_all[0]["edit"]["changes"][uri]) > 1
    assert client.close() == 0


def test_columns_beyond_the_basic_plane_are_utf16_units():
    from lint.server import utf16_column

    assert utf16_column("一二三", 3) == 2
    assert utf16_column("𠀀a,b", 3) == 3  # the astral character is two units


def test_a_word_file_or_another_scheme_is_left_alone(client, tmp_path):
    uri = (tmp_path / "a.docx").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                            "text": "x"}})
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0},
                                                "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": []}})
    assert actions in ([], None)
    assert not [m for m in client.notifications if m.get("method") == "textDocument/publishDiagnostics"]
    assert client.close() == 0
