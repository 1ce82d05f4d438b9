using CrewBuilder.Core.Generation.Design;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>
/// The built-in body of an e-mail tool: one message through the SMTP server its variables name (STARTTLS unless the
/// port is 25 or 465, which is TLS from the start). Recipient, subject and text come from the arguments whose names
/// say so; it reads only the variables the tool declares, so .env.example lists every one.
/// </summary>
internal static class SmtpToolBody
{
    public const string Imports = "import smtplib\nfrom email.message import EmailMessage\n";

    public static string Write(CustomTool tool, string hostVariable)
    {
        var prefix = hostVariable[..^"HOST".Length];
        string Setting(string suffix, string fallback) =>
            tool.EnvVars.FirstOrDefault(name => name == prefix + suffix) is { } variable ? $"os.environ.get({PythonSource.Literal(variable)}, {fallback})" : fallback;
        string Argument(string fallback, params string[] words) =>
            tool.Arguments.FirstOrDefault(argument => words.Any(word => argument.Name.Contains(word, StringComparison.Ordinal)))?.Name is { } name
                ? $"str({name} or \"\")"
                : fallback;

        return $$"""
            host = os.environ[{{PythonSource.Literal(hostVariable)}}]
            port = int({{Setting("PORT", "\"587\"")}})
            username = {{Setting("USERNAME", Setting("USER", "\"\""))}}
            password = {{Setting("PASSWORD", "\"\"")}}
            message = EmailMessage()
            message["From"] = {{Setting("FROM", "username")}}
            message["To"] = {{Argument(Setting("TO", "\"\""), "to", "recipient", "email")}}
            message["Subject"] = {{Argument("\"\"", "subject", "title")}}
            message.set_content({{Argument("\"\"", "body", "text", "content", "message", "digest")}})
            if not message["To"]:
                return json.dumps({"error": "No recipient: pass one, or set the recipient variable."})
            try:
                smtp = smtplib.SMTP_SSL(host, port, timeout=30) if port == 465 else smtplib.SMTP(host, port, timeout=30)
                with smtp:
                    if port not in (25, 465):
                        smtp.starttls()
                    if username:
                        smtp.login(username, password)
                    smtp.send_message(message)
                return json.dumps({"sent": True, "to": message["To"], "subject": message["Subject"]})
            except Exception as error:
                return json.dumps({"error": str(error)})
            """;
    }
}
