"""The editor schema in a real editor's engine: yaml-language-server driven over stdio (LSP), as VS Code, Neovim or
Emacs would. Skipped unless tools/yaml_ls.sh has installed it (tools/.yaml-ls, git-ignored; never a game dependency)."""
from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "tools" / ".yaml-ls" / "node_modules" / ".bin" / "yaml-language-server"
SCHEMA = ROOT / "game" / "data" / "scenarios" / "scenario.schema.json"
pytestmark = pytest.mark.skipif(not SERVER.exists(), reason="yaml-language-server not installed (run tools/yaml_ls.sh)")


class Client:
    """A minimal LSP client: Content-Length framed JSON-RPC; answers the server's own requests (configuration)."""

    def __init__(self, root: Path) -> None:
        self.proc = subprocess.Popen([str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.next_id, self.replies, self.notes = 1, {}, []
        self.lock = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {
            "textDocument": {"completion": {"completionItem": {"snippetSupport": False}},
                             "hover": {"contentFormat": ["plaintext"]}, "publishDiagnostics": {}},
            "workspace": {"configuration": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings()})

    @staticmethod
    def settings() -> dict:
        return {"yaml": {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}}

    def _send(self, msg: dict) -> None:
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            msg = json.loads(out.read(length))
            if "method" in msg and "id" in msg:        # the server asks: its settings, or to register something
                result = [self.settings()["yaml"]] * len(msg["params"].get("items", [])) \
                    if msg["method"] == "workspace/configuration" else None
                self._send({"jsonrpc": "2.0", "id": msg["id"], "result": result})
                continue
            with self.lock:
                if "id" in msg:
                    self.replies[msg["id"]] = msg
                else:
                    self.notes.append(msg)
                self.lock.notify_all()

    def request(self, method: str, params: dict, timeout: float = 60) -> dict:
        rid, self.next_id = self.next_id, self.next_id + 1
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        with self.lock:
            assert self.lock.wait_for(lambda: rid in self.replies, timeout), f"no answer to {method}"
            return self.replies.pop(rid).get("result")

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": text}})
        return uri

    def diagnostics(self, uri: str, timeout: float = 60) -> list[dict]:
        """The diagnostics the server publishes for a document after validating it."""
        end = time.monotonic() + timeout
        with self.lock:
            while time.monotonic() < end:
                got = [n for n in self.notes if n.get("method") == "textDocument/publishDiagnostics"
                       and n["params"]["uri"] == uri]
                if got:
                    return got[-1]["params"]["diagnostics"]
                self.lock.wait(0.2)
        raise AssertionError("no diagnostics published")

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    c = Client(tmp_path_factory.mktemp("ws"))
    yield c
    c.close()


def scenario(schema: Path, doctrine: str = "hawk") -> str:
    return (f"# yaml-language-server: $schema={schema.as_uri()}\n"
            "name: Editor check\nturns: 8\nnations:\n"
            f"  - {{id: alpha, name: Alpha, position: [10, 10], doctrine: {doctrine}}}\n"
            "  - id: beta\n    name: Beta\n    position: [30, 20]\n    doctrine: \n")


def test_completion_offers_the_doctrines(client, tmp_path):
    text = scenario(SCHEMA)
    uri = client.open(tmp_path / "complete.yaml", text)
    line = text.splitlines().index("    doctrine: ")
    got = client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                     "position": {"line": line, "character": 14}})
    items = got["items"] if isinstance(got, dict) else got
    labels = {i["label"] for i in items}
    assert {"cooperative", "hawk", "free_rider", "reciprocator", "hedger", "planner"} <= labels, labels


def test_a_bad_doctrine_shows_the_schemas_error_at_its_place(client, tmp_path):
    text = scenario(SCHEMA, "hawkk").replace("    doctrine: \n", "    doctrine: hedger\n")
    uri = client.open(tmp_path / "bad.yaml", text)
    diags = client.diagnostics(uri)
    assert len(diags) == 1, diags
    d = diags[0]
    assert d["range"]["start"]["line"] == 4 and "hawkk" in text.splitlines()[4]
    assert "Value is not accepted" in d["message"] and "hawk" in d["message"], d["message"]
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 6, "character": 5}})
    shown = json.dumps(hover)
    assert "the name players see" in shown, shown          # the field's help text from the schema


def test_a_good_file_and_an_extending_file_show_no_diagnostics(client, tmp_path):
    good = client.open(tmp_path / "good.yaml", scenario(SCHEMA).replace("    doctrine: \n", "    doctrine: hedger\n"))
    assert client.diagnostics(good) == []
    child = (f"# yaml-language-server: $schema={SCHEMA.as_uri()}\nextends: good.yaml\nname: Extended\n"
             "nations:\n  - {id: beta, doctrine: cooperative}\nactions:\n  - {id: joint_exercise, ai_weight: 0}\n")
    assert client.diagnostics(client.open(tmp_path / "child.yaml", child)) == []


def test_a_scenarios_own_schema_completes_its_nation_ids(client, tmp_path):
    from game.content.jsonschema import write_schema
    from game.content.schemactx import context_of_file

    src = tmp_path / "region.yaml"
    src.write_text(scenario(SCHEMA).replace("    doctrine: \n", "    doctrine: hedger\n"), encoding="utf-8")
    own = tmp_path / "region.schema.json"
    write_schema(own, context_of_file(str(src)))
    text = scenario(own).replace("    doctrine: \n", "    doctrine: hedger\n") + \
        "organizations:\n  - {id: pact, name: Pact, kind: collective_defence, members: [alpha, ]}\n"
    uri = client.open(tmp_path / "region_edit.yaml", text)
    line = len(text.splitlines()) - 1
    col = text.splitlines()[-1].index(", ]") + 2
    got = client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                     "position": {"line": line, "character": col}})
    items = got["items"] if isinstance(got, dict) else got
    assert {"alpha", "beta"} <= {i["label"] for i in items}, [i["label"] for i in items]
