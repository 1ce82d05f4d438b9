using System.ComponentModel.DataAnnotations;

namespace CrewBuilder.Host.Durable;

public sealed class DurableWorkflowOptions
{
    public const string Section = "Durable";

    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "Durable:TaskHub must be 3-45 letters and digits, starting with a letter.")]
    public string TaskHub { get; set; } = "crewbuilder";

    [Range(1, 16)]
    public int PartitionCount { get; set; } = 1;

    /// <summary>How long a message a stopped worker had taken stays hidden before another worker may take it.</summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest the idle worker waits between queue polls; short, because the self-host runs on one machine.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);
}
