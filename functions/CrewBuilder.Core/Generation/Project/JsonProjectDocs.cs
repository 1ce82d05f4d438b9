namespace CrewBuilder.Core.Generation.Project;

/// <summary>The parts of the documents that differ in the JSON-first layout: how to run it, where its parts live.</summary>
internal static class JsonProjectDocs
{
    public static readonly string Usage = """
        ## Usage

        - `crewai run` runs the crew once with the `inputs` of `crew.jsonc` (its `requirement` is the one above).

        """ + ProjectDocsWriter.Service("api:app", "names `crew.jsonc` as the definition and already carries");

    public const string Customising = """
        ## Customising

        This project uses CrewAI's JSON-first layout (the default of `crewai create crew`).

        - Agents: `agents/<name>.jsonc`, one file per name in the `agents` list of `crew.jsonc`.
        - Models: each agent's `llm` is `{"python": "models.STANDARD"}` (or `ADVANCED`), which `models.py` reads from
          `MODEL` (or `ADVANCED_MODEL`), so `.env` chooses them as in any CrewAI project. Write a provider/model name
          there instead (`"llm": "anthropic/claude-sonnet-4-5"`) to pin one agent's model.
        - Tasks: the `tasks` of `crew.jsonc`, in the order they run; `context` names earlier tasks by their `name`.
        - Tools: `tools/<name>.py`, named `custom:<name>` in an agent's `tools` (crewai_tools classes by their class name).
          Each API tool calls `tools/http_client.py` with its API's address and credentials from `tools/apis.py`; an unset
          variable comes back to the agent as "NAME is not set: see .env.example", an HTTP error as text it can act on.
        - Knowledge: `knowledge_search` reads `KNOWLEDGE_DIR`, or `./knowledge` in the folder the crew runs from.
        - Tests: `python -m unittest tests/test_tools.py` runs every tool on its own, against a local HTTP server, without
          crewai or any key.

        """;

    public static string AgentsGuide(CrewDesign design) => $$"""
        # Working on this crew

        This is a CrewAI project in the JSON-first `crewai create crew` layout. Notes for coding assistants:

        - Every name in the `agents` list of `crew.jsonc` has its `agents/<name>.jsonc`; a task's `agent` is one of them.
        - Tasks run in the order of `tasks` in `crew.jsonc` ({{design.Process}} process). A task's `context` names earlier
          tasks only.
        - `{requirement}` in the agents and tasks is filled from `inputs` in `crew.jsonc`; crewai only accepts the fields its
          Agent, Task and Crew know.
        - `custom:<name>` tools load `tools/<name>.py`, which defines one `crewai.tools.BaseTool` subclass with a Pydantic `args_schema`.
        - An agent's `llm` names a value of `models.py` (`{"python": "models.STANDARD"}`), which reads the model from `.env`.
        - Secrets go in `.env` (see `.env.example`), never in code or JSON.

        """;
}
