"""CrewBuilder's runnable gate: loads a generated crew project the way a user would after download.

Usage: python3 crew_gate.py <project folder> <package> <crew class>

It builds the crew with crewai (a JSON-first project from its crew.jsonc with crewai's load_crew, as `crewai run` does;
a classic one by importing its crew module), runs the project's offline tests with pytest, and kicks
the crew off once against a stand-in model that answers every call at once. No network is reachable from it but
loopback (the tool tests' own servers). It prints one JSON line last: what was verified and what failed.
"""
import json
import os
import socket
import sys
import time
import traceback

PLACEHOLDER_KEYS = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GROQ_API_KEY", "MISTRAL_API_KEY")
STAND_IN_ANSWER = "Thought: I now know the final answer\nFinal Answer: dry run: the stand-in model's answer."


def loopback_only():
    """Every connection but to loopback is refused, so nothing the crew or crewai does reaches a network."""
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

    def allowed(sock, address):
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return True
        host = str(address[0])
        return host.startswith("127.") or host in ("::1", "localhost")

    def guarded_connect(sock, address):
        if not allowed(sock, address):
            raise ConnectionRefusedError(f"the gate allows no network ({address[0]})")
        return connect(sock, address)

    def guarded_connect_ex(sock, address):
        return connect_ex(sock, address) if allowed(sock, address) else 111

    socket.socket.connect, socket.socket.connect_ex = guarded_connect, guarded_connect_ex


def problem(stage, error):
    frames = traceback.extract_tb(error.__traceback__)
    where = next((f"{os.path.relpath(f.filename)} line {f.lineno}" for f in reversed(frames) if os.path.abspath(f.filename).startswith(os.getcwd())), None)
    return f"{stage}: {type(error).__name__}: {error}" + (f" ({where})" if where else "")


def run_tests(outcome):
    try:
        import pytest
    except ImportError:
        outcome["tests"] = {"ran": False, "why": "pytest is not installed where the gate runs"}
        return

    def last_line(report):
        return str(report.longrepr).strip().splitlines()[-1][:400]

    class Counter:
        passed = failed = skipped = 0

        def pytest_runtest_logreport(self, report):
            if report.failed:
                self.failed += 1
                outcome["errors"].append(f"test {report.nodeid} failed ({report.when}): {last_line(report)}")
            elif report.skipped:
                self.skipped += 1
            elif report.when == "call":
                self.passed += 1

        def pytest_collectreport(self, report):
            if report.failed:
                self.failed += 1
                outcome["errors"].append(f"tests in {report.nodeid} could not be collected: {last_line(report)}")

    counter = Counter()
    pytest.main(["-q", "-p", "no:cacheprovider", "tests"], plugins=[counter])
    outcome["tests"] = {"ran": True, "passed": counter.passed, "failed": counter.failed, "skipped": counter.skipped}


def stand_in_model():
    try:
        from crewai import BaseLLM
    except ImportError:
        from crewai.llms.base_llm import BaseLLM

    class StandInModel(BaseLLM):
        def call(self, messages, *args, **kwargs):
            return STAND_IN_ANSWER

        def supports_function_calling(self):
            return False

        def supports_stop_words(self):
            return False

        def get_context_window_size(self):
            return 128000

    return StandInModel(model="gate-stand-in")


def build(package, crew_class):
    """The crew and the inputs its kickoff gets, as `crewai run` makes them for the project's layout."""
    definition = next((name for name in ("crew.jsonc", "crew.json") if os.path.isfile(name)), None)
    if definition is not None:
        from crewai.project import load_crew

        crew, inputs = load_crew(definition)
        return crew, dict(inputs)
    module = __import__(f"{package}.crew", fromlist=[crew_class])
    return getattr(module, crew_class)().crew(), __import__(f"{package}.main", fromlist=["_inputs"])._inputs()


def main(folder, package, crew_class):
    report = {"crewai": None, "stand_in": False, "built": False, "tests": None, "dry_run_seconds": None, "errors": []}
    os.chdir(folder)
    sys.path[:0] = [os.path.join(folder, "src"), folder]
    for key in PLACEHOLDER_KEYS:
        os.environ.setdefault(key, "gate-placeholder-not-a-key")
    for flag in ("CREWAI_DISABLE_TELEMETRY", "OTEL_SDK_DISABLED", "CREWAI_DISABLE_TRACKING"):
        os.environ[flag] = "true"
    os.environ["CREWAI_TRACING_ENABLED"] = "false"
    loopback_only()
    try:
        import crewai
    except ImportError as error:
        report["errors"].append(problem("crewai is not importable", error))
        return report

    report["crewai"] = getattr(crewai, "__version__", "unknown")
    report["stand_in"] = bool(getattr(crewai, "STAND_IN", False))
    try:
        crew, inputs = build(package, crew_class)
        report["built"] = True
    except Exception as error:
        report["errors"].append(problem("the crew did not build", error))
        return report

    run_tests(report)
    try:
        model = stand_in_model()
        for member in crew.agents:
            member.llm = model
            member.function_calling_llm = None
        if getattr(crew, "manager_llm", None) is not None:
            crew.manager_llm = model
        started = time.monotonic()
        crew.kickoff(inputs=inputs)
        report["dry_run_seconds"] = round(time.monotonic() - started, 1)
    except Exception as error:
        report["errors"].append(problem("the dry run failed", error))
    return report


if __name__ == "__main__":
    outcome = main(*sys.argv[1:4])
    sys.stdout.flush()
    print("\n" + json.dumps(outcome), flush=True)
