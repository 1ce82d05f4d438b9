using System.Diagnostics;

namespace CrewBuilder.Tests.Support;

/// <summary>A theory that compiles Python: skipped, with the reason printed, where python3 is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonTheoryAttribute : TheoryAttribute
{
    public const string SkipReason = "python3 is not installed, so generated Python was not compiled (install python3 to run this check).";

    internal static bool PythonAvailable => Available.Value;

    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            process!.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public PythonTheoryAttribute()
    {
        if (!Available.Value)
        {
            Skip = SkipReason;
        }
    }
}
