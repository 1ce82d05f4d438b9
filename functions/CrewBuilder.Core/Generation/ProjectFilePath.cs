namespace CrewBuilder.Core.Generation;

/// <summary>
/// The file a files route names. Hosts decode a path except its <c>%2F</c> (an encoded slash stays encoded), so a
/// client that encodes the slashes of <c>src/pkg/crew.py</c> names the same file. A path with an empty, <c>.</c> or
/// <c>..</c> segment names no file.
/// </summary>
public static class ProjectFilePath
{
    public static string? From(string? routeValue)
    {
        var path = routeValue?.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return string.IsNullOrEmpty(path) || path.Split('/').Any(segment => segment is "" or "." or "..") ? null : path;
    }
}
