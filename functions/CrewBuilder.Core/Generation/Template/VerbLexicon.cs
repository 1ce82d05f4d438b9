namespace CrewBuilder.Core.Generation.Template;

/// <summary>Verbs a requirement uses for work an agent can do, with the name of the agent who does it.</summary>
internal static class VerbLexicon
{
    private static readonly Dictionary<string, string> AgentNouns = new()
    {
        ["triage"] = "Triager", ["draft"] = "Writer", ["write"] = "Writer", ["reply"] = "Responder",
        ["respond"] = "Responder", ["answer"] = "Responder", ["research"] = "Researcher", ["find"] = "Researcher",
        ["search"] = "Researcher", ["discover"] = "Scout", ["collect"] = "Collector", ["gather"] = "Collector",
        ["scrape"] = "Collector", ["fetch"] = "Collector", ["monitor"] = "Monitor", ["watch"] = "Monitor",
        ["track"] = "Tracker", ["analyse"] = "Analyst", ["analyze"] = "Analyst", ["review"] = "Reviewer",
        ["check"] = "Reviewer", ["verify"] = "Verifier", ["validate"] = "Validator", ["summarise"] = "Summarizer",
        ["summarize"] = "Summarizer", ["classify"] = "Classifier", ["categorise"] = "Classifier",
        ["categorize"] = "Classifier", ["tag"] = "Classifier", ["label"] = "Classifier", ["prioritise"] = "Prioritizer",
        ["prioritize"] = "Prioritizer", ["route"] = "Router", ["assign"] = "Dispatcher", ["dispatch"] = "Dispatcher",
        ["schedule"] = "Scheduler", ["plan"] = "Planner", ["generate"] = "Generator", ["produce"] = "Producer",
        ["compile"] = "Compiler", ["report"] = "Reporter", ["notify"] = "Notifier", ["alert"] = "Notifier",
        ["send"] = "Dispatcher", ["email"] = "Correspondent", ["post"] = "Publisher", ["publish"] = "Publisher",
        ["translate"] = "Translator", ["extract"] = "Extractor", ["parse"] = "Parser", ["score"] = "Scorer",
        ["rank"] = "Ranker", ["qualify"] = "Qualifier", ["recommend"] = "Advisor", ["suggest"] = "Advisor",
        ["forecast"] = "Forecaster", ["predict"] = "Forecaster", ["detect"] = "Detector", ["flag"] = "Detector",
        ["identify"] = "Spotter", ["audit"] = "Auditor", ["optimise"] = "Optimizer", ["optimize"] = "Optimizer",
        ["update"] = "Maintainer", ["enrich"] = "Enricher", ["clean"] = "Curator", ["compare"] = "Comparer",
        ["evaluate"] = "Evaluator", ["assess"] = "Assessor", ["test"] = "Tester", ["design"] = "Designer",
        ["edit"] = "Editor", ["proofread"] = "Editor", ["reconcile"] = "Reconciler", ["process"] = "Processor",
        ["handle"] = "Handler", ["manage"] = "Manager", ["coordinate"] = "Coordinator", ["screen"] = "Screener",
        ["interview"] = "Interviewer", ["negotiate"] = "Negotiator", ["price"] = "Pricer", ["invoice"] = "Biller",
        ["book"] = "Booker", ["transcribe"] = "Transcriber", ["outline"] = "Outliner", ["create"] = "Creator",
        ["build"] = "Builder", ["prepare"] = "Preparer", ["convert"] = "Converter", ["document"] = "Documenter",
        ["moderate"] = "Moderator", ["resolve"] = "Resolver", ["escalate"] = "Escalation Handler",
    };

    /// <summary>The base form of <paramref name="word"/> when it is a known verb ("triages" → "triage").</summary>
    public static string? BaseForm(string word)
    {
        foreach (var candidate in Candidates(word))
        {
            if (AgentNouns.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static string AgentNoun(string verb) => AgentNouns.GetValueOrDefault(verb, "Specialist");

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

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            yield return word[..^3];
            yield return word[..^3] + "e";
        }
    }
}
