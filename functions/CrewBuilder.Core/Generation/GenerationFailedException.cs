namespace CrewBuilder.Core.Generation;

/// <summary>A generation cannot go on; the message is safe to show the person who asked for it.</summary>
public sealed class GenerationFailedException : Exception
{
    public GenerationFailedException(string message) : base(message)
    {
    }

    public GenerationFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public GenerationFailedException()
    {
    }
}
