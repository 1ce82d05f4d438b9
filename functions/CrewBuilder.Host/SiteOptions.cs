namespace CrewBuilder.Host;

public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>The built front end; when empty, the nearest <c>static-web/dist</c> above the app is used.</summary>
    public string? Root { get; set; }
}
