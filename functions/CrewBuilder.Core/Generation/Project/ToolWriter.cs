using System.Text;
using CrewBuilder.Core.Generation.Design;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>Writes a custom tool as a crewai BaseTool subclass with a Pydantic argument schema.</summary>
internal static class ToolWriter
{
    public static string FileName(CustomTool tool) => $"{tool.Name}.py";

    public static string Write(CustomTool tool)
    {
        var code = new StringBuilder($$""""
            import json
            import os
            import urllib.parse
            import urllib.request
            {{(ToolKinds.SmtpHostVariable(tool) is null || tool.RunBody is not null ? "" : SmtpToolBody.Imports)}}from typing import Optional, Type

            from crewai.tools import BaseTool
            from pydantic import BaseModel, Field


            class {{tool.ClassName}}Input(BaseModel):
                """Input schema for {{tool.ClassName}}."""


            """");
        foreach (var argument in tool.Arguments)
        {
            var type = PythonType(argument.Type);
            code.Append(argument.Required
                ? $"    {argument.Name}: {type} = Field(..., description={PythonSource.Literal(argument.Description)})\n"
                : $"    {argument.Name}: Optional[{type}] = Field(None, description={PythonSource.Literal(argument.Description)})\n");
        }

        if (tool.Arguments.Count == 0)
        {
            code.Append("    pass\n");
        }

        var parameters = string.Concat(tool.Arguments.Select(argument =>
            argument.Required ? $", {argument.Name}: {PythonType(argument.Type)}" : $", {argument.Name}: Optional[{PythonType(argument.Type)}] = None"));
        code.Append($$"""


            class {{tool.ClassName}}(BaseTool):
                name: str = {{PythonSource.Literal(tool.Name)}}
                description: str = {{PythonSource.Literal(tool.Description)}}
                args_schema: Type[BaseModel] = {{tool.ClassName}}Input

                def _run(self{{parameters}}) -> str:

            """);
        code.Append(Indent(tool.RunBody ?? (ToolKinds.SmtpHostVariable(tool) is { } smtpHost && !ToolKinds.IsHttpApi(tool)
            ? SmtpToolBody.Write(tool, smtpHost)
            : DefaultBody(tool)), "        "));
        return code.ToString();
    }

    /// <summary>
    /// A real call to the system's API: its *_URL variable is the base URL (or, without one, the "url" argument), a
    /// credential variable its bearer token; the other arguments go as query parameters (a "path" argument extends the
    /// URL). The answer is returned as text, cut to 20,000 characters.
    /// </summary>
    private static string DefaultBody(CustomTool tool)
    {
        var url = ToolKinds.BaseUrlVariable(tool);
        var token = tool.EnvVars.FirstOrDefault(name => name != url && (name.EndsWith("_KEY", StringComparison.Ordinal) || name.EndsWith("_TOKEN", StringComparison.Ordinal)));
        var fromArgument = url is null ? "url" : null;
        var query = string.Join(", ", tool.Arguments.Where(argument => argument.Name != "path" && argument.Name != fromArgument)
            .Select(argument => $"\"{argument.Name}\": {argument.Name}"));
        var hasPath = tool.Arguments.Any(argument => argument.Name == "path");
        return $$"""
            base_url = {{(url is null ? "str(url)" : $"os.environ[{PythonSource.Literal(url)}]")}}.rstrip("/")
            url = base_url{{(hasPath ? " + \"/\" + str(path or \"\").lstrip(\"/\")" : "")}}
            params = {key: value for key, value in { {{query}} }.items() if value is not None}
            if params:
                url += "?" + urllib.parse.urlencode(params)
            headers = {"Accept": "application/json"}
            token = {{(token is null ? "\"\"" : $"os.environ.get({PythonSource.Literal(token)}, \"\")")}}
            if token:
                headers["Authorization"] = f"Bearer {token}"
            request = urllib.request.Request(url, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return response.read().decode("utf-8", errors="replace")[:20000]
            except Exception as error:
                return json.dumps({"error": str(error)})
            """;
    }

    private static string PythonType(string type) => type switch
    {
        "integer" => "int",
        "number" => "float",
        "boolean" => "bool",
        _ => "str",
    };

    private static string Indent(string body, string indent) =>
        string.Concat(body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n')
            .Select(line => line.Length == 0 ? "\n" : $"{indent}{line}\n"));
}
