namespace CrewBuilder.Core;

public static class UnneededWork
{
    /// <summary>Work begun that nobody waits for any more: its faults are observed and change nothing.</summary>
    public static void Abandon(this Task task) =>
        task.ContinueWith(static abandoned => abandoned.Exception, TaskContinuationOptions.OnlyOnFaulted);
}
