using DurableTask.Core.Serializing;
using JsonDataConverter = Microsoft.DurableTask.Converters.JsonDataConverter;

namespace CrewBuilder.Host.Durable;

/// <summary>
/// Serialises orchestration inputs on the client side exactly as the Microsoft.DurableTask shims read them
/// (System.Text.Json, once), instead of DurableTask.Core's Newtonsoft default.
/// </summary>
internal sealed class SystemTextJsonDataConverter : DataConverter
{
    public override string Serialize(object value) => JsonDataConverter.Default.Serialize(value) ?? "null";

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) =>
        JsonDataConverter.Default.Deserialize(data, objectType)
        ?? throw new InvalidOperationException($"Durable payload deserialised to null as {objectType.Name}.");
}
