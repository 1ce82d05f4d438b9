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
        Known(["stripe"], "Stripe", "Secret API key (restricted key recommended)", "Free API; fees per payment",
            ["GET /v1/charges", "GET /v1/invoices", "GET /v1/balance_transactions"], "100 read requests per second",
            ["PayPal", "Braintree"], "high", 0, ["STRIPE_API_URL", "STRIPE_API_KEY"], "https://api.stripe.com"),
        Known(["quickbooks", "xero", "accounting system", "accounting software"], "Accounting system (QuickBooks Online / Xero)", "OAuth 2.0",
            "Included in QuickBooks/Xero subscriptions (from $30/month)", ["GET /v3/company/{id}/reports/ProfitAndLoss", "GET /api.xro/2.0/Invoices"],
            "500 requests per minute (QuickBooks), 60 per minute (Xero)", ["CSV exports", "Stripe reports"], "medium", 30,
            ["ACCOUNTING_API_URL", "ACCOUNTING_ACCESS_TOKEN"], "https://quickbooks.api.intuit.com"),
        Known(["youtube"], "YouTube Data API", "API key (read) or OAuth 2.0 (upload)", "Free within a daily quota",
            ["GET /youtube/v3/search", "POST /upload/youtube/v3/videos"], "10,000 quota units per day (an upload costs 1,600)",
            ["Vimeo API"], "medium", 0, ["YOUTUBE_API_URL", "YOUTUBE_API_KEY"], "https://www.googleapis.com", new ApiAuth("query", "key")),
        Known(["twitter", "x.com", "social media", "social"], "X (Twitter) API", "OAuth 2.0 bearer token", "Basic tier $200/month",
            ["GET /2/tweets/search/recent"], "60 searches per 15 minutes (Basic)", ["Reddit API", "Bluesky API", "Serper news search"],
            "medium", 200, ["X_API_URL", "X_BEARER_TOKEN"], "https://api.x.com"),
        Known(["e-mail", "email", "e-mails", "emails"], "SendGrid (e-mail delivery)", "API key", "Free up to 100 e-mails/day; from $19.95/month",
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
        Known(["github"], "GitHub", "Fine-grained personal access token or GitHub App token", "Free API",
            ["GET /repos/{owner}/{repo}/issues", "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"], "5,000 requests per hour per token",
            ["GitLab API", "Jira Cloud"], "high", 0, ["GITHUB_API_URL", "GITHUB_TOKEN"], "https://api.github.com",
            new ApiAuth("bearer", Headers: new Dictionary<string, string> { ["X-GitHub-Api-Version"] = "2022-11-28" })),
        Known(["discord"], "Discord", "Bot token (Authorization: Bot …)", "Free API", ["POST /api/v10/channels/{channel_id}/messages"],
            "50 requests per second per bot, 5 messages per 5 seconds per channel", ["Slack", "E-mail"], "high", 0, ["DISCORD_API_URL", "DISCORD_BOT_TOKEN"],
            "https://discord.com", new ApiAuth("header", "Authorization", SecretPrefix: "Bot ")),
        Known(["shopify"], "Shopify Admin API", "Admin API access token (custom app)", "Included in Shopify plans",
            ["GET /admin/api/2024-10/orders.json", "PUT /admin/api/2024-10/orders/{order_id}.json"], "2 requests per second (REST, standard plans)",
            ["WooCommerce REST API"], "high", 0, ["SHOPIFY_API_URL", "SHOPIFY_ACCESS_TOKEN"], "https://your-store.myshopify.com",
            new ApiAuth("header", "X-Shopify-Access-Token")),
        Known(["woocommerce"], "WooCommerce REST API", "Consumer key and secret (basic auth over HTTPS)", "Free with WooCommerce",
            ["GET /orders", "PUT /products/{id}"], "Set by the store's host", ["Shopify Admin API"], "high", 0,
            ["WOOCOMMERCE_API_URL", "WOOCOMMERCE_CONSUMER_KEY", "WOOCOMMERCE_CONSUMER_SECRET"], "https://your-store.example/wp-json/wc/v3",
            new ApiAuth("basic", UserVariable: "WOOCOMMERCE_CONSUMER_KEY")),
        Known(["pipedrive"], "Pipedrive", "API token (api_token query parameter)", "From $14/seat/month", ["GET /v1/persons/search", "POST /v1/deals"],
            "A daily token budget by plan, in bursts of 80 requests per 2 seconds", ["HubSpot CRM", "Salesforce"], "high", 0,
            ["PIPEDRIVE_API_URL", "PIPEDRIVE_API_TOKEN"], "https://api.pipedrive.com", new ApiAuth("query", "api_token")),
        Known(["intercom"], "Intercom", "Access token", "From $29/seat/month", ["GET /conversations/{id}", "POST /conversations/{id}/reply"],
            "10,000 requests per minute per app", ["Zendesk", "Help Scout"], "high", 0, ["INTERCOM_API_URL", "INTERCOM_ACCESS_TOKEN"], "https://api.intercom.io",
            new ApiAuth("bearer", Headers: new Dictionary<string, string> { ["Intercom-Version"] = "2.11" })),
        Known(["asana"], "Asana", "Personal access token or OAuth 2.0", "Free tier; paid from $10.99/user/month",
            ["POST /api/1.0/tasks", "GET /api/1.0/projects/{project_gid}/tasks"], "150 requests per minute (free), 1,500 (paid)", ["Jira Cloud", "Trello"],
            "high", 0, ["ASANA_API_URL", "ASANA_ACCESS_TOKEN"], "https://app.asana.com"),
        Known(["airtable"], "Airtable", "Personal access token", "Free tier; from $20/seat/month", ["GET /v0/{base_id}/{table}", "POST /v0/{base_id}/{table}"],
            "5 requests per second per base", ["Google Sheets", "Notion"], "high", 0, ["AIRTABLE_API_URL", "AIRTABLE_ACCESS_TOKEN"], "https://api.airtable.com"),
        Known(["zoom"], "Zoom", "Server-to-Server OAuth access token", "API included in Zoom plans; cloud recordings need Pro or higher",
            ["GET /v2/users/me/recordings", "GET /v2/meetings/{meeting_id}/recordings"], "Per-second limits by plan and API weight",
            ["Google Meet", "Microsoft Teams"], "medium", 0, ["ZOOM_API_URL", "ZOOM_ACCESS_TOKEN"], "https://api.zoom.us"),
        Known(["google maps", "google places"], "Google Places API", "API key (X-Goog-Api-Key header)", "Pay as you go after the monthly free usage",
            ["GET /v1/places/{place_id}"], "600 requests per minute per project by default; up to 5 reviews per place", ["Trustpilot", "Serper web search"],
            "medium", 0, ["GOOGLE_PLACES_API_URL", "GOOGLE_PLACES_API_KEY"], "https://places.googleapis.com",
            new ApiAuth("header", "X-Goog-Api-Key", Headers: new Dictionary<string, string> { ["X-Goog-FieldMask"] = "displayName,rating,reviews" })),
        Known(["trustpilot"], "Trustpilot", "API key (apikey query parameter)", "Public review data with an API key",
            ["GET /v1/business-units/{business_unit_id}/reviews"], "Rate limited per API key", ["Google Places API", "Serper web search"], "medium", 0,
            ["TRUSTPILOT_API_URL", "TRUSTPILOT_API_KEY"], "https://api.trustpilot.com", new ApiAuth("query", "apikey")),
        Known(["hacker news"], "Hacker News API", "None (public, read-only)", "Free", ["GET /v0/topstories.json", "GET /v0/item/{id}.json"],
            "No documented limit", ["Algolia Hacker News Search API"], "high", 0, ["HACKER_NEWS_API_URL"], "https://hacker-news.firebaseio.com", new ApiAuth("none")),
        Known(["greenhouse"], "Greenhouse Job Board API", "None (public job boards)", "Free", ["GET /v1/boards/{board_token}/jobs"],
            "No documented limit for job boards", ["Lever Postings API"], "high", 0, ["GREENHOUSE_API_URL"], "https://boards-api.greenhouse.io", new ApiAuth("none")),
        Known(["lever"], "Lever Postings API", "None (public postings)", "Free", ["GET /v0/postings/{site}"],
            "No documented limit for public postings", ["Greenhouse Job Board API"], "high", 0, ["LEVER_API_URL"], "https://api.lever.co", new ApiAuth("none")),
    ];

    /// <summary>Every system CrewBuilder knows, in catalog order.</summary>
    public static IReadOnlyList<IntegrationAssessment> All { get; } = [.. Entries.Select(entry => entry.Assessment)];

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
