namespace CrewBuilder.Core.Generation.Template;

/// <summary>What a verb's job is: fetching data, acting on it, or handing it over.</summary>
internal enum JobKind
{
    /// <summary>Brings data in from somewhere (read, export, collect): it reads its source itself.</summary>
    Read,

    /// <summary>Works on data already in hand (match, score, draft).</summary>
    Work,

    /// <summary>Hands a result over (email, post, add to a sheet): its destination is the point.</summary>
    Deliver,
}

/// <summary>
/// A verb a requirement uses for work an agent can do: the agent who does it, the family of verbs meaning the same job
/// (so "drafts replies" and "write a reply" are one job), the noun for the activity, and how central it is to a crew.
/// </summary>
internal sealed record VerbSense(string Verb, string Family, string AgentNoun, string Activity, JobKind Kind, int Weight);

internal static class VerbLexicon
{
    private static readonly VerbSense[] Senses =
    [
        Read("read", "read", "Reader", "Intake"), Read("export", "read", "Exporter", "Export"), Read("pull", "read", "Collector", "Collection"),
        Read("fetch", "read", "Collector", "Collection"), Read("collect", "read", "Collector", "Collection"), Read("gather", "read", "Collector", "Collection"),
        Read("get", "read", "Collector", "Collection"), Read("download", "read", "Collector", "Collection"), Read("import", "read", "Importer", "Import"),
        Read("ingest", "read", "Collector", "Intake"), Read("retrieve", "read", "Collector", "Collection"), Read("receive", "read", "Reader", "Intake"),
        Read("scrape", "read", "Scraper", "Scraping"), Read("look up", "research", "Profiler", "Lookup"), Read("research", "research", "Researcher", "Research"),
        Read("find", "research", "Researcher", "Research"), Read("search", "research", "Researcher", "Search"), Read("discover", "research", "Scout", "Discovery"),
        Read("browse", "research", "Researcher", "Research"), Read("take", "read", "Collector", "Collection"),
        Work("watch", "monitor", "Monitor", "Monitoring", 3), Work("monitor", "monitor", "Monitor", "Monitoring", 3), Work("track", "monitor", "Tracker", "Tracking", 3),
        Work("check", "check", "Checker", "Checking", 2), Work("review", "check", "Reviewer", "Review", 2), Work("verify", "check", "Verifier", "Verification", 2),
        Work("validate", "check", "Validator", "Validation", 2), Work("audit", "check", "Auditor", "Audit", 3), Work("measure", "check", "Measurer", "Measurement", 2),
        Work("match", "match", "Matcher", "Matching", 3), Work("reconcile", "match", "Reconciler", "Reconciliation", 3), Work("compare", "compare", "Comparer", "Comparison", 3),
        Work("triage", "classify", "Triager", "Triage", 3), Work("classify", "classify", "Classifier", "Classification", 3), Work("categorise", "classify", "Classifier", "Classification", 3),
        Work("categorize", "classify", "Classifier", "Classification", 3), Work("label", "classify", "Labeller", "Labelling", 3), Work("tag", "classify", "Tagger", "Tagging", 3),
        Work("sort", "classify", "Sorter", "Sorting", 3), Work("prioritise", "prioritise", "Prioritiser", "Prioritisation", 3), Work("prioritize", "prioritise", "Prioritizer", "Prioritization", 3),
        Work("score", "score", "Scorer", "Scoring", 3), Work("rank", "score", "Ranker", "Ranking", 3), Work("rate", "score", "Rater", "Rating", 3),
        Work("qualify", "score", "Qualifier", "Qualification", 3), Work("screen", "screen", "Screener", "Screening", 3), Work("shortlist", "screen", "Shortlister", "Shortlisting", 3),
        Work("analyse", "analyse", "Analyst", "Analysis", 3), Work("analyze", "analyse", "Analyst", "Analysis", 3), Work("evaluate", "analyse", "Evaluator", "Evaluation", 3),
        Work("assess", "analyse", "Assessor", "Assessment", 3), Work("investigate", "analyse", "Investigator", "Investigation", 3),
        Work("summarise", "summarise", "Summariser", "Digest", 3), Work("summarize", "summarise", "Summarizer", "Digest", 3), Work("digest", "summarise", "Digest Writer", "Digest", 3),
        Work("draft", "write", "Writer", "Drafting", 3), Work("write", "write", "Writer", "Writing", 3), Work("compose", "write", "Writer", "Writing", 3),
        Work("reply", "write", "Responder", "Reply", 3), Work("respond", "write", "Responder", "Reply", 3), Work("answer", "write", "Responder", "Answering", 3),
        Work("rewrite", "edit", "Editor", "Editing", 2), Work("edit", "edit", "Editor", "Editing", 2), Work("proofread", "edit", "Editor", "Editing", 2),
        Work("translate", "translate", "Translator", "Translation", 3), Work("extract", "extract", "Extractor", "Extraction", 3), Work("parse", "extract", "Parser", "Parsing", 3),
        Work("transcribe", "extract", "Transcriber", "Transcription", 3), Work("detect", "detect", "Detector", "Detection", 3), Work("flag", "detect", "Flagger", "Flagging", 2),
        Work("identify", "detect", "Spotter", "Detection", 3), Work("spot", "detect", "Spotter", "Detection", 3), Work("forecast", "forecast", "Forecaster", "Forecasting", 3),
        Work("predict", "forecast", "Forecaster", "Forecasting", 3), Work("estimate", "forecast", "Estimator", "Estimation", 3), Work("calculate", "calculate", "Calculator", "Calculation", 2),
        Work("total", "calculate", "Totaller", "Totals", 2), Work("compute", "calculate", "Calculator", "Calculation", 2), Work("recommend", "recommend", "Advisor", "Recommendation", 3),
        Work("suggest", "recommend", "Advisor", "Recommendation", 3), Work("plan", "plan", "Planner", "Planning", 3), Work("schedule", "plan", "Scheduler", "Scheduling", 2),
        Work("outline", "plan", "Outliner", "Outlining", 2), Work("pick", "select", "Selector", "Selection", 2), Work("choose", "select", "Selector", "Selection", 2),
        Work("select", "select", "Selector", "Selection", 2), Work("filter", "select", "Filter", "Filtering", 2), Work("enrich", "enrich", "Enricher", "Enrichment", 3),
        Work("clean", "clean", "Curator", "Cleaning", 2), Work("deduplicate", "clean", "Curator", "Deduplication", 2), Work("normalise", "clean", "Curator", "Cleaning", 2),
        Work("convert", "convert", "Converter", "Conversion", 2), Work("format", "convert", "Formatter", "Formatting", 2), Work("generate", "generate", "Generator", "Generation", 3),
        Work("produce", "generate", "Producer", "Production", 3), Work("prepare", "prepare", "Preparer", "Preparation", 2), Work("compile", "report", "Compiler", "Reporting", 2),
        Deliver("report", "report", "Reporter", "Reporting"), Work("moderate", "moderate", "Moderator", "Moderation", 3), Work("resolve", "resolve", "Resolver", "Resolution", 3),
        Work("process", "process", "Processor", "Processing", 2), Work("handle", "process", "Handler", "Handling", 2), Work("approve", "check", "Approver", "Approval", 2),
        Work("escalate", "escalate", "Escalation Handler", "Escalation", 2), Work("route", "route", "Router", "Routing", 2), Work("assign", "route", "Dispatcher", "Assignment", 2),
        Work("interview", "interview", "Interviewer", "Interviewing", 3), Work("design", "design", "Designer", "Design", 3), Work("test", "check", "Tester", "Testing", 2),
        Work("optimise", "optimise", "Optimiser", "Optimisation", 3), Work("optimize", "optimise", "Optimizer", "Optimization", 3), Work("price", "price", "Pricer", "Pricing", 3),
        Work("follow up", "follow up", "Follow-up Writer", "Follow-up", 2), Work("decide", "analyse", "Assessor", "Decision", 3), Work("group", "classify", "Grouper", "Grouping", 3),
        Work("back up", "backup", "Backup Operator", "Backup", 2), Work("hold", "check", "Holder", "Holding", 1), Work("archive", "archive", "Archivist", "Archiving", 1),
        Deliver("email", "send", "Correspondent", "Mailing"), Deliver("e-mail", "send", "Correspondent", "Mailing"), Deliver("send", "send", "Dispatcher", "Delivery"),
        Deliver("post", "send", "Publisher", "Posting"), Deliver("publish", "send", "Publisher", "Publishing"), Deliver("share", "send", "Publisher", "Sharing"),
        Deliver("forward", "send", "Dispatcher", "Forwarding"), Deliver("deliver", "send", "Dispatcher", "Delivery"), Deliver("notify", "notify", "Notifier", "Alerting"),
        Deliver("alert", "notify", "Notifier", "Alerting"), Deliver("remind", "notify", "Reminder", "Reminders"), Deliver("message", "send", "Correspondent", "Messaging"),
        Deliver("create", "record", "Creator", "Creation"), Deliver("add", "record", "Recorder", "Recording"), Deliver("append", "record", "Recorder", "Recording"),
        Deliver("save", "record", "Recorder", "Recording"), Deliver("store", "record", "Recorder", "Recording"), Deliver("log", "record", "Logger", "Logging"),
        Deliver("record", "record", "Recorder", "Recording"), Deliver("update", "record", "Updater", "Update"), Deliver("upload", "record", "Uploader", "Upload"),
        Deliver("sync", "record", "Synchroniser", "Sync"), Deliver("write back", "record", "Updater", "Write-back"), Deliver("book", "record", "Booker", "Booking"),
        Deliver("invite", "send", "Inviter", "Invitations"), Deliver("tell", "notify", "Notifier", "Alerting"), Deliver("put", "record", "Recorder", "Recording"), Deliver("open", "record", "Creator", "Creation"),
    ];

