using System.Text;
using CrewBuilder.Core.Generation.Design;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>
/// Writes a custom tool as a crewai BaseTool subclass with a Pydantic argument schema. An API tool whose body CrewBuilder
/// writes calls the project's HTTP client with its API's settings (tools/apis.py); any other tool first says which of its
/// variables are unset, so a tool never crashes on a missing setting.
/// </summary>
internal static class ToolWriter
{
    private static readonly string[] SecretSuffixes = ["_KEY", "_TOKEN", "_SECRET", "_PASSWORD"];

    public static string FileName(CustomTool tool) => $"{tool.Name}.py";

    /// <summary>An HTTP API tool with no body of the model's: it calls the project's HTTP client.</summary>
    public static bool UsesHttpClient(CustomTool tool) => tool.RunBody is null && ToolKinds.IsHttpApi(tool);

    /// <summary>The name of the tool's settings in tools/apis.py.</summary>
    public static string ApiConstant(CustomTool tool) => tool.Name.ToUpperInvariant();

    public static string Write(CustomTool tool, string toolsModule)
    {
        var smtp = tool.RunBody is null && !ToolKinds.IsHttpApi(tool) ? ToolKinds.SmtpHostVariable(tool) : null;
        var code = new StringBuilder($$""""
            import json
            import os
            import urllib.parse
            import urllib.request
            {{(smtp is null ? "" : SmtpToolBody.Imports)}}from typing import Any, Dict, Optional, Type

            from crewai.tools import BaseTool
            from pydantic import BaseModel, Field
            {{(UsesHttpClient(tool) ? $"\nfrom {toolsModule}.apis import {ApiConstant(tool)}\n" : "")}}

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
        var body = tool.RunBody is { } written ? Guard(tool.EnvVars) + written
            : UsesHttpClient(tool) ? HttpBody(tool)
            : smtp is not null ? Guard([smtp]) + SmtpToolBody.Write(tool, smtp)
            : throw new InvalidOperationException($"The tool '{tool.Name}' has no body: only HTTP API and SMTP tools have a built-in one.");
        code.Append(Indent(body, "        "));
        return code.ToString();
    }

    /// <summary>How an API tool authenticates: its scheme (none without a credential), the secret's variable, and its auth settings.</summary>
    public sealed record ApiAccess(ApiAuth Auth, string? SecretVariable)
    {
        public string Scheme => SecretVariable is null && Auth.Scheme != "basic" ? "none" : Auth.Scheme;

        /// <summary>The variables the HTTP client refuses to call without (its <c>Api.missing()</c>).</summary>
        public IReadOnlyList<string> Required(CustomTool tool) =>
            [.. new[] { ToolKinds.DefaultBaseUrl(tool) is null ? ToolKinds.BaseUrlVariable(tool) : null, SecretVariable, Auth.UserVariable }.OfType<string>()];
    }

    public static ApiAccess Access(CustomTool tool)
    {
        var auth = tool.Auth ?? ApiAuth.Bearer;
        return new(auth, tool.EnvVars.FirstOrDefault(name => name != ToolKinds.BaseUrlVariable(tool) && name != auth.UserVariable
            && SecretSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal))));
    }

    /// <summary>tools/apis.py: where each API the tools call lives and how it authenticates.</summary>
    public static string ApiSettings(IEnumerable<CustomTool> tools, string toolsModule)
    {
        var code = new StringBuilder(
            "\"\"\"Where each API the crew's tools call lives and how it authenticates; the variables are in .env.example.\"\"\"\n\n"
            + $"from {toolsModule}.http_client import Api\n");
        foreach (var tool in tools.Where(UsesHttpClient))
        {
            var (auth, secret) = (Access(tool).Auth, Access(tool).SecretVariable);
            var settings = new List<string>
            {
                $"name={PythonSource.Literal(DisplayName(tool))}",
                $"base_url_variable={PythonSource.Literal(ToolKinds.BaseUrlVariable(tool) ?? "")}",
            };
            if (ToolKinds.DefaultBaseUrl(tool) is { } baseUrl)
            {
                settings.Add($"default_base_url={PythonSource.Literal(baseUrl)}");
            }

            settings.Add($"auth={PythonSource.Literal(Access(tool).Scheme)}");
            if (secret is not null)
            {
                settings.Add($"secret_variable={PythonSource.Literal(secret)}");
            }

            if (auth.Parameter is { } parameter)
            {
                settings.Add($"parameter={PythonSource.Literal(parameter)}");
            }

            if (auth.SecretPrefix.Length > 0)
            {
                settings.Add($"secret_prefix={PythonSource.Literal(auth.SecretPrefix)}");
            }

            if (auth.UserVariable is { } user)
            {
                settings.Add($"user_variable={PythonSource.Literal(user)}");
            }

            if (auth.UserSuffix.Length > 0)
            {
                settings.Add($"user_suffix={PythonSource.Literal(auth.UserSuffix)}");
            }

            if (auth.Headers is { Count: > 0 } headers)
            {
                settings.Add($"headers={{{string.Join(", ", headers.Select(header => $"{PythonSource.Literal(header.Key)}: {PythonSource.Literal(header.Value)}"))}}}");
            }

            code.Append($"\n{ApiConstant(tool)} = Api(\n{string.Concat(settings.Select(setting => $"    {setting},\n"))})\n");
        }

        return code.ToString();
    }

    /// <summary>
    /// The call through the HTTP client: the tool's method, path, query and body arguments as they are; any other argument
    /// joins the query; a "url" argument stands for the whole address when the API has no base URL of its own.
    /// </summary>
    private static string HttpBody(CustomTool tool)
    {
        var names = tool.Arguments.Select(argument => argument.Name).ToHashSet();
        var extra = tool.Arguments.Where(argument => argument.Name is not ("method" or "path" or "query" or "body" or "url")).ToList();
        var path = names.Contains("path") ? "path or \"\"" : "\"\"";
        if (ToolKinds.BaseUrlVariable(tool) is null && names.Contains("url"))
        {
            path = names.Contains("path") ? "str(url).rstrip(\"/\") + \"/\" + str(path or \"\").lstrip(\"/\")" : "str(url)";
        }

        var values = extra.Count == 0
            ? names.Contains("query") ? "query_values = dict(query or {})\n" : "query_values = {}\n"
            : $"query_values = {{key: value for key, value in {{{string.Join(", ", extra.Select(argument => $"\"{argument.Name}\": {argument.Name}"))}}}.items() if value is not None}}\n"
                + (names.Contains("query") ? "query_values.update(query or {})\n" : "");
        return values + $$"""
            return {{ApiConstant(tool)}}.call({{(names.Contains("method") ? "method or \"GET\"" : "\"GET\"")}}, {{path}}, query_values, {{(names.Contains("body") ? "body" : "None")}})
            """;
    }

    /// <summary>"zendesk_api" as people write it: "Zendesk API".</summary>
    private static string DisplayName(CustomTool tool) =>
        string.Join(' ', Naming.Title(tool.Name.Replace('_', ' ')).Split(' ').Select(word => word is "Api" ? "API" : word));

    /// <summary>The first lines of a body that reads variables: unset ones are named, not a KeyError.</summary>
    private static string Guard(IReadOnlyList<string> variables) => variables.Count == 0 ? "" : $$"""
        missing = [name for name in ({{string.Concat(variables.Select(name => PythonSource.Literal(name) + ", "))}}) if not os.environ.get(name)]
        if missing:
            return json.dumps({"error": ", ".join(missing) + (" is" if len(missing) == 1 else " are") + " not set: see .env.example"})

        """;

    private static string PythonType(string type) => type switch
    {
        "integer" => "int",
        "number" => "float",
        "boolean" => "bool",
        "object" => "Dict[str, Any]",
        _ => "str",
    };

    private static string Indent(string body, string indent) =>
        string.Concat(body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n')
            .Select(line => line.Length == 0 ? "\n" : $"{indent}{line}\n"));
}
