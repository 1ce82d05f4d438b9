using CrewBuilder.Core.Generation.Template;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>The FastAPI wrapper that runs the crew as a service, and the project's offline test suite.</summary>
internal static class ServiceTemplates
{
    /// <summary>The wrapper: the classic layout's imports its crew class; the JSON layout's (beside crew.jsonc) loads the definition.</summary>
    public static string Api(CrewDesign design, ProjectLayout layout = ProjectLayout.Classic)
    {
        var package = design.Analysis.PackageName;
        var (crewSource, crew) = layout == ProjectLayout.Json
            ? ($"from pathlib import Path\n\nfrom crewai.project import load_crew\n\nREQUIREMENT = {PythonSource.Literal(design.Analysis.Requirement)}",
                $"load_crew(Path(__file__).resolve().parent / \"{JsonCrewWriter.Definition}\")[0]")
            : ($"from {package}.crew import {Naming.Pascal(package)}\nfrom {package}.main import REQUIREMENT", $"{Naming.Pascal(package)}().crew()");
        var required = string.Join(", ", CrewEnvironment.Required(design).Select(PythonSource.Literal));
        return $$""""
            """HTTP API for the crew: POST /run starts a run, GET /runs/{run_id} follows it, GET /health says it is up."""
            import os
            import threading
            import uuid
            from contextlib import asynccontextmanager
            from datetime import datetime, timezone
            from typing import Dict, Optional

            from fastapi import FastAPI, HTTPException
            from pydantic import BaseModel, Field

            {{crewSource}}

            REQUIRED_ENV = [{{required}}]
            # The key of the provider MODEL names (a LiteLLM name: "anthropic/claude-sonnet-4-5", else OpenAI's).
            PROVIDER_KEYS = {"anthropic": "ANTHROPIC_API_KEY"}


            def model_key():
                model = os.environ.get("MODEL", "")
                return PROVIDER_KEYS.get(model.split("/")[0] if "/" in model else "openai", "OPENAI_API_KEY")


            def missing_settings():
                return [name for name in [model_key(), *REQUIRED_ENV] if not os.environ.get(name)]


            @asynccontextmanager
            async def lifespan(_: FastAPI):
                missing = missing_settings()
                if missing:
                    raise RuntimeError("Set these environment variables before starting the service: " + ", ".join(missing))
                yield


            app = FastAPI(title={{PythonSource.Literal(design.Analysis.Title)}}, lifespan=lifespan)
            _runs: Dict[str, dict] = {}
            _lock = threading.Lock()


            class RunRequest(BaseModel):
                requirement: Optional[str] = Field(None, description="Overrides the requirement the crew was designed for.")
                inputs: Dict[str, str] = Field(default_factory=dict, description="Extra inputs for the task descriptions.")


            def _record(run_id: str, **changes):
                with _lock:
                    _runs[run_id].update(changes)


            def _execute(run_id: str, inputs: Dict[str, str]):
                _record(run_id, status="running")
                try:
                    result = {{crew}}.kickoff(inputs=inputs)
                    _record(run_id, status="completed", result=str(result), finished_at=datetime.now(timezone.utc).isoformat())
                except Exception as error:  # reported to the caller, not raised in a worker thread
                    _record(run_id, status="failed", error=str(error), finished_at=datetime.now(timezone.utc).isoformat())


            @app.get("/health")
            def health():
                missing = missing_settings()
                return {"status": "ok" if not missing else "misconfigured", "missing": missing}


            @app.post("/run", status_code=202)
            def run(request: RunRequest):
                run_id = uuid.uuid4().hex
                inputs = {"requirement": request.requirement or REQUIREMENT, "current_year": str(datetime.now().year), **request.inputs}
                with _lock:
                    _runs[run_id] = {"id": run_id, "status": "queued", "started_at": datetime.now(timezone.utc).isoformat()}
                threading.Thread(target=_execute, args=(run_id, inputs), daemon=True).start()
                return {"id": run_id, "status": "queued", "status_url": f"/runs/{run_id}"}


            @app.get("/runs/{run_id}")
            def run_status(run_id: str):
                with _lock:
                    found = _runs.get(run_id)
                if found is None:
                    raise HTTPException(status_code=404, detail="No run with this id.")
                return found

            """";
    }

    public static string Tests(CrewDesign design)
    {
        var package = design.Analysis.PackageName;
        var crewClass = Naming.Pascal(package);
        var points = design.Analysis.RequirementPoints;
        var trace = string.Join("\n", points.Select((point, index) =>
            $"    ({PythonSource.Literal(point)}, [{string.Join(", ", design.Plan.Tasks.Where(task => task.Answers(index)).Select(task => PythonSource.Literal(task.Key)))}]),"));
        return $$""""
            """Offline tests: no model is called. They load the crew, bind every YAML name, and trace the requirement to tasks."""
            from pathlib import Path

            import pytest
            import yaml

            CONFIG = Path(__file__).resolve().parents[1] / "src" / "{{package}}" / "config"

            # Each point of the requirement and the tasks whose expected output answers it.
            TRACEABILITY = [
            {{trace}}
            ]


            @pytest.fixture(autouse=True)
            def offline_settings(monkeypatch):
                monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-used")
                monkeypatch.setenv("MODEL", "gpt-4o-mini")


            def _yaml(name):
                return yaml.safe_load((CONFIG / name).read_text(encoding="utf-8"))


            def test_every_yaml_name_binds_to_a_crew_member():
                from {{package}}.crew import {{crewClass}}

                members = {{crewClass}}
                agents, tasks = _yaml("agents.yaml"), _yaml("tasks.yaml")
                for name in list(agents) + list(tasks):
                    assert callable(getattr(members, name, None)), f"{name} has no method in crew.py"
                earlier = set()
                for name, task in tasks.items():
                    assert task["agent"] in agents, f"{name} names an unknown agent"
                    for dependency in task.get("context", []):
                        assert dependency in earlier, f"{name} depends on {dependency}, which does not run before it"
                    earlier.add(name)


            def test_the_crew_loads_with_its_agents_and_tasks_in_order():
                from {{package}}.crew import {{crewClass}}

                crew = {{crewClass}}().crew()
                assert [task.name for task in crew.tasks] == list(_yaml("tasks.yaml"))
                assert len(crew.agents) == len(_yaml("agents.yaml"))


            def test_running_the_crew_passes_the_requirement_without_calling_a_model(monkeypatch):
                from crewai import Crew

                from {{package}} import main

                seen = {}
                monkeypatch.setattr(Crew, "kickoff", lambda self, inputs=None: seen.update(inputs or {}) or "done")
                main.run()
                assert seen["requirement"] == main.REQUIREMENT


            @pytest.mark.parametrize("point,tasks", TRACEABILITY)
            def test_each_requirement_point_is_answered_by_a_task(point, tasks):
                configured = _yaml("tasks.yaml")
                assert tasks, f"No task answers: {point}"
                for name in tasks:
                    assert configured[name]["expected_output"].strip(), f"{name} has no expected output"

            """";
    }

}
