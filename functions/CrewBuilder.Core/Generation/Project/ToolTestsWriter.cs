using System.Text;
using CrewBuilder.Core.Generation.Design;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>
/// tests/test_tools.py: runs every tool of the crew with its settings unset (it names what is missing instead of
/// crashing), every API tool against a local HTTP server (the method, path, body and credentials it is asked to send),
/// and the knowledge search from the working directory. Standard library only (unittest), with a stand-in BaseTool when
/// crewai is not installed, so the tools' own code runs anywhere a python3 with pydantic does.
/// </summary>
internal static class ToolTestsWriter
{
    private const string Secret = "test-secret";
    private const string User = "someone@example.com";

    public static string Write(CrewDesign design, PythonHome home)
    {
        var tools = design.Roster.Tools;
        var apis = tools.Where(ToolWriter.UsesHttpClient).ToList();
        var code = new StringBuilder(Header.Replace("{import_root}", home.ImportRoot, StringComparison.Ordinal));
        code.Append($"from {home.ToolsModule}.knowledge import search\n");
        if (apis.Count > 0)
        {
            code.Append($"from {home.ToolsModule}.apis import {string.Join(", ", apis.Select(ToolWriter.ApiConstant))}\n");
        }

        foreach (var tool in tools)
        {
            code.Append($"from {home.ToolsModule}.{tool.Name} import {tool.ClassName}\n");
        }

        code.Append(Recorder).Append("\n\nclass ToolsWithoutTheirSettings(unittest.TestCase):\n");
        var unset = tools.Where(NeedsSettings).ToList();
        foreach (var tool in unset)
        {
            code.Append($$"""
                    def test_{{tool.Name}}_names_what_is_missing(self):
                        with mock.patch.dict(os.environ, {}, clear=True):
                            answer = {{tool.ClassName}}()._run({{string.Join(", ", tool.Arguments.Where(a => a.Required).Select(a => $"{a.Name}={Sample(a)}"))}})
                        self.assertIn("not set: see .env.example", answer)


                """);
        }

        if (unset.Count == 0)
        {
            code.Append("    pass\n\n\n");
        }

        code.Append(ServerCase);
        foreach (var tool in apis)
        {
            code.Append(ApiTest(tool));
        }

        return code.Append(KnowledgeCase).ToString();
    }

    /// <summary>Whether the tool needs a variable to run; one that needs none would call the real service, which a test must not.</summary>
    private static bool NeedsSettings(CustomTool tool) => ToolWriter.UsesHttpClient(tool)
        ? ToolWriter.Access(tool).Required(tool).Count > 0
        : tool.RunBody is not null ? tool.EnvVars.Count > 0 : ToolKinds.SmtpHostVariable(tool) is not null;

    /// <summary>The variables an API test sets, as Python: the base URL (the local server), the secret, the user of basic auth.</summary>
    private static Dictionary<string, string> Settings(CustomTool tool, ToolWriter.ApiAccess access)
    {
        var settings = new Dictionary<string, string>();
        if (ToolKinds.BaseUrlVariable(tool) is { } baseUrl)
        {
            settings[baseUrl] = "self.url";
        }

        if (access.SecretVariable is { } secret)
        {
            settings[secret] = PythonSource.Literal(Secret);
        }

        if (access.Auth.UserVariable is { } user)
        {
            settings[user] = PythonSource.Literal(User);
        }

        return settings;
    }

    private static string ApiTest(CustomTool tool)
    {
        var api = ToolWriter.ApiConstant(tool);
        var access = ToolWriter.Access(tool);
        var auth = access.Auth;
        var values = string.Join(", ", Settings(tool, access).Select(setting => $"{PythonSource.Literal(setting.Key)}: {setting.Value}"));
        var path = ToolKinds.BaseUrlVariable(tool) is null ? "self.url + \"/things/1\"" : "\"/things/1\"";
        var credential = access.Scheme == "none" ? "        self.assertNotIn(\"authorization\", request[\"headers\"])"
            : auth.Scheme switch
            {
                "basic" => $"        self.assertEqual(\"Basic \" + base64.b64encode(b\"{User}{auth.UserSuffix}:{Secret}\").decode(), request[\"headers\"][\"authorization\"])",
                "header" => $"        self.assertEqual(\"{auth.SecretPrefix}{Secret}\", request[\"headers\"][{PythonSource.Literal(auth.Parameter!.ToLowerInvariant())}])",
                "query" => $"        self.assertIn(\"{auth.Parameter}={Secret}\", request[\"path\"])",
                _ => $"        self.assertEqual(\"Bearer {Secret}\", request[\"headers\"][\"authorization\"])",
            };
        return $$"""
                def test_{{tool.Name}}_sends_the_request_it_is_asked_for(self):
                    with mock.patch.dict(os.environ, { {{values}} }, clear=True):
                        answer = {{api}}.call("POST", {{path}}, {"page": "2"}, {"name": "example"})
                    self.assertEqual({"ok": True}, json.loads(answer))
                    request = self.server.requests[-1]
                    self.assertEqual("POST", request["method"])
                    self.assertTrue(request["path"].startswith("/things/1?page=2"), request["path"])
                    self.assertEqual({"name": "example"}, json.loads(request["body"]))
            {{credential}}

                def test_{{tool.Name}}_returns_an_http_error_as_text(self):
                    with mock.patch.dict(os.environ, { {{values}} }, clear=True):
                        answer = json.loads({{api}}.call("GET", {{path.Replace("things/1", "missing", StringComparison.Ordinal)}}))
                    self.assertEqual(404, answer["status"])


            """;
    }

