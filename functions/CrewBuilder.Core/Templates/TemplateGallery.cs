namespace CrewBuilder.Core.Templates;

/// <summary>
/// The starting points everyone gets: a worked requirement each, and hints for the architecture step drawn from what
/// makes crews of that kind work.
/// </summary>
public static class TemplateGallery
{
    public static IReadOnlyList<CrewTemplate> BuiltIn { get; } =
    [
        new("support-inbox", "Support inbox triage", "Sorts new tickets by urgency, drafts replies, escalates what is urgent.",
            "A crew that reads our Zendesk support inbox every hour, labels each new ticket with a category and an urgency, drafts a reply grounded in our help-centre articles for agents to approve, and posts urgent tickets to the #support-urgent Slack channel.",
            "Sequential: triage, then reply drafting, then escalation. Keep the reply writer grounded in knowledge/ (help-centre articles); give the triage agent the help desk API only.", true),
        new("content-publishing", "Content research to publishing", "Finds a topic, writes it up, prepares it for publishing.",
            "Each week, research what our audience is discussing in our niche, pick the strongest topic, write a 1,200-word article with sources in our tone of voice, and prepare social posts to promote it.",
            "A researcher with web search, a writer, and an editor who checks facts against the researcher's sources. Hierarchical only if several articles run in parallel.", true),
        new("lead-enrichment", "Lead enrichment and scoring", "Adds company data to new leads and scores them.",
            "Every morning, take the new sales leads in our HubSpot CRM, enrich each with company data (industry, size, revenue band, country), score them from 1 to 100 against our ideal customer profile, and write the scores back to HubSpot.",
            "Collector (CRM API), enricher (enrichment API plus web search for gaps), scorer (ideal customer profile in knowledge/). The scorer explains every score.", true),
        new("uptime-monitoring", "Uptime monitoring with alerts", "Checks sites and tells the on-call engineer about incidents.",
            "Check our three public websites every five minutes, measure availability and response time, and e-mail the on-call engineer when a site is down or slower than two seconds, once per incident.",
            "Two agents: a monitor with an HTTP probe tool that returns status and timing, and a notifier with an e-mail API tool. Alerts only on a change of state, to avoid noise.", true),
        new("weekly-reporting", "Weekly reporting", "Pulls last week's numbers and writes the report.",
            "Every Monday, pull last week's revenue from Stripe and expenses from QuickBooks, compare them with the budget in our knowledge folder, and write a one-page financial report for the CFO with the three things to watch.",
            "One analyst per data source, each returning totals with the week's dates; a writer who leads with what changed. Numbers come only from tools, never from the model's memory.", true),
        new("recruiting-screen", "Recruiting screen", "Screens applicants against the role and drafts replies.",
            "For each new application to an open role, compare the CV with the role's must-have and nice-to-have requirements, write a short assessment with evidence, rank the applicants, and draft a reply for each (interview invitation or a kind rejection) for the recruiter to send.",
            "Screener reads CVs (file tool) and the role description (knowledge/); ranker compares assessments; writer drafts replies. Never decide alone: the recruiter sends every reply.", true),
        new("invoice-processing", "Invoice processing", "Reads invoices, checks them and prepares them for payment.",
            "Read the supplier invoices that arrive as PDFs in our invoices folder, extract supplier, number, date, line items and totals, check them against the purchase orders in our accounting system, flag mismatches, and prepare the matched ones for payment approval.",
            "Extractor (file tools), matcher (accounting API), reviewer who lists every mismatch with the fields involved. Output a CSV of matched invoices and a report of exceptions.", true),
        new("social-listening", "Social listening", "Tracks what people say about the brand and reports it.",
            "Every day, collect what people say about our brand and our two main competitors on social media and news sites, classify each mention by sentiment and topic, and write a short daily digest with the mentions that need a reply.",
            "A collector with web/news search, a classifier that returns sentiment and topic per mention, and a writer for the digest. Keep mentions' links in every output.", true),
    ];

    public static CrewTemplate? Find(string id) => BuiltIn.FirstOrDefault(template => template.Id == id);
}
