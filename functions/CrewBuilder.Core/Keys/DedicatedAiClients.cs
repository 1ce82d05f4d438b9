using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Azure.Identity;
using CrewBuilder.Core.Organisations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace CrewBuilder.Core.Keys;

/// <summary>What testing an organisation's model endpoint found: exactly one of the cases below.</summary>
public abstract record EndpointCheck
{
    private EndpointCheck()
    {
    }

    public sealed record Connected : EndpointCheck;

    /// <summary>The endpoint answered 401 or 403: the key (or the Entra app's token) is wrong, or not for this resource.</summary>
    public sealed record KeyRefused : EndpointCheck;

    /// <summary>Entra ID gave the organisation's app no token, for <paramref name="Reason"/>.</summary>
    public sealed record CredentialRefused(EntraRefusal Reason) : EndpointCheck;

    /// <summary>The endpoint has no deployment or model of this name.</summary>
    public sealed record NoSuchModel(string Model) : EndpointCheck;

    /// <summary>The endpoint refused the request for another reason, e.g. an API version it does not know.</summary>
    public sealed record Refused(int Status) : EndpointCheck;

    /// <summary>No answer: DNS, connection, TLS, a timeout, or an address CrewBuilder may not connect to.</summary>
    public sealed record Unreachable : EndpointCheck;
}

