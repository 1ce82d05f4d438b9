using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>
/// A JSON response in the API's wire format, whatever JSON settings the hosting app has;
/// with <paramref name="downloadName"/> the browser saves it as that file.
/// </summary>
public sealed class JsonResponse(object value, int statusCode = StatusCodes.Status200OK, string? location = null, string? downloadName = null) : IResult
{
    private bool noStore = downloadName is not null;

    /// <summary>
    /// A response that shows a secret once (a new token, an access token, a credit claim, a sign-in link): no browser
    /// or proxy cache may keep a copy.
    /// </summary>
    public static JsonResponse CarryingSecret(object value, int statusCode = StatusCodes.Status200OK, string? location = null) =>
        new(value, statusCode, location) { noStore = true };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        if (downloadName is not null)
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"{downloadName}\"";
        }

        if (noStore)
        {
            response.Headers.CacheControl = "no-store";
        }

        await JsonSerializer.SerializeAsync(response.Body, value, value.GetType(), ApiJson.Options, httpContext.RequestAborted);
    }
}
