"""A stand-in for crewai, for CrewBuilder's gate tests: not crewAI. See README.md beside this package."""
import re
from pathlib import Path

__version__ = "0.0.0+stand-in"
STAND_IN = True

AGENT_FIELDS = {
    "role", "goal", "backstory", "allow_delegation", "verbose", "llm", "tools", "max_iter", "max_rpm", "max_execution_time",
    "memory", "cache", "function_calling_llm", "system_template", "prompt_template", "response_template", "max_retry_limit",
    "allow_code_execution", "code_execution_mode", "respect_context_window", "reasoning", "max_reasoning_attempts",
    "multimodal", "inject_date", "date_format", "knowledge_sources", "embedder", "use_system_prompt", "step_callback",
    "max_tokens", "planning", "guardrail", "guardrail_max_retries",
}
TASK_FIELDS = {
    "name", "description", "expected_output", "agent", "context", "tools", "output_file", "async_execution", "human_input",
    "markdown", "output_json", "output_pydantic", "callback", "create_directory", "guardrail", "guardrails",
    "guardrail_max_retries", "input_files", "response_model", "converter_cls", "security_config",
}
CREW_FIELDS = {
    "name", "agents", "tasks", "process", "verbose", "manager_llm", "manager_agent", "memory", "cache", "max_rpm", "planning",
    "planning_llm", "function_calling_llm", "knowledge_sources", "embedder", "output_log_file", "stream", "tracing",
}
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_\-]*)\}")


def _fields(kind, allowed, config, given, required):
    merged = {**(config or {}), **given}
    unknown = sorted(set(merged) - allowed)
    if unknown:
        raise ValueError(f"stand-in crewai: {kind} got unknown field(s) {', '.join(unknown)}, which crewai's {kind} rejects")
    missing = [name for name in required if not merged.get(name)]
    if missing:
        raise ValueError(f"stand-in crewai: {kind} has no {', '.join(missing)}")
    return merged


class BaseLLM:
    def __init__(self, model, temperature=None, **kwargs):
        self.model = model
        self.temperature = temperature

    def call(self, messages, *args, **kwargs):
        raise NotImplementedError


class LLM(BaseLLM):
    def call(self, messages, *args, **kwargs):
        raise RuntimeError(f"stand-in crewai calls no real model ({self.model})")


class Process:
    sequential = "sequential"
    hierarchical = "hierarchical"


from crewai.agents.agent_builder.base_agent import BaseAgent  # noqa: E402


class Agent(BaseAgent):
    def __init__(self, config=None, **fields):
        values = _fields("Agent", AGENT_FIELDS, config, fields, ["role", "goal", "backstory"])
        self.tools, self.llm, self.function_calling_llm = [], None, None
        self.__dict__.update(values)


class Task:
    def __init__(self, config=None, **fields):
        values = _fields("Task", TASK_FIELDS, config, fields, ["description", "expected_output"])
        self.name, self.agent, self.context, self.output_file, self.output = None, None, [], None, None
        self.__dict__.update(values)
        if self.agent is not None and not isinstance(self.agent, BaseAgent):
            raise TypeError(f"stand-in crewai: a Task's agent must be an Agent, not {type(self.agent).__name__}")


class Crew:
    def __init__(self, **fields):
        values = _fields("Crew", CREW_FIELDS, None, fields, ["agents", "tasks"])
        self.process, self.manager_llm, self.manager_agent = Process.sequential, None, None
        self.__dict__.update(values)
        if self.process == Process.hierarchical and self.manager_llm is None and self.manager_agent is None:
            raise ValueError("stand-in crewai: a hierarchical crew needs a manager_llm or manager_agent")
        if self.process == Process.sequential and any(task.agent is None for task in self.tasks):
            raise ValueError("stand-in crewai: every task of a sequential crew needs an agent")

    def kickoff(self, inputs=None):
        inputs = {key: str(value) for key, value in (inputs or {}).items()}
        answer = None
        for task in self.tasks:
            text = {}
            for field in ("description", "expected_output"):
                missing = [name for name in PLACEHOLDER.findall(getattr(task, field)) if name not in inputs]
                if missing:
                    raise KeyError(f"stand-in crewai: the task '{task.name}' needs the input(s) {', '.join(missing)}")
                text[field] = PLACEHOLDER.sub(lambda match: inputs[match.group(1)], getattr(task, field))
            model = (task.agent or self.manager_agent).llm if task.agent is not None or self.manager_agent is not None else self.manager_llm
            if not hasattr(model, "call"):
                raise RuntimeError(f"stand-in crewai calls no real model ({model!r})")
            answer = model.call([{"role": "user", "content": text["description"]}])
            task.output = answer
            if task.output_file:
                path = Path(task.output_file)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(str(answer), encoding="utf-8")
        return answer
