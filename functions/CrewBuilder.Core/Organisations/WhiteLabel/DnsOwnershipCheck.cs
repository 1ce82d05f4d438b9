using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Organisations.WhiteLabel;

/// <summary>What the DNS said about a hostname's ownership record.</summary>
public enum OwnershipEvidence { Proven, NoRecord, OtherValue, LookupFailed }

/// <summary>
/// Looks up a hostname's <c>_crewbuilder-verify</c> TXT record (through DnsClient, at the configured name server or the
/// machine's own) and says whether it carries the token. Answers are never cached: a record just added counts at once.
/// </summary>
public sealed class DnsOwnershipCheck(IOptions<WhiteLabelOptions> options, ILogger<DnsOwnershipCheck> logger)
{
    private readonly LookupClient client = CreateClient(options.Value);

    public async Task<OwnershipEvidence> CheckAsync(SiteHostname hostname, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await client.QueryAsync(hostname.RecordName, QueryType.TXT, QueryClass.IN, cancellationToken);
        }
        catch (DnsResponseException e)
        {
            logger.LogWarning("TXT lookup of {RecordName} failed: {DnsError}", hostname.RecordName, e.Code);
            return OwnershipEvidence.LookupFailed;
        }

        if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            logger.LogWarning("TXT lookup of {RecordName} answered {DnsError}", hostname.RecordName, response.Header.ResponseCode);
            return OwnershipEvidence.LookupFailed;
        }

        // A TXT record may be split into several strings of at most 255 bytes; they are read as one.
        var values = response.Answers.TxtRecords().Select(record => string.Concat(record.Text)).ToList();
        return values.Contains(hostname.RecordValue, StringComparer.Ordinal) ? OwnershipEvidence.Proven
            : values.Count == 0 ? OwnershipEvidence.NoRecord
            : OwnershipEvidence.OtherValue;
    }

    private static LookupClient CreateClient(WhiteLabelOptions settings)
    {
        var lookup = settings.NameServerEndPoint() is { } server ? new LookupClientOptions(new NameServer(server)) : new LookupClientOptions();
        lookup.UseCache = false;
        lookup.Timeout = settings.LookupTimeout;
        lookup.Retries = 1;
        lookup.ThrowDnsErrors = false;
        return new LookupClient(lookup);
    }
}
