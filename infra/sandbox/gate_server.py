"""The session container's HTTP API for CrewBuilder's runnable gate (Azure Container Apps dynamic sessions).

POST /gate {"package", "crew_class", "files": {path: content}} writes the project to a fresh folder, runs crew_gate.py
on it within GATE_TIME_LIMIT seconds and answers with crew_gate.py's JSON. GET /health answers ok. The session pool
forwards requests here (its target port, PORT); the pool's egress is disabled, so the crew reaches no network.
"""
import json
import os
import subprocess
import sys
import tempfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

GATE = Path(__file__).with_name("crew_gate.py")
TIME_LIMIT = float(os.environ.get("GATE_TIME_LIMIT", "170"))


def child_environment(folder):
    """The crew's process gets no setting of this server's but where to find Python and its packages."""
    return {"HOME": folder, **{name: os.environ[name] for name in ("PATH", "PYTHONPATH") if name in os.environ}}


def run_gate(request):
    with tempfile.TemporaryDirectory(prefix="crew-gate-") as folder:
        project = Path(folder, "project").resolve()
        for path, content in request["files"].items():
            target = (project / path).resolve()
            if project not in target.parents:
                return {"crewai": "unknown", "stand_in": False, "built": False, "tests": None, "dry_run_seconds": None, "errors": [f"{path} lies outside the project."]}
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        try:
            done = subprocess.run([sys.executable, str(GATE), str(project), request["package"], request["crew_class"]],
                                  cwd=folder, capture_output=True, text=True, timeout=TIME_LIMIT, env=child_environment(folder))
        except subprocess.TimeoutExpired:
            return {"crewai": "unknown", "stand_in": False, "built": False, "tests": None, "dry_run_seconds": None,
                    "errors": [f"the gate ran past its {TIME_LIMIT:.0f} s limit"]}
        for line in reversed(done.stdout.splitlines()):
            if line.startswith("{") and line.endswith("}"):
                return json.loads(line)
        return {"crewai": "unknown", "stand_in": False, "built": False, "tests": None, "dry_run_seconds": None,
                "errors": [f"the gate ended without an answer: {done.stderr[-600:].strip()}"]}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.answer(200, {"status": "ok"} if self.path.split("?")[0] == "/health" else {"error": "not found"})

    def do_POST(self):
        if self.path.split("?")[0] != "/gate":
            return self.answer(404, {"error": "not found"})
        try:
            request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            if not isinstance(request.get("files"), dict) or not request.get("package") or not request.get("crew_class"):
                raise ValueError("package, crew_class and files are required")
        except ValueError as error:
            return self.answer(400, {"error": str(error)})
        self.answer(200, run_gate(request))

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
