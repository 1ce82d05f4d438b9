"""The stand-in's CrewBase: loads config/agents.yaml and config/tasks.yaml beside the class and binds their names as
crewai's CrewBase does, failing on any name no decorated method makes."""
import functools
import inspect
from pathlib import Path

import yaml


def _member(kind):
    def decorate(method):
        @functools.wraps(method)
        def made(self, *args, **kwargs):
            cache = self.__dict__.setdefault("_made", {})
            if method.__name__ not in cache:
                value = method(self, *args, **kwargs)
                if kind == "task" and not getattr(value, "name", None):
                    value.name = method.__name__
                cache[method.__name__] = value
            return cache[method.__name__]

        made.crew_member = kind
        return made

    return decorate


agent, task, tool, llm = _member("agent"), _member("task"), _member("tool"), _member("llm")


def crew(method):
    @functools.wraps(method)
    def build(self, *args, **kwargs):
        self.agents = [getattr(self, name)() for name in self.members["agent"]]
        self.tasks = [getattr(self, name)() for name in self.members["task"]]
        return method(self, *args, **kwargs)

    return build


def _load(path):
    if not path.is_file():
        raise FileNotFoundError(f"stand-in crewai: {path} is missing")
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _bound(self, kind, name, where):
    if name not in self.members[kind]:
        raise KeyError(f"stand-in crewai: {where} names the {kind} '{name}', which no @{kind} method makes")
    return getattr(self, name)()


def CrewBase(cls):
    folder = Path(inspect.getfile(cls)).parent
    members = {kind: [name for name, value in vars(cls).items() if getattr(value, "crew_member", None) == kind] for kind in ("agent", "task", "tool", "llm")}
    setup = cls.__init__

    def __init__(self, *args, **kwargs):
        self.members = members
        self.agents_config = _load(folder / getattr(cls, "agents_config", "config/agents.yaml"))
        self.tasks_config = _load(folder / getattr(cls, "tasks_config", "config/tasks.yaml"))
        for name, config in self.agents_config.items():
            if "tools" in config:
                config["tools"] = [_bound(self, "tool", tool_name, f"agents.yaml '{name}'") for tool_name in config["tools"]]
            if isinstance(config.get("llm"), str) and config["llm"] in members["llm"]:
                config["llm"] = getattr(self, config["llm"])()
        for name, config in self.tasks_config.items():
            if "agent" in config:
                config["agent"] = _bound(self, "agent", config["agent"], f"tasks.yaml '{name}'")
            if "context" in config:
                config["context"] = [_bound(self, "task", other, f"tasks.yaml '{name}' (context)") for other in config["context"]]
            if "tools" in config:
                config["tools"] = [_bound(self, "tool", tool_name, f"tasks.yaml '{name}'") for tool_name in config["tools"]]
        setup(self, *args, **kwargs)

    cls.__init__ = __init__
    cls.is_crew_class = True
    return cls


from crewai.project.crew_loader import load_crew, strip_jsonc_comments  # noqa: E402,F401