    private static readonly Dictionary<string, VerbSense> ByVerb = Senses.ToDictionary(sense => sense.Verb);

    private static readonly Dictionary<string, string> Irregular = new()
    {
        ["sent"] = "send", ["wrote"] = "write", ["written"] = "write", ["read"] = "read", ["found"] = "find", ["got"] = "get",
        ["chose"] = "choose", ["chosen"] = "choose", ["drew"] = "draw", ["put"] = "put",
    };

    /// <summary>Verbs that take the person told as their first object: "email the finance team a list".</summary>
    public static readonly HashSet<string> TakesRecipient = ["email", "e-mail", "send", "message", "tell", "notify", "alert", "remind", "forward", "invite"];

    /// <summary>Verbs that take a particle, whether next to them or after their object: "look up the lead", "look them up".</summary>
    public static readonly Dictionary<string, string> Particles = new() { ["look"] = "up", ["follow"] = "up", ["write"] = "back", ["back"] = "up" };

    public static VerbSense? Find(string verb) => ByVerb.GetValueOrDefault(verb);

    /// <summary>The sense of <paramref name="word"/> when it is a form of a known verb ("triages", "drafting", "matched").</summary>
    public static VerbSense? Sense(string word)
    {
        var lower = word.ToLowerInvariant();
        if (Irregular.TryGetValue(lower, out var irregular))
        {
            return ByVerb.GetValueOrDefault(irregular);
        }

        return Candidates(lower).Select(candidate => ByVerb.GetValueOrDefault(candidate)).FirstOrDefault(sense => sense is not null);
    }

    private static IEnumerable<string> Candidates(string word)
    {
        yield return word;
        if (word.EndsWith("ies", StringComparison.Ordinal))
        {
            yield return word[..^3] + "y";
        }

        if (word.EndsWith("es", StringComparison.Ordinal))
        {
            yield return word[..^2];
        }

        if (word.EndsWith('s'))
        {
            yield return word[..^1];
        }

        if (word.Length > 5 && (word.EndsWith("ing", StringComparison.Ordinal) || word.EndsWith("ed", StringComparison.Ordinal)))
        {
            var stem = word.EndsWith("ing", StringComparison.Ordinal) ? word[..^3] : word[..^2];
            yield return stem;
            yield return stem + "e";
            if (stem.Length > 2 && stem[^1] == stem[^2])
            {
                yield return stem[..^1];
            }
        }
    }

    private static VerbSense Read(string verb, string family, string noun, string activity) => new(verb, family, noun, activity, JobKind.Read, 1);

    private static VerbSense Work(string verb, string family, string noun, string activity, int weight) => new(verb, family, noun, activity, JobKind.Work, weight);

    private static VerbSense Deliver(string verb, string family, string noun, string activity) => new(verb, family, noun, activity, JobKind.Deliver, 0);
}
