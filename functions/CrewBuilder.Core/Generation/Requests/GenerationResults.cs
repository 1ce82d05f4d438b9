using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Keys;

namespace CrewBuilder.Core.Generation.Requests;

/// <summary>What asking for a generation came to: exactly one of the cases below (none other can be made).</summary>
public abstract record StartResult
{
    private StartResult()
    {
    }

    /// <summary>Started; <paramref name="AccessToken"/> (shown once) alone can read it when the caller has no account.</summary>
    public sealed record Started(GenerationRef Ref, string? AccessToken) : StartResult;

    /// <summary>Not started, for exactly one of the reasons below; nothing was charged or kept.</summary>
    public abstract record Refused : StartResult
    {
        private Refused()
        {
        }

        /// <summary>What the generation was to start from is not one the caller can see: "clarification", "template" or "generation".</summary>
        public sealed record SourceNotFound(string What) : Refused;

        /// <summary>The key asked for (or the model) cannot be used.</summary>
        public sealed record Key(KeyChoiceProblem Problem) : Refused;

        /// <summary>The organisation named to pay is not the caller's (<paramref name="Member"/> false), or their role there does not generate with its keys.</summary>
        public sealed record Organisation(bool Member) : Refused;

        /// <summary>The generation cannot be charged: no quota left, no valid credit, over the spend ceiling.</summary>
        public sealed record Charge(ChargeProblem Problem) : Refused;

        /// <summary>Too many generations this hour; the next one may start after <paramref name="RetryAfter"/>.</summary>
        public sealed record RateLimited(TimeSpan RetryAfter) : Refused;
    }
}

/// <summary>What acting on a generation (cancelling, rating) came to.</summary>
public abstract record ActResult
{
    private ActResult()
    {
    }

    /// <summary>Done: the generation afterwards.</summary>
    public sealed record Done(GenerationView View) : ActResult;

    /// <summary>The generation is not in a state that allows the act: already ended for a cancel, still running for a rating.</summary>
    public sealed record NotNow : ActResult;

    /// <summary>No generation the caller can see has this id.</summary>
    public sealed record NotFound : ActResult;
}

public sealed record ArtifactDownload(Stream Content, string FileName);

/// <summary>What asking for a generation's project zip came to.</summary>
public abstract record ArtifactResult
{
    private ArtifactResult()
    {
    }

    public sealed record Ready(ArtifactDownload Download) : ArtifactResult;

    /// <summary>The generation has not completed (or did not).</summary>
    public sealed record NotReady : ArtifactResult;

    /// <summary>No generation the caller can see has this id.</summary>
    public sealed record NotFound : ArtifactResult;
}