    private static string Sample(ToolArgument argument) => argument.Name switch
    {
        "method" => "\"GET\"",
        "path" => "\"/\"",
        _ => argument.Type switch
        {
            "integer" => "1",
            "number" => "1.0",
            "boolean" => "True",
            "object" => "{}",
            _ => "\"example\"",
        },
    };

    private const string Header = """"
        """Runs every tool of the crew: with its settings unset (it names what is missing, it does not crash), each API tool
        against a local HTTP server (the method, path, body and credentials it is asked to send), and the knowledge search.
        Standard library only; where crewai is not installed, a stand-in BaseTool lets the tools load and run."""

        import base64
        import importlib.util
        import json
        import os
        import sys
        import tempfile
        import threading
        import types
        import unittest
        from http.server import BaseHTTPRequestHandler, HTTPServer
        from pathlib import Path
        from typing import Any
        from unittest import mock

        sys.path.insert(0, str(Path(__file__).resolve().parents[1]{import_root}))

        if importlib.util.find_spec("crewai") is None:
            import pydantic

            class BaseTool(pydantic.BaseModel):
                """A stand-in for crewai.tools.BaseTool: enough to build a tool and call its _run."""

                name: str = ""
                description: str = ""
                args_schema: Any = None

            stand_in = types.ModuleType("crewai.tools")
            stand_in.BaseTool = BaseTool
            sys.modules["crewai"] = types.ModuleType("crewai")
            sys.modules["crewai"].tools = stand_in
            sys.modules["crewai.tools"] = stand_in


        """";

    private const string Recorder = """"


        class Recorder(BaseHTTPRequestHandler):
            """Keeps each request it is sent and answers {"ok": true}, or 404 under /missing."""

            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.server.requests.append({
                    "method": self.command,
                    "path": self.path,
                    "headers": {name.lower(): value for name, value in self.headers.items()},
                    "body": self.rfile.read(length).decode("utf-8") if length else "",
                })
                status, payload = (404, {"error": "no such thing"}) if self.path.startswith("/missing") else (200, {"ok": True})
                data = json.dumps(payload).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = answer

            def log_message(self, *arguments):
                pass
        """";

    private const string ServerCase = """
        class ApiToolsAgainstALocalServer(unittest.TestCase):
            @classmethod
            def setUpClass(cls):
                cls.server = HTTPServer(("127.0.0.1", 0), Recorder)
                cls.server.requests = []
                threading.Thread(target=cls.server.serve_forever, daemon=True).start()
                cls.url = f"http://127.0.0.1:{cls.server.server_port}"

            @classmethod
            def tearDownClass(cls):
                cls.server.shutdown()
                cls.server.server_close()


        """;

    private const string KnowledgeCase = """
        class KnowledgeSearch(unittest.TestCase):
            def setUp(self):
                self.folder = tempfile.TemporaryDirectory()
                self.addCleanup(self.folder.cleanup)
                self.addCleanup(os.chdir, os.getcwd())
                os.chdir(self.folder.name)

            def test_reads_the_knowledge_folder_of_the_working_directory(self):
                Path("knowledge").mkdir()
                Path("knowledge", "notes.md").write_text("The Q3 budget is 40,000.\n", encoding="utf-8")
                with mock.patch.dict(os.environ, {}, clear=True):
                    self.assertIn("notes.md:1: The Q3 budget is 40,000.", search("budget"))

            def test_reads_the_folder_knowledge_dir_names(self):
                Path("elsewhere").mkdir()
                Path("elsewhere", "facts.txt").write_text("Invoices are due in 30 days.\n", encoding="utf-8")
                with mock.patch.dict(os.environ, {"KNOWLEDGE_DIR": "elsewhere"}, clear=True):
                    self.assertIn("facts.txt:1:", search("invoices"))

            def test_says_when_there_is_no_knowledge_folder(self):
                with mock.patch.dict(os.environ, {}, clear=True):
                    self.assertIn("There is no knowledge folder", search("budget"))


        if __name__ == "__main__":
            unittest.main()
        """;
}
