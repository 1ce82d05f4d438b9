namespace CrewBuilder.Core.Generation.Design;

/// <summary>
/// How a custom tool knows where to connect, told from what it reads: an HTTP API by its base URL, an e-mail tool by its
/// SMTP server, a database, queue or SDK by its own connection settings or credentials. The rules are told to the model
/// up front and checked on its answer.
/// </summary>
public static class ToolKinds
{
    public const string ConnectionRule =
        "An HTTP API tool reads the API's base URL as *_URL (or takes a 'url' argument); an e-mail tool reads SMTP_HOST "
        + "(and SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM as it needs); a database, queue or SDK tool reads its own "
        + "connection settings (*_HOST, *_DSN, *_CONNECTION_STRING, *_ENDPOINT) or credentials (*_KEY, *_TOKEN, *_SECRET).";

    public const string BodyRule =
        "HTTP API tools (a *_URL variable or a 'url' argument) and e-mail tools (an *SMTP_HOST variable) have a built-in body; "
        + "any other tool needs its body written, with the standard library or the SDK its system documents.";

    private static readonly string[] ConnectionSuffixes = ["_URL", "_HOST", "_DSN", "_CONNECTION_STRING", "_ENDPOINT", "_KEY", "_TOKEN", "_SECRET"];

    public static string? BaseUrlVariable(CustomTool tool) => tool.EnvVars.FirstOrDefault(name => name.EndsWith("_URL", StringComparison.Ordinal));

    public static bool IsHttpApi(CustomTool tool) => BaseUrlVariable(tool) is not null || tool.Arguments.Any(argument => argument.Name == "url");

    /// <summary>The SMTP server's variable (SMTP_HOST, or a prefixed one such as MAIL_SMTP_HOST), when the tool sends mail.</summary>
    public static string? SmtpHostVariable(CustomTool tool) => tool.EnvVars.FirstOrDefault(name => name == "SMTP_HOST" || name.EndsWith("_SMTP_HOST", StringComparison.Ordinal));

    public static bool KnowsWhereToConnect(CustomTool tool) =>
        IsHttpApi(tool) || tool.EnvVars.Any(name => ConnectionSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal)));

    /// <summary>A base URL that names a customer's own instance ("https://your-subdomain.zendesk.com"): an example to fill in, not a default.</summary>
    public static bool IsInstanceUrl(string? url) => url is not null && url.Contains("://your-", StringComparison.Ordinal);

    /// <summary>The address a tool calls unless its *_URL variable says otherwise; none for an API that lives on each customer's instance.</summary>
    public static string? DefaultBaseUrl(CustomTool tool) => IsInstanceUrl(tool.BaseUrl) ? null : tool.BaseUrl;

    public static bool HasDefaultBody(CustomTool tool) => IsHttpApi(tool) || SmtpHostVariable(tool) is not null;
}
