using CrewBuilder.Core.Generation.Design;

namespace CrewBuilder.Core.Generation.Template;

/// <summary>One job of a worked design: its verb family, the verb and object it is said with, what its agent knows, its tools.</summary>
internal sealed record WorkedJob(string Family, string Verb, string Subject, string Expertise, IReadOnlyList<string> Tools);

/// <summary>
/// The worked design behind one of the template gallery's domains (<see cref="Templates.TemplateGallery"/>): the agents,
/// tools and task flow that make crews of that kind work. A requirement in the domain starts from it: its jobs take the
/// worked agents' knowledge and tools, and a requirement that names fewer than two jobs gets the worked flow.
/// </summary>
internal sealed record WorkedDesign(string GalleryId, IReadOnlyList<string> Cues, IReadOnlyList<WorkedJob> Jobs)
{
    private const int MinCueMatches = 2;

    public static IReadOnlyList<WorkedDesign> All { get; } =
    [
        new("support-inbox", ["support", "ticket", "tickets", "inbox", "helpdesk", "zendesk", "freshdesk", "customer", "customers", "reply", "replies"],
        [
            new("classify", "triage", "the new tickets", "You sort support tickets by category and urgency the way an experienced support lead does, and you never guess a customer's intent without quoting them.", [ToolCatalog.KnowledgeSearch]),
            new("write", "draft", "a reply to each ticket", "You write replies grounded in the help-centre articles in the knowledge folder, in the team's tone, for an agent to approve.", [ToolCatalog.KnowledgeSearch]),
            new("escalate", "escalate", "the urgent tickets", "You know which tickets cannot wait and make sure the right person hears about them once, with the facts they need.", []),
        ]),
        new("content-publishing", ["article", "articles", "blog", "post", "posts", "content", "newsletter", "audience", "topic", "seo"],
        [
            new("research", "research", "what the audience is discussing", "You find what an audience is talking about and keep a source for every claim.", ["SerperDevTool", "ScrapeWebsiteTool"]),
            new("write", "write", "the article", "You write clear, well-structured pieces in the house tone of voice, with sources the reader can check.", [ToolCatalog.KnowledgeSearch]),
            new("edit", "edit", "the article", "You check every fact against the researcher's sources and tighten the prose without changing its meaning.", []),
        ]),
        new("lead-enrichment", ["lead", "leads", "prospect", "prospects", "enrich", "icp", "crm", "hubspot", "pipedrive", "clearbit", "apollo", "deal", "deals"],
        [
            new("read", "collect", "the new leads", "You pull complete lead records out of a CRM and notice when a field is missing.", []),
            new("enrich", "enrich", "each lead with company data", "You add firmographic data (industry, size, revenue band, country) from enrichment services, and web search for the gaps.", ["SerperDevTool"]),
            new("research", "look up", "each lead", "You build a short, sourced profile of a lead's company from enrichment services and the web.", ["SerperDevTool"]),
            new("score", "score", "the leads against the ideal customer profile", "You score leads against the ideal customer profile in the knowledge folder and explain every score.", [ToolCatalog.KnowledgeSearch]),
        ]),
        new("uptime-monitoring", ["uptime", "availability", "downtime", "outage", "website", "websites", "site", "sites", "response", "down", "on-call"],
        [
            new("monitor", "check", "the websites", "You probe sites over HTTP, record status and timing, and tell a real outage from a slow moment.", ["ScrapeWebsiteTool"]),
            new("notify", "alert", "the on-call engineer", "You alert only on a change of state, once per incident, so nobody learns to ignore you.", []),
        ]),
        new("weekly-reporting", ["report", "revenue", "expenses", "budget", "financial", "finance", "cfo", "kpi", "kpis", "numbers", "metrics"],
        [
            new("read", "pull", "last week's numbers", "You take numbers only from the systems' own reports, with the dates they cover, never from memory.", []),
            new("compare", "compare", "the numbers with the budget", "You compare actuals with the budget in the knowledge folder and explain every variance that matters.", [ToolCatalog.KnowledgeSearch]),
            new("write", "write", "the report", "You write one-page reports that lead with what changed and end with the three things to watch.", []),
        ]),
        new("recruiting-screen", ["cv", "cvs", "resume", "resumes", "applicant", "applicants", "candidate", "candidates", "application", "applications", "role", "recruiter", "hiring", "interview"],
        [
            new("screen", "screen", "each application", "You read CVs against a role's must-have and nice-to-have requirements and cite the evidence for each judgement.", ["FileReadTool", ToolCatalog.KnowledgeSearch]),
            new("score", "rank", "the applicants", "You rank applicants on the assessments alone and say what separates each from the next.", []),
            new("write", "draft", "a reply to each applicant", "You draft kind, specific replies for the recruiter to send; you never decide alone.", []),
        ]),
        new("invoice-processing", ["invoice", "invoices", "purchase", "supplier", "suppliers", "vendor", "vendors", "payable", "payables", "payment", "payments", "payout", "payouts"],
        [
            new("extract", "extract", "the invoice fields", "You read invoices (PDFs and e-mails) and take out supplier, number, dates, line items and totals exactly as printed.", ["FileReadTool"]),
            new("match", "match", "the invoices against the purchase orders", "You match invoices and payments line by line and list every mismatch with the fields involved.", []),
            new("check", "review", "the mismatches", "You review every exception before anything is paid and explain what a person must decide.", []),
        ]),
        new("social-listening", ["mention", "mentions", "brand", "sentiment", "social", "competitors", "reddit", "twitter", "news", "reviews"],
        [
            new("read", "collect", "the mentions of the brand", "You gather mentions from social media and news sites and keep each mention's link.", ["SerperDevTool", "ScrapeWebsiteTool"]),
            new("classify", "classify", "each mention by sentiment and topic", "You label each mention's sentiment and topic and note sarcasm when you see it.", []),
            new("summarise", "write", "the daily digest", "You write short digests that put the mentions needing a reply first, with their links.", []),
        ]),
    ];

    /// <summary>The gallery domain a requirement belongs to: the design whose cues it names most (at least two), or none.</summary>
    public static WorkedDesign? Match(string requirement)
    {
        var words = RequirementText.Tokens(requirement).Select(token => token.ToLowerInvariant()).ToHashSet();
        return All.Select(design => (Design: design, Hits: design.Cues.Count(words.Contains)))
            .Where(match => match.Hits >= MinCueMatches).OrderByDescending(match => match.Hits).Select(match => match.Design).FirstOrDefault();
    }

    public WorkedJob? For(string family) => Jobs.FirstOrDefault(job => job.Family == family);
}
