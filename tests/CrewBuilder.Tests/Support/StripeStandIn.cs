using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// A loopback stand-in of the parts of the Stripe API CrewBuilder uses, reached through the real Stripe.net client
/// (<c>Stripe__ApiBase</c>): Checkout Sessions (create, retrieve, and a hosted page to "pay" on), Billing Portal
/// sessions, Subscriptions (retrieve, cancel), Charges, PaymentIntents and the Balance (the status probe's call). Webhooks are signed as Stripe signs them (HMAC-SHA256 over
/// "timestamp.payload", written out here rather than borrowed from Stripe.net) and handed to <see cref="DeliverWebhook"/>.
/// </summary>
public sealed class StripeStandIn : LoopbackHttpServer
{
    public const string SecretKey = "sk_test_" + "standin000000000000000000";
    public const string WebhookSecret = "whsec_" + "standin0000000000000000000000";
    public const string BasicPrice = "price_basic";
    public const string ProfessionalPrice = "price_professional";
    public const string GenerationPrice = "price_generation";
    private const long GenerationUnitAmount = 500;

    private readonly ConcurrentDictionary<string, JsonObject> objects = new();
    private int sequence;

    /// <summary>Where signed webhooks go: (payload, Stripe-Signature header) → HTTP status. Set by the test.</summary>
    public Func<string, string, Task<int>>? DeliverWebhook { get; set; }

    /// <summary>The clock Stripe's objects and signatures use; tests move it with their fake time.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Every API request: method and path, for tests that check what was asked.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The settings a host needs to use this stand-in.</summary>
    public Dictionary<string, string> HostSettings(string separator = ":") => new()
    {
        [$"Stripe{separator}SecretKey"] = SecretKey,
        [$"Stripe{separator}WebhookSecret"] = WebhookSecret,
        [$"Stripe{separator}ApiBase"] = BaseUrl,
        [$"Billing{separator}Prices{separator}basic"] = BasicPrice,
        [$"Billing{separator}Prices{separator}professional"] = ProfessionalPrice,
        [$"Billing{separator}Prices{separator}generation"] = GenerationPrice,
    };

    public JsonObject Find(string id) => objects[id];

    public IEnumerable<JsonObject> Sessions => objects.Values.Where(o => (string?)o["object"] == "checkout.session");

    /// <summary>The Checkout Session that sells the credit a claim (<c>cbc_{creditId}.…</c>) spends.</summary>
    public string SessionOfClaim(string claim) =>
        (string)Sessions.Single(s => (string?)s["metadata"]?["creditId"] == claim["cbc_".Length..claim.IndexOf('.', StringComparison.Ordinal)])["id"]!;

    /// <summary>
    /// The customer pays: the session completes, a subscription or payment is made, and checkout.session.completed is
    /// sent (unless <paramref name="sendEvent"/> is false: a webhook that has not arrived yet).
    /// </summary>
    public async Task<int> CompleteCheckoutAsync(string sessionId, bool sendEvent = true)
    {
        var session = objects[sessionId];
        var now = Now().ToUnixTimeSeconds();
        session["status"] = "complete";
        session["payment_status"] = "paid";
        session["customer"] ??= NewId("cus");
        if ((string?)session["mode"] == "subscription")
        {
            var subscriptionId = NewId("sub");
            objects[subscriptionId] = new JsonObject
            {
                ["id"] = subscriptionId,
                ["object"] = "subscription",
                ["customer"] = (string?)session["customer"],
                ["status"] = "active",
                ["metadata"] = session["subscription_metadata"]!.DeepClone(),
                ["items"] = new JsonObject
                {
                    ["object"] = "list",
                    ["data"] = new JsonArray(new JsonObject
                    {
                        ["id"] = NewId("si"),
                        ["object"] = "subscription_item",
                        ["quantity"] = 1,
                        ["price"] = new JsonObject { ["id"] = (string?)session["price"], ["object"] = "price" },
                        ["current_period_start"] = now,
                        ["current_period_end"] = DateTimeOffset.FromUnixTimeSeconds(now).AddMonths(1).ToUnixTimeSeconds(),
                    }),
                },
            };
            session["subscription"] = subscriptionId;
        }
        else
        {
            var paymentIntentId = NewId("pi");
            var chargeId = NewId("ch");
            var amount = GenerationUnitAmount * (long)session["quantity"]!;
            objects[paymentIntentId] = new JsonObject
            {
                ["id"] = paymentIntentId, ["object"] = "payment_intent", ["amount"] = amount, ["status"] = "succeeded",
                ["latest_charge"] = chargeId, ["metadata"] = session["payment_intent_metadata"]!.DeepClone(),
            };
            objects[chargeId] = new JsonObject
            {
                ["id"] = chargeId, ["object"] = "charge", ["amount"] = amount, ["amount_refunded"] = 0L, ["refunded"] = false,
                ["payment_intent"] = paymentIntentId, ["paid"] = true, ["status"] = "succeeded",
            };
            session["payment_intent"] = paymentIntentId;
        }

        return sendEvent ? await SendEventAsync("checkout.session.completed", sessionId) : 0;
    }

