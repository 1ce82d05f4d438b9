namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// Products and services a requirement may name, spelled as their makers spell them, so "quickbooks" reads "QuickBooks";
/// any other capitalised name after "in", "from", "to" or "via" counts as a system too.
/// </summary>
internal static class KnownSystems
{
    private static readonly string[] Names =
    [
        "Stripe", "QuickBooks", "Xero", "Slack", "Microsoft Teams", "Gmail", "Outlook", "Google Sheets", "Google Drive", "Google Docs", "Google Calendar",
        "Google Analytics", "Google Ads", "Google Maps", "Excel", "Notion", "Jira", "Confluence", "Zendesk", "Freshdesk", "Intercom", "Help Scout", "HubSpot",
        "Salesforce", "Pipedrive", "Clearbit", "Apollo", "LinkedIn", "Twitter", "YouTube", "Shopify", "WooCommerce", "Airtable", "Trello", "Asana",
        "GitHub", "GitLab", "Discord", "Telegram", "WhatsApp", "Mailchimp", "SendGrid", "Twilio", "Calendly", "Zoom", "Dropbox", "SharePoint",
        "Typeform", "Greenhouse", "Lever", "Workable", "BambooHR", "PayPal", "Amazon", "eBay", "Reddit", "Instagram", "Facebook", "TikTok",
        "Datadog", "PagerDuty", "Sentry", "Postgres", "PostgreSQL", "Snowflake", "BigQuery", "arXiv", "Hacker News", "Trustpilot", "Figma",
        "Linear", "Monday.com", "ClickUp", "Harvest", "Gusto", "Brex", "Ramp", "Klaviyo", "Medium", "WordPress", "Webflow", "Substack",
    ];

    private static readonly Dictionary<string, string> ByLower = Names.ToDictionary(name => name.ToLowerInvariant());

    /// <summary>Capitalised words that are not systems: days, months, titles, file kinds.</summary>
    private static readonly HashSet<string> NotSystems =
    [
        "i", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december", "cfo", "ceo", "cto", "coo", "vp", "hr", "cv", "cvs", "pdf", "pdfs",
        "csv", "ai", "api", "crm", "sla", "faq", "kpi", "kpis", "seo", "rag", "llm", "english", "spanish", "french", "german", "japanese",
        "chinese", "italian", "portuguese", "dutch", "eu", "us", "uk", "usd", "eur", "gbp", "q1", "q2", "q3", "q4", "mrr", "arr", "ok",
    ];

    /// <summary>The longest system name starting at <paramref name="at"/> and how many tokens it spans (0 when none).</summary>
    public static (string Name, int Length) At(IReadOnlyList<string> tokens, int at, bool capitalisedCounts)
    {
        for (var length = Math.Min(3, tokens.Count - at); length >= 1; length--)
        {
            var phrase = string.Join(' ', tokens.Skip(at).Take(length));
            if (ByLower.TryGetValue(phrase.ToLowerInvariant(), out var known))
            {
                return (known, length);
            }
        }

        if (!capitalisedCounts)
        {
            return ("", 0);
        }

        var end = at;
        while (end < tokens.Count && end - at < 3 && IsCapitalisedName(tokens[end]))
        {
            end++;
        }

        return end > at ? (string.Join(' ', tokens.Skip(at).Take(end - at)), end - at) : ("", 0);
    }

    /// <summary>Chat and messaging systems: "flag it in Slack" delivers there, whatever the verb.</summary>
    public static bool IsChannel(string name) => name is "Slack" or "Microsoft Teams" or "Discord" or "Telegram" or "WhatsApp";

    private static bool IsCapitalisedName(string token) =>
        token.Length > 1 && char.IsUpper(token[0]) && char.IsLetter(token[0]) && !NotSystems.Contains(token.ToLowerInvariant())
        && !token.EndsWith('\'') && !token.EndsWith("'s", StringComparison.Ordinal) && !token.EndsWith("’s", StringComparison.Ordinal);
}
