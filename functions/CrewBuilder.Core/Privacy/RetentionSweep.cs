using CrewBuilder.Core.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Privacy;

/// <summary>
/// The daily job that deletes anonymous generations, and their projects, once the retention period is over.
/// Idempotent: a missed day is caught up by the next run, which deletes everything past the cutoff.
/// </summary>
public sealed class RetentionSweep(PrivacyService privacy, AccessTokens accessTokens, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.AnonymousGenerations;
        var deleted = await privacy.DeleteGenerationsAsync(Caller.AnonymousTenant, cutoff, cancellationToken);
        var chats = await privacy.DeleteAnonymousClarificationsAsync(cutoff, cancellationToken);
        await accessTokens.ForgetIssuedBeforeAsync(cutoff, cancellationToken);
        logger.LogInformation("Retention sweep deleted {Count} anonymous generations and {ChatCount} chats created before {Cutoff}", deleted, chats, cutoff);
        return deleted;
    }
}