    /// <summary>Changes a subscription as Stripe would (status, period) and sends the events Stripe sends for it.</summary>
    public async Task UpdateSubscriptionAsync(string subscriptionId, string status, DateTimeOffset? periodStart = null, params string[] eventTypes)
    {
        var subscription = objects[subscriptionId];
        subscription["status"] = status;
        if (periodStart is { } start)
        {
            var item = subscription["items"]!["data"]![0]!;
            item["current_period_start"] = start.ToUnixTimeSeconds();
            item["current_period_end"] = start.AddMonths(1).ToUnixTimeSeconds();
        }

        foreach (var type in eventTypes)
        {
            await SendEventAsync(type, type.StartsWith("invoice.", StringComparison.Ordinal) ? NewInvoice(subscriptionId) : subscriptionId);
        }
    }

    /// <summary>Refunds part of a one-off payment; charge.refunded follows.</summary>
    public Task<int> RefundAsync(string paymentIntentId, long amount)
    {
        var charge = objects[(string)objects[paymentIntentId]["latest_charge"]!];
        charge["amount_refunded"] = (long)charge["amount_refunded"]! + amount;
        charge["refunded"] = (long)charge["amount_refunded"]! >= (long)charge["amount"]!;
        return SendEventAsync("charge.refunded", (string)charge["id"]!);
    }

    /// <summary>Sends an event about the object <paramref name="objectId"/> as it is now; the event's id and timestamp can be forced.</summary>
    public async Task<int> SendEventAsync(string type, string objectId, string? eventId = null, DateTimeOffset? signedAt = null, string? secret = null)
    {
        var payload = EventPayload(type, objectId, eventId ?? NewId("evt"));
        return await DeliverAsync(payload, Sign(payload, signedAt ?? Now(), secret ?? WebhookSecret));
    }