/// <summary>
/// The official OpenAI SDK's chat client for an organisation's own endpoint. Azure OpenAI is reached the way its REST
/// API is documented (the deployment in the path, the key in the <c>api-key</c> header, <c>api-version</c> in the query);
/// Azure.AI.OpenAI is not used because its builds for older OpenAI versions fail against the OpenAI version used here.
/// With an Entra ID app the resource is called with the app's bearer token (<see cref="EntraCredentials"/>) instead.
/// Every connection goes through a handler that refuses loopback, private and link-local addresses (however the host
/// resolves at the time of the call), unless the platform allows them.
/// </summary>
public sealed class DedicatedAiClients : IDisposable
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    private readonly IOptions<DedicatedAiOptions> options;
    private readonly ILogger<DedicatedAiClients> logger;
    private readonly HttpClient http;
    private readonly EntraCredentials entra;

    public DedicatedAiClients(IOptions<DedicatedAiOptions> options, ILogger<DedicatedAiClients> logger)
        : this(options, logger, null)
    {
    }

    /// <param name="certificateCheck">Replaces the platform's certificate validation of endpoints and of Entra ID (a test's self-signed stand-ins); null keeps it.</param>
    public DedicatedAiClients(IOptions<DedicatedAiOptions> options, ILogger<DedicatedAiClients> logger, RemoteCertificateValidationCallback? certificateCheck)
    {
        this.options = options;
        this.logger = logger;
#pragma warning disable CA2000 // the HttpClient owns the handler
        var handler = new SocketsHttpHandler { ConnectCallback = ConnectAsync, AllowAutoRedirect = false };
#pragma warning restore CA2000
        if (certificateCheck is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = certificateCheck;
        }

        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        entra = new EntraCredentials(options.Value.EntraAuthorityHost, certificateCheck);
    }

    public bool IsAllowed(Uri uri) => options.Value.Allows(uri);

    /// <summary>Whether every address the host resolves to is one CrewBuilder may connect to; false when it does not resolve.</summary>
    public async Task<bool> ResolvesToAllowedAddressesAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.Host, cancellationToken);
            return addresses.Length > 0 && addresses.All(options.Value.MayConnectTo);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public ChatClient Chat(ModelEndpoint endpoint, string key, string model, TimeSpan timeout)
    {
        var clientOptions = new OpenAIClientOptions
        {
            NetworkTimeout = timeout,
            RetryPolicy = new ClientRetryPolicy(0),
            Transport = new HttpClientPipelineTransport(http),
        };
        if (endpoint.Kind == ModelEndpointKind.Gateway)
        {
            clientOptions.Endpoint = endpoint.BaseUrl;
            return new ChatClient(model, new ApiKeyCredential(key), clientOptions);
        }

        clientOptions.Endpoint = new Uri(endpoint.BaseUrl, $"openai/deployments/{Uri.EscapeDataString(model)}");
        clientOptions.AddPolicy(new AzureRestPolicy(endpoint.ApiVersion!, keyHeader: endpoint.Entra is null), PipelinePosition.BeforeTransport);
        if (endpoint.Entra is not { } app)
        {
            return new ChatClient(model, new ApiKeyCredential(key), clientOptions);
        }

#pragma warning disable OPENAI001 // the SDK's one constructor that takes a token provider is still marked for evaluation; Entra tokens need it
        return new ChatClient(model, new BearerTokenPolicy(entra.For(app, key), EntraCredentials.Scope), clientOptions);
#pragma warning restore OPENAI001
    }

    /// <summary>A one-token completion on each of the endpoint's models: do the address, the key (or Entra app) and the models work?</summary>
    public async Task<EndpointCheck> TestAsync(ModelEndpoint endpoint, string key, CancellationToken cancellationToken)
    {
        foreach (var model in new[] { endpoint.StandardModel, endpoint.AdvancedModel }.Distinct())
        {
            try
            {
                await Chat(endpoint, key, model, TestTimeout).CompleteChatAsync(
                    [new UserChatMessage("Reply with one word.")], new ChatCompletionOptions { MaxOutputTokenCount = 1 }, cancellationToken);
            }
            catch (AuthenticationFailedException e) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = EntraCredentials.Classify(e);
                logger.LogWarning("Entra ID gave no token for a dedicated AI endpoint on {Host}: {Reason}", endpoint.BaseUrl.Host, reason);
                return new EndpointCheck.CredentialRefused(reason);
            }
            catch (ClientResultException e) when (e.Status is 401 or 403)
            {
                return new EndpointCheck.KeyRefused();
            }
            catch (ClientResultException e) when (e.Status == 404)
            {
                return new EndpointCheck.NoSuchModel(model);
            }
            catch (ClientResultException e) when (e.Status is >= 400 and < 500 and not 408 and not 429)
            {
                return new EndpointCheck.Refused(e.Status);
            }
            catch (Exception e) when (e is ClientResultException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The type says enough; an SDK message may quote the request, so it is not logged.
                logger.LogWarning("Testing a dedicated AI endpoint on {Host} failed with {ErrorType}", endpoint.BaseUrl.Host, e.GetType().Name);
                return new EndpointCheck.Unreachable();
            }
        }

        return new EndpointCheck.Connected();
    }

    public void Dispose()
    {
        http.Dispose();
        entra.Dispose();
    }

    /// <summary>Connects only to addresses the platform allows, checked at the moment of connecting (no DNS rebinding past the check).</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(options.Value.MayConnectTo).ToArray();
        if (allowed.Length == 0 || allowed.Length != addresses.Length)
        {
            throw new HttpRequestException($"CrewBuilder does not connect to {host}: it resolves to a loopback, private or link-local address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Azure OpenAI's REST API takes a key in the <c>api-key</c> header, not as a bearer token (that is for Entra tokens,
    /// left as they are when <paramref name="keyHeader"/> is false), and needs the API version on every request.
    /// </summary>
    private sealed class AzureRestPolicy(string apiVersion, bool keyHeader) : PipelinePolicy
    {
        private const string Bearer = "Bearer ";

        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Adapt(message.Request);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Adapt(message.Request);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Adapt(PipelineRequest request)
        {
            if (keyHeader && request.Headers.TryGetValue("Authorization", out var authorization) && authorization!.StartsWith(Bearer, StringComparison.Ordinal))
            {
                request.Headers.Remove("Authorization");
                request.Headers.Set("api-key", authorization[Bearer.Length..]);
            }

            var uri = new UriBuilder(request.Uri!);
            uri.Query = (uri.Query.Length > 1 ? uri.Query[1..] + "&" : "") + "api-version=" + Uri.EscapeDataString(apiVersion);
            request.Uri = uri.Uri;
        }
    }
}
