using System.ComponentModel.DataAnnotations;

namespace CrewBuilder.Core.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Prefix for every table and container name, so several deployments or test runs share one account.</summary>
    [RegularExpression("^[a-z][a-z0-9]{0,19}$|^$", ErrorMessage = "Storage:Prefix must be lowercase letters and digits, starting with a letter.")]
    public string Prefix { get; set; } = "";

    public string TableName(string name) => Prefix + name;

    public string ContainerName(string name) => Prefix + name;
}
