namespace CrewBuilder.Core.Generation.Design;

/// <summary>
/// What CrewBuilder knows of common business systems, for the feasibility report of template mode (with a model,
/// the model assesses the systems the requirement names). Figures are public list prices and documented limits.
/// </summary>
public static class IntegrationCatalog
{
    private sealed record Entry(IReadOnlyList<string> Cues, IntegrationAssessment Assessment);

    private static readonly Entry[] Entries =
    [
        Known(["gmail"], "Gmail", "OAuth 2.0 (Google Workspace service account or user consent)", "Free within Workspace plans",
            ["GET /gmail/v1/users/me/messages", "POST /gmail/v1/users/me/messages/send"], "250 quota units per user per second",
            ["Microsoft Graph (Outlook)", "IMAP/SMTP"], "high", 0, ["GMAIL_API_URL", "GMAIL_ACCESS_TOKEN"], "https://gmail.googleapis.com"),
        Known(["outlook", "office 365", "microsoft 365", "exchange"], "Microsoft 365 Mail", "OAuth 2.0 (Entra ID app registration)",
            "Included in Microsoft 365 licences", ["GET /v1.0/me/messages", "POST /v1.0/me/sendMail"], "10,000 requests per 10 minutes per mailbox",
            ["Gmail API", "IMAP/SMTP"], "high", 0, ["GRAPH_API_URL", "GRAPH_ACCESS_TOKEN"], "https://graph.microsoft.com"),
        Known(["zendesk"], "Zendesk", "API token (email/token) or OAuth", "Included in Zendesk Suite plans (from $55/agent/month)",
            ["GET /api/v2/tickets", "PUT /api/v2/tickets/{id}"], "200-700 requests per minute by plan", ["Freshdesk", "Help Scout"],
            "high", 0, ["ZENDESK_API_URL", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN"], "https://your-subdomain.zendesk.com",
            new ApiAuth("basic", UserVariable: "ZENDESK_EMAIL", UserSuffix: "/token")),
        Known(["slack"], "Slack", "Bot token (OAuth 2.0)", "Free API; workspace plan applies", ["POST /api/chat.postMessage", "GET /api/conversations.history"],
            "Tier 1-4 limits, about 1 message per second per channel", ["Microsoft Teams webhooks", "E-mail"], "high", 0,
            ["SLACK_API_URL", "SLACK_BOT_TOKEN"], "https://slack.com"),
        Known(["hubspot", "crm"], "HubSpot CRM", "Private app access token", "Free CRM; paid hubs from $20/month",
            ["GET /crm/v3/objects/contacts", "POST /crm/v3/objects/contacts", "PATCH /crm/v3/objects/deals/{id}"],
            "100-190 requests per 10 seconds", ["Salesforce", "Pipedrive"], "high", 20, ["HUBSPOT_API_URL", "HUBSPOT_ACCESS_TOKEN"], "https://api.hubapi.com"),
        Known(["salesforce"], "Salesforce", "OAuth 2.0 (connected app)", "API access from Enterprise edition",
            ["GET /services/data/v60.0/query", "POST /services/data/v60.0/sobjects/Lead"], "100,000 API calls per 24 h (Enterprise)",
            ["HubSpot", "Pipedrive"], "medium", 0, ["SALESFORCE_API_URL", "SALESFORCE_ACCESS_TOKEN"], "https://your-domain.my.salesforce.com"),
        Known(["google sheets", "spreadsheet", "sheets"], "Google Sheets", "OAuth 2.0 or service account", "Free",
            ["GET /v4/spreadsheets/{id}/values/{range}", "POST /v4/spreadsheets/{id}/values/{range}:append"],
            "300 requests per minute per project", ["Excel via Microsoft Graph", "CSV files"], "high", 0, ["SHEETS_API_URL", "SHEETS_ACCESS_TOKEN"], "https://sheets.googleapis.com"),
        Known(["stripe", "payments"], "Stripe", "Secret API key (restricted key recommended)", "Free API; fees per payment",
            ["GET /v1/charges", "GET /v1/invoices", "GET /v1/balance_transactions"], "100 read requests per second",
            ["PayPal", "Braintree"], "high", 0, ["STRIPE_API_URL", "STRIPE_API_KEY"], "https://api.stripe.com"),
        Known(["quickbooks", "xero", "accounting", "financial", "finance"], "Accounting system (QuickBooks Online / Xero)", "OAuth 2.0",
            "Included in QuickBooks/Xero subscriptions (from $30/month)", ["GET /v3/company/{id}/reports/ProfitAndLoss", "GET /api.xro/2.0/Invoices"],
            "500 requests per minute (QuickBooks), 60 per minute (Xero)", ["CSV exports", "Stripe reports"], "medium", 30,
            ["ACCOUNTING_API_URL", "ACCOUNTING_ACCESS_TOKEN"], "https://quickbooks.api.intuit.com"),
        Known(["youtube", "video"], "YouTube Data API", "API key (read) or OAuth 2.0 (upload)", "Free within a daily quota",
            ["GET /youtube/v3/search", "POST /upload/youtube/v3/videos"], "10,000 quota units per day (an upload costs 1,600)",
            ["Vimeo API"], "medium", 0, ["YOUTUBE_API_URL", "YOUTUBE_API_KEY"], "https://www.googleapis.com", new ApiAuth("query", "key")),
        Known(["twitter", "x.com", "social media", "social"], "X (Twitter) API", "OAuth 2.0 bearer token", "Basic tier $200/month",
            ["GET /2/tweets/search/recent"], "60 searches per 15 minutes (Basic)", ["Reddit API", "Bluesky API", "Serper news search"],
            "medium", 200, ["X_API_URL", "X_BEARER_TOKEN"], "https://api.x.com"),
        Known(["e-mail", "email", "alert", "alerts", "notify"], "SendGrid (e-mail delivery)", "API key", "Free up to 100 e-mails/day; from $19.95/month",
            ["POST /v3/mail/send"], "600 requests per minute", ["Amazon SES", "Mailgun", "SMTP"], "high", 0, ["SENDGRID_API_URL", "SENDGRID_API_KEY"], "https://api.sendgrid.com"),
        Known(["jira"], "Jira Cloud", "API token (basic auth) or OAuth 2.0", "Included in Jira plans", ["GET /rest/api/3/search", "POST /rest/api/3/issue"],
            "Cost-based limits, several hundred requests per minute", ["Linear", "GitHub Issues"], "high", 0, ["JIRA_API_URL", "JIRA_EMAIL", "JIRA_API_TOKEN"], "https://your-site.atlassian.net",
            new ApiAuth("basic", UserVariable: "JIRA_EMAIL")),
        Known(["notion"], "Notion", "Internal integration token", "Free API", ["POST /v1/databases/{id}/query", "POST /v1/pages"],
            "3 requests per second", ["Confluence", "Google Docs"], "high", 0, ["NOTION_API_URL", "NOTION_API_TOKEN"], "https://api.notion.com",
            new ApiAuth("bearer", Headers: new Dictionary<string, string> { ["Notion-Version"] = "2022-06-28" })),
        Known(["linkedin"], "LinkedIn", "OAuth 2.0 (partner programmes for most data)", "Partner access only",
            ["GET /v2/me"], "Restricted to approved partners", ["Clearbit/Apollo enrichment APIs", "Serper web search"], "low", 0,
            ["LINKEDIN_API_URL", "LINKEDIN_ACCESS_TOKEN"], "https://api.linkedin.com"),
        Known(["enrich", "enrichment", "apollo", "clearbit"], "Apollo.io enrichment", "API key", "From $49/user/month",
            ["POST /v1/people/match", "POST /v1/organizations/enrich"], "Per plan, about 200 requests per minute", ["Clearbit", "Hunter.io"],
            "high", 49, ["APOLLO_API_URL", "APOLLO_API_KEY"], "https://api.apollo.io", new ApiAuth("header", "X-Api-Key")),
    ];

    /// <summary>The systems the words of <paramref name="requirement"/> name, each assessed once, in catalog order.</summary>
    public static IReadOnlyList<IntegrationAssessment> Match(string requirement)
    {
        var text = $" {requirement.ToLowerInvariant()} ";
        return [.. Entries.Where(entry => entry.Cues.Any(cue => Mentions(text, cue))).Select(entry => entry.Assessment)];
    }

    private static bool Mentions(string text, string cue)
    {
        for (var at = text.IndexOf(cue, StringComparison.Ordinal); at >= 0; at = text.IndexOf(cue, at + 1, StringComparison.Ordinal))
        {
            var end = at + cue.Length;
            if (!char.IsLetterOrDigit(text[at - 1]) && !char.IsLetterOrDigit(text[end]))
            {
                return true;
            }
        }

        return false;
    }

    private static Entry Known(
        string[] cues, string name, string auth, string pricing, string[] endpoints, string limits, string[] alternatives, string feasibility,
        decimal monthlyCost, string[] envVars, string baseUrl, ApiAuth? apiAuth = null) =>
        new(cues, new IntegrationAssessment(name, true, auth, pricing, endpoints, limits, alternatives, feasibility, monthlyCost, envVars, baseUrl, apiAuth ?? ApiAuth.Bearer));
}
