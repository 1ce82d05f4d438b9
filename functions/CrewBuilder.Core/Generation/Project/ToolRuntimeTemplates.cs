namespace CrewBuilder.Core.Generation.Project;

/// <summary>
/// The standard-library halves of the crew's tools: the HTTP client every API tool calls and the knowledge search. They
/// import nothing from crewai, so the project's tool tests run them with a bare python3.
/// </summary>
internal static class ToolRuntimeTemplates
{
    public const string HttpClient = """"
        """The HTTP client of the crew's API tools: standard library only, so the tools' tests run without crewai."""

        import base64
        import json
        import os
        import socket
        import urllib.error
        import urllib.parse
        import urllib.request
        from dataclasses import dataclass, field
        from typing import Any, Dict, Optional, Union

        METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
        MAX_ANSWER = 20000


        @dataclass(frozen=True)
        class Api:
            """One system's API: where it is, how it authenticates, and the variables that say so."""

            name: str
            base_url_variable: str
            default_base_url: str = ""
            auth: str = "bearer"  # bearer, basic, header, query or none
            secret_variable: str = ""
            parameter: str = ""  # the header or query parameter that carries the secret
            secret_prefix: str = ""  # header auth: what comes before the secret (Discord: "Bot ")
            user_variable: str = ""  # basic auth: the user name's variable
            user_suffix: str = ""  # basic auth: appended to the user name (Zendesk: "/token")
            headers: Dict[str, str] = field(default_factory=dict)
            timeout: float = 30

            def missing(self) -> list:
                """The variables this API needs that are not set."""
                needed = [] if self.default_base_url or not self.base_url_variable else [self.base_url_variable]
                needed += [name for name in (self.secret_variable, self.user_variable) if name]
                return [name for name in needed if not os.environ.get(name)]

            def call(self, method: str = "GET", path: str = "/", query: Optional[Union[Dict[str, Any], str]] = None,
                     body: Optional[Union[Dict[str, Any], list, str]] = None) -> str:
                """Calls the API and returns its answer as text; every failure comes back as a JSON error the agent can act on."""
                missing = self.missing()
                if missing:
                    return json.dumps({"error": f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set: see .env.example"})
                method = (method or "GET").upper()
                if method not in METHODS:
                    return json.dumps({"error": f"method must be one of {', '.join(METHODS)}"})
                base = (os.environ.get(self.base_url_variable, "") or self.default_base_url).rstrip("/")
                # Without a base URL of its own, the API's whole address comes as the path (a tool's "url" argument).
                url = path if not base and str(path).startswith(("https://", "http://")) else base + "/" + (path or "").lstrip("/")
                parameters = dict(urllib.parse.parse_qsl(query)) if isinstance(query, str) else dict(query or {})
                headers = {"Accept": "application/json", **self.headers}
                secret = os.environ.get(self.secret_variable, "") if self.secret_variable else ""
                if self.auth == "bearer" and secret:
                    headers["Authorization"] = f"Bearer {secret}"
                elif self.auth == "basic":
                    user = os.environ.get(self.user_variable, "") + self.user_suffix
                    headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode()
                elif self.auth == "header" and secret:
                    headers[self.parameter] = self.secret_prefix + secret
                elif self.auth == "query" and secret:
                    parameters[self.parameter] = secret
                if parameters:
                    url += ("&" if "?" in url else "?") + urllib.parse.urlencode(parameters, doseq=True)
                data = None
                if body is not None and method != "GET":
                    data = (body if isinstance(body, str) else json.dumps(body)).encode("utf-8")
                    headers["Content-Type"] = "application/json"
                request = urllib.request.Request(url, data=data, headers=headers, method=method)
                try:
                    with urllib.request.urlopen(request, timeout=self.timeout) as response:
                        return response.read().decode("utf-8", errors="replace")[:MAX_ANSWER]
                except urllib.error.HTTPError as error:
                    detail = error.read().decode("utf-8", errors="replace")[:2000]
                    return json.dumps({"error": f"{self.name} answered {error.code} {error.reason}", "status": error.code, "body": detail})
                except (socket.timeout, TimeoutError):
                    return json.dumps({"error": f"{self.name} did not answer within {self.timeout:g} s"})
                except urllib.error.URLError as error:
                    return json.dumps({"error": f"could not reach {self.name} at {base}: {error.reason}"})

        """";

    public const string Knowledge = """"
        """The knowledge search's standard-library half: the crew's documents are in KNOWLEDGE_DIR, or ./knowledge."""

        import os
        from pathlib import Path

        SUFFIXES = {".md", ".txt", ".csv"}


        def knowledge_folder() -> Path:
            """KNOWLEDGE_DIR when set, else the knowledge folder of the working directory (CrewAI's convention, and the container's)."""
            return Path(os.environ.get("KNOWLEDGE_DIR") or Path.cwd() / "knowledge")


        def search(query: str, max_results: int = 10) -> str:
            folder = knowledge_folder()
            if not folder.is_dir():
                return f"There is no knowledge folder at {folder}: run the crew from the project's folder, or set KNOWLEDGE_DIR."
            words = [word.lower() for word in query.split() if word.strip()]
            if not words:
                return "Give at least one word to search for."
            matches = []
            for path in sorted(folder.rglob("*")):
                if not path.is_file() or path.suffix not in SUFFIXES:
                    continue
                for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
                    if any(word in line.lower() for word in words):
                        matches.append(f"{path.name}:{number}: {line.strip()}")
                        if len(matches) >= max_results:
                            return "\n".join(matches)
            return "\n".join(matches) if matches else f"Nothing in {folder} mentions: {query}"

        """";
}
