using System.ComponentModel.DataAnnotations;

namespace CrewBuilder.Core.Privacy;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>How long an anonymous generation and its project are kept.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan AnonymousGenerations { get; set; } = TimeSpan.FromDays(30);
}
