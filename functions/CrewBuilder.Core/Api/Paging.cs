using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>The <c>pageSize</c> and <c>continuationToken</c> query parameters every list endpoint takes.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static (int PageSize, IResult? Problem) PageSize(HttpRequest request)
    {
        var text = request.Query["pageSize"].ToString();
        return text.Length == 0 ? PageSize((int?)null) : PageSize(int.TryParse(text, out var pageSize) ? pageSize : 0);
    }

    /// <summary>The rule for a page size however it is asked for (a query parameter, an MCP tool's argument).</summary>
    public static (int PageSize, IResult? Problem) PageSize(int? requested) => requested switch
    {
        null => (DefaultPageSize, null),
        >= 1 and <= MaxPageSize => (requested.Value, null),
        _ => (0, Problems.Validation(new Dictionary<string, string[]> { ["pageSize"] = [$"Ask for 1 to {MaxPageSize} items a page."] })),
    };

    public static string? ContinuationToken(HttpRequest request) =>
        request.Query["continuationToken"].ToString() is { Length: > 0 } token ? token : null;
}
