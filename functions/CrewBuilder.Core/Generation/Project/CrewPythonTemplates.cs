namespace CrewBuilder.Core.Generation.Project;

/// <summary>The Python files every generated crew shares, parameterised by its package.</summary>
internal static class CrewPythonTemplates
{
    public static string Main(string package, RequirementAnalysis analysis) => $$""""
        #!/usr/bin/env python
        import json
        import sys
        import warnings
        from datetime import datetime

        from {{package}}.crew import {{Naming.Pascal(package)}}

        warnings.filterwarnings("ignore", category=SyntaxWarning, module="pysbd")

        REQUIREMENT = {{PythonSource.Literal(analysis.Requirement)}}


        def _inputs():
            return {"requirement": REQUIREMENT, "current_year": str(datetime.now().year)}


        def _crew():
            return {{Naming.Pascal(package)}}().crew()


        def run():
            """Run the crew."""
            try:
                _crew().kickoff(inputs=_inputs())
            except Exception as e:
                raise Exception(f"An error occurred while running the crew: {e}")


        def train():
            """Train the crew for a given number of iterations: train <iterations> <filename>."""
            try:
                _crew().train(n_iterations=int(sys.argv[1]), filename=sys.argv[2], inputs=_inputs())
            except Exception as e:
                raise Exception(f"An error occurred while training the crew: {e}")


        def replay():
            """Replay the crew execution from a specific task: replay <task_id>."""
            try:
                _crew().replay(task_id=sys.argv[1])
            except Exception as e:
                raise Exception(f"An error occurred while replaying the crew: {e}")


        def test():
            """Test the crew execution and return the results: test <iterations> <eval_llm>."""
            try:
                _crew().test(n_iterations=int(sys.argv[1]), eval_llm=sys.argv[2], inputs=_inputs())
            except Exception as e:
                raise Exception(f"An error occurred while testing the crew: {e}")


        def run_with_trigger():
            """Run the crew with a JSON trigger payload: run_with_trigger '<json>'."""
            if len(sys.argv) < 2:
                raise Exception("No trigger payload provided. Please provide JSON payload as argument.")
            try:
                trigger_payload = json.loads(sys.argv[1])
            except json.JSONDecodeError:
                raise Exception("Invalid JSON payload provided as argument")
            inputs = _inputs()
            inputs["crewai_trigger_payload"] = trigger_payload
            try:
                return _crew().kickoff(inputs=inputs)
            except Exception as e:
                raise Exception(f"An error occurred while running the crew with trigger: {e}")


        if __name__ == "__main__":
            run()

        """";

    /// <summary>The crewai side of the knowledge search; <see cref="ToolRuntimeTemplates.Knowledge"/> does the work.</summary>
    public static string KnowledgeSearchTool(string toolsModule) => $$""""
        from typing import Type

        from crewai.tools import BaseTool
        from pydantic import BaseModel, Field

        from {{toolsModule}}.knowledge import search


        class KnowledgeSearchInput(BaseModel):
            """Input schema for KnowledgeSearchTool."""

            query: str = Field(..., description="Words to look for in the project's knowledge files.")
            max_results: int = Field(10, ge=1, le=50, description="How many matching lines to return at most.")


        class KnowledgeSearchTool(BaseTool):
            name: str = "knowledge_search"
            description: str = (
                "Searches the text and Markdown files in the project's knowledge/ folder and returns "
                "the lines that mention the query words, with the file each line came from."
            )
            args_schema: Type[BaseModel] = KnowledgeSearchInput

            def _run(self, query: str, max_results: int = 10) -> str:
                return search(query, max_results)

        """";
}
