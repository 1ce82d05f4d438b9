using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrewBuilder.Core.Api;

public static class ApiJson
{
    /// <summary>camelCase names, enums as lowercase strings, no nulls: the API's wire format.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>For request bodies: a field the endpoint does not know is an error, not silently dropped.</summary>
    public static JsonSerializerOptions Strict { get; } = new(Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
