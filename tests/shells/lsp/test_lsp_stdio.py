"""`main.py lsp` driven over stdio the way an editor drives it: JSON-RPC
with Content-Length framing, initialize, didOpen, didChange, then the
requests a trainer's editor sends."""
import json
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


class Editor:
    """A minimal LSP client over the server's stdin and stdout."""

    def __init__(self, cwd):
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "lsp"], cwd=cwd,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            self.messages.put(json.loads(out.read(int(headers["content-length"]))))

    def send(self, method, params, request=True):
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return message.get("id")

    def wait(self, test, timeout=60):
        while True:
            message = self.messages.get(timeout=timeout)
            if test(message):
                return message

    def request(self, method, params):
        number = self.send(method, params)
        reply = self.wait(lambda m: m.get("id") == number)
        assert "error" not in reply, reply
        return reply["result"]

    def diagnostics(self, uri, version):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri and m["params"].get("version") == version)["params"]

    def close(self):
        try:
            self.request("shutdown", None)
            self.send("exit", None, request=False)
            self.proc.wait(timeout=20)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.stdin.close()
            self.proc.stdout.close()
            self.proc.stderr.close()


@pytest.fixture()
def editor(tmp_path):
    client = Editor(tmp_path)
    result = client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
    caps = result["capabilities"]
    assert caps["completionProvider"] and caps["definitionProvider"] and caps["referencesProvider"]
    assert caps["hoverProvider"]
    client.send("initialized", {}, request=False)
    yield client
    client.close()


def open_file(editor, path: Path, text: str, version: int = 1):
    uri = path.as_uri()
    editor.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": version,
                                                          "text": text}}, request=False)
    return uri


def position_of(text: str, needle: str, nth: int = 1, offset: int = 0) -> dict:
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    at += offset
    line = text.count("\n", 0, at)
    return {"line": line, "character": at - (text.rfind("\n", 0, at) + 1)}


def test_a_goto_to_a_missing_node_is_a_diagnostic_with_its_code_and_range(editor, tmp_path):
    text = TUTORIAL.read_text(encoding="utf-8")
    uri = open_file(editor, tmp_path / "tutorial.yaml", text)
    assert editor.diagnostics(uri, 1)["diagnostics"] == []
    broken = text.replace("goto: opening", "goto: openin", 1)
    editor.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                           "contentChanges": [{"text": broken}]}, request=False)
    found = editor.diagnostics(uri, 2)["diagnostics"]
    assert len(found) == 1
    d = found[0]
    assert d["severity"] == 1 and d["source"] == "five-levers" and d["code"].startswith("FL")
    assert "openin" in d["message"] and "did you mean 'opening'" in d["message"]
    where = position_of(broken, "goto: openin", offset=len("goto: "))
    assert d["range"]["start"] == where
    assert d["range"]["end"] == {"line": where["line"], "character": where["character"] + len("openin")}


def test_goto_completes_node_and_ending_ids(editor, tmp_path):
    text = TUTORIAL.read_text(encoding="utf-8")
    uri = open_file(editor, tmp_path / "tutorial.yaml", text)
    editor.diagnostics(uri, 1)
    at = position_of(text, "goto: opening", offset=len("goto: "))
    result = editor.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": at})
    labels = {item["label"] for item in result["items"]}
    from game.core import loader
    scenario = loader.load_file(TUTORIAL)
    assert set(scenario.nodes) <= labels
    assert {e for e, end in scenario.endings.items() if not end.builtin} <= labels
    assert "customers_first" not in labels


def test_inside_if_it_completes_flags_behaviour_names_and_personas(editor, tmp_path):
    text = TUTORIAL.read_text(encoding="utf-8")
    uri = open_file(editor, tmp_path / "tutorial.yaml", text)
    editor.diagnostics(uri, 1)
    at = position_of(text, "if: ", offset=len("if: "))
    labels = {i["label"] for i in editor.request("textDocument/completion",
                                                 {"textDocument": {"uri": uri}, "position": at})["items"]}
    assert {"heads_up", "breaches", "dont_upset", "connect", "talker", "brisk"} <= labels


def test_go_to_definition_references_and_hover(editor, tmp_path):
    text = TUTORIAL.read_text(encoding="utf-8")
    uri = open_file(editor, tmp_path / "tutorial.yaml", text)
    editor.diagnostics(uri, 1)
    on_goto = position_of(text, "goto: opening", offset=len("goto: ") + 2)
    found = editor.request("textDocument/definition", {"textDocument": {"uri": uri}, "position": on_goto})
    assert found["uri"] == uri
    assert found["range"]["start"] == position_of(text, "\n  opening:", offset=3)
    refs = editor.request("textDocument/references", {"textDocument": {"uri": uri}, "position": on_goto,
                                                      "context": {"includeDeclaration": False}})
    assert [r["range"]["start"] for r in refs] == [
        position_of(text, "goto: opening", n, offset=len("goto: ")) for n in range(1, text.count("goto: opening\n") + 1)]
    hover = editor.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": on_goto})
    value = hover["contents"]["value"]
    line = text[:text.index("\n  opening:") + 1].count("\n") + 1
    assert f"node `opening`**, line {line}" in value
    from game.core import loader
    from game.core.scoring import bests_from
    best = bests_from(loader.load_file(TUTORIAL), "talker")["opening"]
    assert "ceiling from here (talker): " + ", ".join(f"{k} {v}" for k, v in best.items() if v > 0) in value


def test_unreadable_yaml_keeps_the_last_index_and_says_where_the_syntax_is_wrong(editor, tmp_path):
    text = TUTORIAL.read_text(encoding="utf-8")
    uri = open_file(editor, tmp_path / "tutorial.yaml", text)
    editor.diagnostics(uri, 1)
    broken = text + "\nnodes: [\n"
    editor.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                           "contentChanges": [{"text": broken}]}, request=False)
    found = editor.diagnostics(uri, 2)["diagnostics"]
    assert found and found[0]["severity"] == 1
    at = position_of(broken, "goto: opening", offset=len("goto: "))
    labels = {i["label"] for i in editor.request("textDocument/completion",
                                                 {"textDocument": {"uri": uri}, "position": at})["items"]}
    assert "opening" in labels


def test_the_guides_editor_settings_start_this_server():
    guide = (ROOT / "docs" / "trainer-guide.md").read_text(encoding="utf-8")
    section = guide[guide.index("### The language server"):]
    section = section[:section.index("\n## ")]
    vscode = json.loads("{" + section[section.index('"glspc.server.command"'):section.index("]\n", section.index(
        '"glspc.server.languageId"')) + 1] + "}")
    assert vscode["glspc.server.commandArguments"][-1] == "lsp"
    assert vscode["glspc.server.commandArguments"][0].endswith("main.py")
    assert vscode["glspc.server.languageId"] == ["yaml"]
    assert 'cmd = { "/path/to/five-levers/.venv/bin/python", "/path/to/five-levers/main.py", "lsp" }' in section
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "lsp", "--help"], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0 and "language server" in proc.stdout
