namespace CrewBuilder.Tests.Generation.Template;

/// <summary>
/// A requirement and what any design of it must have: words its agents' names must hold (objects, systems), words its
/// sentences must mention (the systems and people it names), and how many agents it may have.
/// </summary>
public sealed record TemplateRequirementCase(string Requirement, int MinAgents, int MaxAgents, string[] Named, string[] Mentioned)
{
    public override string ToString() => Requirement.Length > 60 ? Requirement[..60] + "…" : Requirement;

    public static TheoryData<TemplateRequirementCase> All => new(Cases);

    private static readonly TemplateRequirementCase[] Cases =
    [
        new("Each night, export the day's Stripe payments, match every payout against the invoices in our QuickBooks account, and email the finance team a list of payments whose amounts differ from their invoice.",
            4, 4, ["Stripe", "Invoice", "Payout", "Payment"], ["Stripe", "QuickBooks", "finance team"]),
        new("Watch our competitors' pricing pages every week, compare each plan's price against last week's snapshot, and post the changes to the #pricing channel in Slack.",
            3, 3, ["Competitor Pricing", "Plan Price", "Change"], ["#pricing", "Slack"]),
        new("When a new lead signs up on our website, look them up in Clearbit, score them against our ideal customer profile, and create a deal in Pipedrive for the ones that score above 70.",
            3, 3, ["Lead", "Deal"], ["Clearbit", "Pipedrive", "ideal customer profile", "above 70"]),
        new("Read the incoming vendor invoices in our shared Outlook mailbox, extract the totals and due dates of each, and add them to the accounts payable sheet in Google Sheets.",
            3, 3, ["Vendor Invoice"], ["Outlook", "Google Sheets", "totals and due dates"]),
        new("A crew that triages our support inbox and drafts replies for the support team.", 2, 3, ["Support Inbox", "Reply"], ["support team"]),
        new("Triage incoming support tickets, draft replies to the common questions and write a reply for each urgent ticket.", 2, 2, ["Support Ticket", "Reply"], ["urgent ticket"]),
        new("<script>alert('xss1')</script><img src=x onerror=alert(1)> Summarise the new GitHub issues every morning and notify the maintainers on Discord. See https://example.com/docs?x=1 for details.",
            2, 3, ["GitHub Issue"], ["Discord", "maintainers"]),
        new("Every Friday, collect the customer reviews of Café Zürich from Google Maps, translate the ones written in German into English and send a summary to Zoë Müller.",
            3, 3, ["Customer Review", "Summary"], ["Café Zürich", "Google Maps", "Zoë Müller", "German"]),
        new("Écrire des résumés de réunions pour l'équipe commerciale", 2, 3, ["Résumés"], []),
        new("- Pull new orders from Shopify\n- Check each order for signs of fraud\n- Flag the risky ones in Slack\n- Email the customer a confirmation",
            4, 5, ["Order", "Confirmation"], ["Shopify", "Slack", "fraud"]),
        new("1. Read the CVs in our hiring folder\n2. Score each candidate against the job description\n3. Draft interview invitations for the top 5 candidates",
            3, 3, ["CV", "Candidate", "Interview Invitation"], ["job description", "top 5"]),
        new("Every hour, check our three public websites, measure their response time and alert the on-call engineer on PagerDuty when a site is down.",
            3, 3, ["Public Website", "Response Time", "Engineer"], ["PagerDuty", "Every hour"]),
        new("Fetch the latest arXiv papers on retrieval-augmented generation, summarise them, and post it to our #research channel in Slack.",
            3, 3, ["arXiv Paper"], ["#research", "Slack", "retrieval-augmented generation"]),
        new("A crew that reads our Zendesk support inbox every hour, labels each new ticket with a category and an urgency, drafts a reply grounded in our help-centre articles for agents to approve, and posts urgent tickets to the #support-urgent Slack channel.",
            4, 4, ["Zendesk", "Ticket", "Reply"], ["help-centre articles", "#support-urgent"]),
        new("Each week, research what our audience is discussing in our niche, pick the strongest topic, write a 1,200-word article with sources in our tone of voice, and prepare social posts to promote it.",
            4, 4, ["Audience", "Topic", "Article", "Social Post"], ["1,200-word"]),
        new("Every morning, take the new sales leads in our HubSpot CRM, enrich each with company data (industry, size, revenue band, country), score them from 1 to 100 against our ideal customer profile, and write the scores back to HubSpot.",
            4, 4, ["Sales Lead", "Score"], ["HubSpot", "from 1 to 100"]),
        new("Check our three public websites every five minutes, measure availability and response time, and e-mail the on-call engineer when a site is down or slower than two seconds, once per incident.",
            3, 3, ["Public Website", "Engineer"], ["two seconds"]),
        new("Every Monday, pull last week's revenue from Stripe and expenses from QuickBooks, compare them with the budget in our knowledge folder, and write a one-page financial report for the CFO with the three things to watch.",
            3, 3, ["Revenue", "Financial Report"], ["Stripe", "QuickBooks", "CFO", "budget"]),
        new("For each new application to an open role, compare the CV with the role's must-have and nice-to-have requirements, write a short assessment with evidence, rank the applicants, and draft a reply for each (interview invitation or a kind rejection) for the recruiter to send.",
            4, 4, ["CV", "Assessment", "Applicant", "Reply"], ["recruiter"]),
        new("Read the supplier invoices that arrive as PDFs in our invoices folder, extract supplier, number, date, line items and totals, check them against the purchase orders in our accounting system, flag mismatches, and prepare the matched ones for payment approval.",
            5, 5, ["Supplier Invoice", "Mismatch"], ["purchase orders", "payment approval"]),
        new("Every day, collect what people say about our brand and our two main competitors on social media and news sites, classify each mention by sentiment and topic, and write a short daily digest with the mentions that need a reply.",
            3, 3, ["Mention", "Digest"], ["sentiment and topic"]),
        new("Monitor competitor prices, compare them with ours and report weekly changes to the sales team.", 3, 3, ["Competitor Price", "Change"], ["sales team"]),
        new("Quarterly insights about customer churn for our subscription business.", 3, 3, ["Customer Churn"], ["customer churn"]),
        new("Research new leads on LinkedIn, score them and draft outreach emails.", 3, 3, ["Lead", "Outreach Email"], ["LinkedIn"]),
        new("Please build me a crew that summarizes customer feedback from app store reviews.", 2, 2, ["Customer Feedback"], ["app store reviews"]),
        new("Something that translates product descriptions into Spanish.", 2, 2, ["Product Description"], ["Spanish"]),
        new("Collect invoices, extract totals, validate them, reconcile payments, flag anomalies, notify finance and archive everything.", 7, 7, ["Invoice", "Total", "Payment", "Anomaly"], ["finance"]),
        new("Every Monday, total last week's Stripe payouts and post them to the finance channel in Slack.", 3, 3, ["Stripe Payout"], ["Slack", "finance channel"]),
        new("Triage new Zendesk tickets, search our Notion docs for answers and draft replies.", 4, 4, ["Zendesk Ticket", "Notion Doc", "Reply"], ["Zendesk", "Notion"]),
        new("Find trending YouTube videos about our product and enrich the channels' owners with Apollo.", 2, 2, ["YouTube Video", "Channel Owner"], ["Apollo"]),
        new("Each morning, read our Jira issues and Gmail inbox and summarise them.", 2, 2, ["Jira Issue"], ["Gmail inbox"]),
        new("Screen every new Shopify order for fraud, hold the suspicious ones and notify the operations team in Slack.", 4, 4, ["Shopify Order", "Operations Team"], ["fraud", "Slack"]),
        new("When a customer submits a refund request in Intercom, check the order in Shopify, decide whether it qualifies under our refund policy, and reply to the customer with the decision.",
            3, 3, ["Order", "Customer"], ["Shopify", "refund policy", "Intercom"]),
        new("Transcribe our weekly sales calls from Zoom, extract the action items and create tasks for them in Asana.", 3, 3, ["Sales Call", "Action Item", "Task"], ["Zoom", "Asana"]),
        new("Draft a weekly newsletter from the top 10 posts on Hacker News and send it to our subscribers through Mailchimp.", 2, 2, ["Newsletter"], ["Hacker News", "Mailchimp", "top 10"]),
        new("Scrape job postings from Greenhouse and Lever boards each day; classify them by seniority; then add the senior ones to our Airtable base.", 3, 3, ["Job Posting", "Senior Posting"], ["Greenhouse", "Airtable", "seniority"]),
        new("Watch the Datadog alerts, group related alerts into incidents and open a Jira ticket for each incident.", 3, 3, ["Datadog Alert", "Related Alert", "Jira Ticket"], ["incident"]),
        new("Translate our help-centre articles into French, German and 日本語, then publish them to Zendesk.", 2, 2, ["Help-centre Article"], ["日本語", "Zendesk"]),
        new("Every night: back up the Postgres database; verify the backup; report failures to #ops on Slack.", 3, 3, ["Postgres Database", "Backup", "Failure"], ["#ops", "Slack"]),
        new("Read the product reviews on Trustpilot, tag each one with a sentiment and a theme, and write a monthly summary for the product team.", 3, 3, ["Product Review", "Summary"], ["Trustpilot", "product team"]),
        new("Check it and send it to me.", 2, 2, [], []),
        new("Reply to every customer review on Google Maps within a day, and escalate the angry ones to the store manager.", 2, 2, ["Customer Review", "Angry Review"], ["Google Maps", "store manager"]),
        new("Every 15 minutes, pull new orders from WooCommerce and update stock levels in our Google Sheets inventory sheet.", 2, 2, ["Order", "Stock Level"], ["WooCommerce", "Google Sheets"]),
        new("Look up each new Salesforce lead in Clearbit, then write a personalised intro email for the sales rep.", 2, 2, ["Salesforce Lead", "Intro Email"], ["Clearbit", "sales rep"]),
    ];
}