    public string EventPayload(string type, string objectId, string eventId) => new JsonObject
    {
        ["id"] = eventId,
        ["object"] = "event",
        ["api_version"] = "2026-10-28.endive",
        ["created"] = Now().ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = Public(objects[objectId]) },
    }.ToJsonString();

    public static string Sign(string payload, DateTimeOffset at, string secret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Signed webhooks go to the host behind <paramref name="http"/>.</summary>
    public void DeliverTo(HttpClient http) => DeliverWebhook = async (payload, signature) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/webhook") { Content = WebhookContent(payload) };
        request.Headers.Add("Stripe-Signature", signature);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    };

    /// <summary>A webhook's body as Stripe sends it: <c>Content-Type: application/json; charset=utf-8</c>.</summary>
    public static StringContent WebhookContent(string payload) => new(payload, Encoding.UTF8, "application/json");

    public Task<int> DeliverAsync(string payload, string signature) =>
        DeliverWebhook?.Invoke(payload, signature) ?? throw new InvalidOperationException("Set DeliverWebhook first.");

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue($"{request.HttpMethod} {path}");
        if (path.StartsWith("/v1/", StringComparison.Ordinal) && request.Headers["Authorization"] != $"Bearer {SecretKey}")
        {
            await RespondAsync(context, 401, """{"error":{"type":"invalid_request_error","message":"Invalid API Key provided."}}""");
            return;
        }

        var form = request.HttpMethod == "POST" ? HttpUtility.ParseQueryString(await new StreamReader(request.InputStream).ReadToEndAsync()) : [];
        var segments = path.Trim('/').Split('/');
        switch (request.HttpMethod, segments)
        {
            case ("POST", ["v1", "checkout", "sessions"]):
                await RespondAsync(context, 200, Public(CreateSession(form)).ToJsonString());
                return;
            case ("POST", ["v1", "billing_portal", "sessions"]):
                await RespondAsync(context, 200, new JsonObject
                {
                    ["id"] = NewId("bps"), ["object"] = "billing_portal.session", ["customer"] = form["customer"],
                    ["return_url"] = form["return_url"], ["url"] = $"{BaseUrl}/portal/{form["customer"]}",
                }.ToJsonString());
                return;
            case ("DELETE", ["v1", "subscriptions", var subscriptionId]) when objects.TryGetValue(subscriptionId, out var cancelled):
                cancelled["status"] = "canceled";
                await RespondAsync(context, 200, cancelled.ToJsonString());
                return;
            case ("GET", ["v1", "balance"]):
                await RespondAsync(context, 200, """{"object":"balance","available":[{"amount":0,"currency":"usd"}],"pending":[],"livemode":false}""");
                return;
            case ("GET", ["v1", _, _] or ["v1", "checkout", "sessions", _]) when objects.TryGetValue(segments[^1], out var found):
                await RespondAsync(context, 200, Public(found).ToJsonString());
                return;
            case ("GET", ["v1", ..]):
                await RespondAsync(context, 404, """{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such object."}}""");
                return;
            case ("GET", ["pay", var sessionId]) when objects.TryGetValue(sessionId, out var session):
                await RespondHtmlAsync(context, PayPage(session));
                return;
            case ("POST", ["pay", var sessionId]) when objects.TryGetValue(sessionId, out var session):
                await CompleteCheckoutAsync(sessionId);
                context.Response.StatusCode = 303;
                context.Response.RedirectLocation = (string?)session["success_url"];
                context.Response.Close();
                return;
            default:
                await RespondAsync(context, 404, """{"error":{"type":"invalid_request_error","message":"Unrecognized request URL."}}""");
                return;
        }
    }

    private JsonObject CreateSession(System.Collections.Specialized.NameValueCollection form)
    {
        var id = NewId("cs_test");
        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["mode"] = form["mode"],
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["client_reference_id"] = form["client_reference_id"],
            ["customer"] = form["customer"],
            ["customer_email"] = form["customer_email"],
            ["success_url"] = form["success_url"],
            ["cancel_url"] = form["cancel_url"],
            ["url"] = $"{BaseUrl}/pay/{id}",
            ["metadata"] = Metadata(form, "metadata"),
            ["price"] = form["line_items[0][price]"],
            ["quantity"] = long.Parse(form["line_items[0][quantity]"] ?? "1", CultureInfo.InvariantCulture),
            ["subscription_metadata"] = Metadata(form, "subscription_data[metadata]"),
            ["payment_intent_metadata"] = Metadata(form, "payment_intent_data[metadata]"),
        };
        objects[id] = session;
        return session;
    }

    private string NewInvoice(string subscriptionId)
    {
        var id = NewId("in");
        objects[id] = new JsonObject
        {
            ["id"] = id,
            ["object"] = "invoice",
            ["parent"] = new JsonObject
            {
                ["type"] = "subscription_details",
                ["subscription_details"] = new JsonObject { ["subscription"] = subscriptionId },
            },
        };
        return id;
    }

    private static JsonObject Metadata(System.Collections.Specialized.NameValueCollection form, string prefix) =>
        new(form.AllKeys.Where(key => key?.StartsWith(prefix + "[", StringComparison.Ordinal) == true)
            .Select(key => KeyValuePair.Create(key![(prefix.Length + 1)..^1], (JsonNode?)form[key])));

    /// <summary>The object as the API shows it, without the stand-in's own bookkeeping fields.</summary>
    private static JsonObject Public(JsonObject stored)
    {
        var shown = stored.DeepClone().AsObject();
        foreach (var internalField in new[] { "price", "quantity", "subscription_metadata", "payment_intent_metadata" })
        {
            if ((string?)stored["object"] == "checkout.session")
            {
                shown.Remove(internalField);
            }
        }

        return shown;
    }

    private static string PayPage(JsonObject session) => $$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout (stand-in)</title></head>
        <body><main><h1>Stripe Checkout stand-in</h1><p>{{HttpUtility.HtmlEncode((string?)session["mode"])}} · {{session["quantity"]}} × {{HttpUtility.HtmlEncode((string?)session["price"])}}</p>
        <form method="post"><button type="submit">Pay</button></form></main></body></html>
        """;

    private static async Task RespondHtmlAsync(HttpListenerContext context, string html)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(html));
        context.Response.Close();
    }

    private string NewId(string prefix) => $"{prefix}_{Interlocked.Increment(ref sequence):D6}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 1 + 6 + 12, 64)];
}
