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

    /// <summary>
    /// The known systems a requirement names, written as names are (capitalised), in the order named, each once: what a
    /// model's analysis is sure to name too, so each can be assessed before the analysis is in.
    /// </summary>
    public static IReadOnlyList<string> NamedIn(string requirement)
    {
        var tokens = RequirementText.Tokens(requirement);
        var named = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var (name, length) = At(tokens, i, capitalisedCounts: false);
            if (length > 0 && char.IsUpper(tokens[i][0]) && !named.Contains(name))
            {
                named.Add(name);
            }

            i += Math.Max(length, 1) - 1;
        }

        return named;
    }

    /// <summary>Whether two names are of one system: the words of one hold all the other's ("HubSpot CRM" is HubSpot).</summary>
    public static bool Same(string one, string other)
    {
        var (first, second) = (Words(one), Words(other));
        return string.Equals(one, other, StringComparison.OrdinalIgnoreCase) || first.Count > 0 && second.Count > 0 && (first.IsSubsetOf(second) || second.IsSubsetOf(first));
    }

    private static HashSet<string> Words(string name) =>
        [.. name.ToLowerInvariant().Split(' ', '-', '_', '.', '/', '(', ')').Where(word => word.Length > 0)];

    /// <summary>Chat and messaging systems: "flag it in Slack" delivers there, whatever the verb.</summary>
    public static bool IsChannel(string name) => name is "Slack" or "Microsoft Teams" or "Discord" or "Telegram" or "WhatsApp";

    private static bool IsCapitalisedName(string token) =>
        token.Length > 1 && char.IsUpper(token[0]) && char.IsLetter(token[0]) && !NotSystems.Contains(token.ToLowerInvariant())
        && !token.EndsWith('\'') && !token.EndsWith("'s", StringComparison.Ordinal) && !token.EndsWith("’s", StringComparison.Ordinal);
}
