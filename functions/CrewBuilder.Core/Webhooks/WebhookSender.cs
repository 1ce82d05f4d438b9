using System.Text;
using CrewBuilder.Core.Keys;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Webhooks;

/// <summary>
/// One delivery attempt: the event's exact body POSTed to the endpoint, signed with every secret valid now (two during a
/// rotation), and the outcome written to the delivery log. A failed attempt is scheduled again with back-off (1, 4, 16,
/// 64 and 256 minutes, then 6 hours apart) until 24 hours after the event; then the delivery is failed for good.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, ProviderKeyCipher cipher, WebhookStore store, TimeProvider time, ILogger<WebhookSender> logger)
{
    public const string ClientName = "webhooks";
    public const string Purpose = "webhook";
    public static readonly TimeSpan RetryWindow = TimeSpan.FromHours(24);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    public async Task<WebhookDelivery> AttemptAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, bool retryOnFailure, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (status, error) = await PostAsync(endpoint, delivery, now, cancellationToken);
        var attempts = delivery.Attempts + 1;
        var delivered = status is >= 200 and < 300;
        var next = now + Backoff(attempts);
        var retry = !delivered && retryOnFailure && next <= delivery.CreatedAt + RetryWindow;
        var attempted = delivery with
        {
            Attempts = attempts,
            LastStatus = status,
            LastError = error,
            State = delivered ? WebhookDeliveryState.Delivered : retry ? WebhookDeliveryState.Pending : WebhookDeliveryState.Failed,
            NextAttemptAt = retry ? next : null,
        };
        await store.SaveAsync(attempted, cancellationToken);
        logger.LogInformation("Webhook delivery {DeliveryId} of event {EventId} attempt {Attempt}: {State} ({Status})",
            delivery.Id, delivery.EventId, attempts, attempted.State, status);
        return attempted;
    }

    /// <summary>How long to wait after the n-th failed attempt.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(4, Math.Min(attempts - 1, 10)), LongestWait.TotalMinutes));

    private async Task<(int? Status, string? Error)> PostAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Of(now, delivery.Body, await SecretsAsync(endpoint, now, cancellationToken)));
            request.Headers.TryAddWithoutValidation("Webhook-Id", delivery.EventId);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return ((int)response.StatusCode, null);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, e.HttpRequestError == HttpRequestError.Unknown ? "The endpoint could not be reached." : $"The endpoint could not be reached ({e.HttpRequestError}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "The endpoint did not answer in time.");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return (null, "The endpoint's secret can no longer be read: its owner's keys were shredded.");
        }
    }

    /// <summary>The current secret, and the previous one while its rotation grace lasts.</summary>
    private async Task<IReadOnlyList<string>> SecretsAsync(WebhookEndpoint endpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var secrets = new List<string> { await cipher.DecryptAsync(endpoint.TenantId, Purpose, endpoint.Id, endpoint.SecretCipher, cancellationToken) };
        if (endpoint is { PreviousSecretCipher: { } previous, PreviousSecretValidUntil: { } until } && until > now)
        {
            secrets.Add(await cipher.DecryptAsync(endpoint.TenantId, Purpose, endpoint.Id, previous, cancellationToken));
        }

        return secrets;
    }
}
