namespace CrewBuilder.Tests.Support;

/// <summary>A fact that needs python3: skipped, with the reason printed, where python3 is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (!PythonTheoryAttribute.PythonAvailable)
        {
            Skip = PythonTheoryAttribute.SkipReason;
        }
    }
}
