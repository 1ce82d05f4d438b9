"""The stand-in's load_crew: builds a JSON-first project (crew.jsonc, agents/<name>.jsonc, tools/<name>.py) in the order
and with the refusals of crewai's JSON loader (crewai/project/json_loader.py and crew_loader.py)."""
import importlib
import importlib.util
import inspect
import json
import re
import sys
from pathlib import Path

import crewai
from crewai.tools import BaseTool

_TOOL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_MODEL_FIELDS = ("llm", "function_calling_llm", "manager_llm", "planning_llm", "chat_llm")


def strip_jsonc_comments(text):
    """Drops // and /* */ comments outside strings, then commas before a closing bracket, as crewai's parse_jsonc does."""
    out, i, in_string = [], 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise ValueError("unterminated block comment in JSONC input")
            i = end + 2
            continue
        else:
            out.append(c)
        i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


def _load(path):
    try:
        data = json.loads(strip_jsonc_comments(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: invalid JSON: {error}") from error
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object")
    return data


def _check(data, allowed, source):
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValueError(f"stand-in crewai: {source}: unsupported field(s): " + ", ".join(unknown))


def _custom_tool(name, root):
    if not _TOOL_NAME.fullmatch(name):
        raise ValueError(f"Invalid custom tool name 'custom:{name}'")
    path = root / "tools" / f"{name}.py"
    if not path.is_file():
        raise ValueError(f"Custom tool 'custom:{name}' not found: expected {path}.")
    spec = importlib.util.spec_from_file_location(f"custom_tools.{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for attribute in dir(module):
        value = getattr(module, attribute)
        if isinstance(value, type) and issubclass(value, BaseTool) and value is not BaseTool:
            return value()
    raise ValueError(f"No BaseTool subclass found in {path}.")


def _tool(reference, root):
    if reference.startswith("custom:"):
        return _custom_tool(reference[len("custom:"):], root)
    if ":" in reference:
        module, name = reference.split(":", 1)
        return getattr(importlib.import_module(module), name)()
    import crewai_tools

    for name in (reference, reference + "Tool"):
        try:
            return getattr(crewai_tools, name)()
        except AttributeError:
            continue
    raise ValueError(f"Unknown tool '{reference}'.")


def _object_reference(value, root, source):
    """{"python": "module.NAME"} is imported from the project folder and must be a value, as crewai's loader resolves it."""
    if not (isinstance(value, dict) and "python" in value):
        return value
    module_path, _, attribute = value["python"].rpartition(".")
    relative = Path(*module_path.split("."))
    if not any((root / candidate).is_file() for candidate in (relative.with_suffix(".py"), relative / "__init__.py")):
        raise ValueError(f"{source}: Python references in JSON configs must point to modules inside the project root; '{module_path}' was not found under {root}")
    sys.path.insert(0, str(root))
    try:
        resolved = getattr(importlib.import_module(module_path), attribute)
    except (ImportError, AttributeError) as error:
        raise ValueError(f"{source}: failed to import Python reference '{value['python']}'") from error
    finally:
        sys.path.remove(str(root))
    if isinstance(resolved, type) or inspect.ismodule(resolved) or inspect.isroutine(resolved):
        raise ValueError(f"{source}: Python reference '{value['python']}' is not a supported object reference")
    return resolved


def _resolve_models(fields, root, source):
    for field in _MODEL_FIELDS:
        if field in fields:
            fields[field] = _object_reference(fields[field], root, f"{source}: {field}")


def load_crew(source, agents_dir=None):
    crew_path = Path(source)
    root = crew_path.parent
    agents_dir = Path(agents_dir) if agents_dir else root / "agents"
    definition = _load(crew_path)
    _check(definition, crewai.CREW_FIELDS | {"inputs"}, crew_path)
    names = definition.get("agents")
    if not isinstance(names, list) or not names:
        raise ValueError(f"{crew_path}: 'agents' must be a non-empty list")
    agents = {}
    for name in names:
        path = next((agents_dir / f"{name}{suffix}" for suffix in (".jsonc", ".json") if (agents_dir / f"{name}{suffix}").is_file()), None)
        if path is None:
            raise FileNotFoundError(f"Agent definition for '{name}' not found in {agents_dir} (tried {name}.jsonc and {name}.json)")
        agent = _load(path)
        _check(agent, crewai.AGENT_FIELDS | {"settings", "type"}, path)
        settings = agent.pop("settings", None) or {}
        _check(settings, crewai.AGENT_FIELDS, f"{path}: settings")
        agent.pop("type", None)
        agent["tools"] = [_tool(tool, root) for tool in agent.get("tools", [])]
        _resolve_models(agent, root, path)
        agents[name] = crewai.Agent(**agent, **settings)
    tasks, by_name = [], {}
    for index, task in enumerate(definition.get("tasks") or []):
        source_label = f"{crew_path}: tasks[{index}]"
        _check(task, crewai.TASK_FIELDS | {"type"}, source_label)
        task = dict(task)
        if "agent" in task:
            if task["agent"] not in agents:
                raise ValueError(f"{source_label} references agent '{task['agent']}' which does not match a loaded agent definition")
            task["agent"] = agents[task["agent"]]
        if "context" in task:
            unknown = [name for name in task["context"] if name not in by_name]
            if unknown:
                raise ValueError(f"{source_label} has context reference '{unknown[0]}' but that task has not been defined yet")
            task["context"] = [by_name[name] for name in task["context"]]
        task["tools"] = [_tool(tool, root) for tool in task.get("tools", [])]
        made = crewai.Task(**task)
        tasks.append(made)
        if task.get("name"):
            by_name[task["name"]] = made
    if not tasks:
        raise ValueError(f"{crew_path}: 'tasks' must be a non-empty list")
    fields = {key: value for key, value in definition.items() if key not in ("agents", "tasks", "inputs")}
    _resolve_models(fields, root, crew_path)
    return crewai.Crew(agents=[agents[name] for name in names], tasks=tasks, **fields), definition.get("inputs", {})
