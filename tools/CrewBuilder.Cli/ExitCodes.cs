using System.Net;

namespace CrewBuilder.Cli;

/// <summary>What <c>crewbuilder</c> exits with, so scripts can tell failures apart (the README lists them).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something went wrong in the CLI itself.</summary>
    public const int Unexpected = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing argument, a value not allowed.</summary>
    public const int Usage = 2;

    /// <summary>No token (run <c>crewbuilder login</c>), or the server refused it (401) or its scope (403).</summary>
    public const int Authentication = 3;

    /// <summary>No such generation or file that this token can see (404).</summary>
    public const int NotFound = 4;

    /// <summary>The server refused the request as it was sent (400, 409, 413, 415, 422): the message says what to change.</summary>
    public const int Refused = 5;

    /// <summary>A limit was reached: the plan's generations, a rate limit, a payment (402, 429).</summary>
    public const int Limit = 6;

    /// <summary>The generation ran and failed, or was cancelled.</summary>
    public const int GenerationFailed = 7;

    /// <summary>The server could not be reached, or answered 5xx.</summary>
    public const int Unavailable = 8;

    public static int ForStatus(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => Authentication,
        404 => NotFound,
        402 or 429 => Limit,
        >= 500 => Unavailable,
        _ => Refused,
    };
}

/// <summary>A failure the CLI reports in one line and exits with <see cref="ExitCode"/>.</summary>
public sealed class CliFailureException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
