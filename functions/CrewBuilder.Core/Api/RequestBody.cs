using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

public static class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>Reads a JSON body of at most <see cref="MaxBytes"/>: the value, or the problem to answer with (400, 413 or 415).</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem) = await ReadJsonBytesAsync(request, MaxBytes, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        if (body.Length == 0)
        {
            return (null, Problems.InvalidBody("Send a JSON object in the request body."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, ApiJson.Strict);
            return value is null ? (null, Problems.InvalidBody("Send a JSON object in the request body.")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at '{e.Path}'";
            return (null, Problems.InvalidBody($"The body is not a JSON object this endpoint accepts{where}. Unknown fields are refused."));
        }
    }

    /// <summary>Reads a JSON body and checks it: the value, or the problem to answer with (400, 413, or 422 with the field errors).</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadValidAsync<T>(
        HttpRequest request, Func<T, Dictionary<string, string[]>> validate, CancellationToken cancellationToken) where T : class
    {
        var (body, problem) = await ReadJsonAsync<T>(request, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        var errors = validate(body);
        return errors.Count > 0 ? (null, Problems.Validation(errors)) : (body, null);
    }

    /// <summary>A JSON body as UTF-8 text, exactly as sent (a signature may cover it); 413 past <paramref name="maxBytes"/>, 415 if not JSON.</summary>
    public static async Task<(string? Text, IResult? Problem)> ReadJsonTextAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadJsonBytesAsync(request, maxBytes, cancellationToken);
        return body is null ? (null, problem) : (System.Text.Encoding.UTF8.GetString(body), null);
    }

    /// <summary>
    /// Only a JSON media type is read, so a page on another site cannot send a body here without the browser asking
    /// first (a form's text/plain, urlencoded or multipart post is a CORS "simple request"). No Content-Type is
    /// allowed only with no body, which the caller then refuses as missing.
    /// </summary>
    private static async Task<(byte[]? Body, IResult? Problem)> ReadJsonBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var untyped = string.IsNullOrEmpty(request.ContentType);
        if (!untyped && !IsJson(request.ContentType!) || untyped && request.ContentLength > 0)
        {
            return (null, Problems.UnsupportedMediaType());
        }

        var (body, tooLarge) = await ReadBytesAsync(request, maxBytes, cancellationToken);
        return body is null ? (null, tooLarge) : untyped && body.Length > 0 ? (null, Problems.UnsupportedMediaType()) : (body, null);
    }

    /// <summary><c>application/json</c> or <c>application/*+json</c>, in UTF-8 if a charset is given.</summary>
    private static bool IsJson(string contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
        && (media.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!media.Charset.HasValue || Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(media.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static async Task<(byte[]? Body, IResult? Problem)> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, Problems.BodyTooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, Problems.BodyTooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }
}
