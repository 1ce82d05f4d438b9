using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

public static class RequestBody
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>Reads a JSON body of at most <see cref="MaxBytes"/>: the value, or the problem to answer with.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.BodyTooLarge(MaxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, Problems.BodyTooLarge(MaxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, Problems.InvalidBody("Send a JSON object in the request body."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Strict);
            return value is null ? (null, Problems.InvalidBody("Send a JSON object in the request body.")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at '{e.Path}'";
            return (null, Problems.InvalidBody($"The body is not a JSON object this endpoint accepts{where}. Unknown fields are refused."));
        }
    }
}
