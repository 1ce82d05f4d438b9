namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// The sentences of a template-mode design, built from a job's parts: what it does (its verb phrase as the requirement
/// says it), from where, to where, how often, and who works on its result next.
/// </summary>
internal static class CrewSentences
{
    public static string Summary(IReadOnlyList<Capability> jobs) =>
        $"A crew of {jobs.Count} AI agents that will {Sentence.List([.. jobs.Select(job => Lower(Action(job)))])}.";

    public static string Goal(Capability job, string? nextRole) =>
        $"{Scheduled(job)}, so that {(nextRole is null ? "the team can act on the result straight away" : $"the {nextRole} has everything it needs")}.";

    public static string Backstory(Capability job, string role, WorkedJob? worked) =>
        $"You are an experienced {role}. {worked?.Expertise ?? Craft(job)} You work from evidence, say plainly when a fact is missing, "
        + "and hand over work the next step can use without asking again.";

    public static string Description(Capability job, string point, string? previousRole) =>
        $"{Scheduled(job)}. This answers the requirement's point \u201c{point}\u201d. "
        + (previousRole is null ? "Start from the knowledge files and the requirement itself. " : $"Work from what the {previousRole} handed over. ")
        + (job.Quantity is { } quantity ? $"Keep to the number the requirement gives: {quantity}. " : "")
        + "Note any assumption you had to make.\n\nThe whole requirement, for context: {requirement}";

    public static string ExpectedOutput(Capability job, bool last)
    {
        var things = Things(job);
        var sense = VerbLexicon.Find(job.Verb);
        var output = (sense?.Kind, sense?.Family) switch
        {
            (JobKind.Read, _) => $"A Markdown table of {things}, one row each, with the fields the later tasks need and the source of each.",
            (JobKind.Deliver, _) => $"A Markdown record of what was delivered to {Destination(job)}: the message or entry itself and where it went.",
            (_, "monitor") => $"A Markdown list of what changed in {things} since the last run, with where each change was seen.",
            (_, "check" or "match" or "compare") => $"A Markdown table with one row for each of {things}, showing the result of the check and the reason for it, with mismatches first.",
            (_, "classify" or "prioritise") => $"A Markdown table of {things} with the label given to each and a one-line reason.",
            (_, "score" or "screen" or "select") => $"A Markdown table of {things} with the score or decision for each and the evidence behind it.",
            (_, "write" or "edit" or "follow up") => $"The drafted text for {things} in Markdown, ready for a person to review before it is sent.",
            (_, "summarise" or "report") => $"A short Markdown digest of {things} that leads with what changed and what needs attention.",
            (_, "extract" or "enrich") => $"A Markdown table of {things}, one row per item, with any value that could not be found left blank and named.",
            (_, "translate") => $"The translated text of {things} in Markdown, with any term that has no clear translation marked.",
            _ => $"A Markdown section on {things} with the outcome and the reasoning behind it.",
        };
        return last ? $"{output} It ends with a short list of next steps for the people who asked for this crew." : output;
    }

    /// <summary>The job's verb phrase with its schedule in front: "Every night, export the day's Stripe payments".</summary>
    private static string Scheduled(Capability job) =>
        job.Schedule is { Length: > 0 } schedule ? $"{Sentence.Capitalise(schedule)}, {Lower(Action(job))}" : Action(job);

    private static string Action(Capability job) => job.Action ?? Sentence.Capitalise($"{job.Verb} {Things(job)}");

    private static string Craft(Capability job) => VerbLexicon.Find(job.Verb)?.Kind switch
    {
        JobKind.Read => $"You know how to get complete, accurate data out of {(job.Sources is { Count: > 0 } sources ? Sentence.List(sources) : "the systems a team already uses")}.",
        JobKind.Deliver => $"You make sure what the crew found reaches {Destination(job)} in a form people can use at once.",
        _ => $"Your craft is to {Lower(Action(job))}, carefully and in a way others can check.",
    };

    private static string Destination(Capability job) => job.Destinations is { Count: > 0 } destinations ? Sentence.List(destinations) : "the right people";

    /// <summary>The job's object as a sentence names all of them: "the payouts", "the totals and due dates".</summary>
    private static string Things(Capability job)
    {
        var phrase = JobNames.Phrase(job.Subject);
        return phrase.IsEmpty ? "the work" : (phrase with { Plural = !phrase.IsList && !Inflection.IsUncountable(phrase.Words[^1]) }).Definite;
    }

    private static string Lower(string sentence) =>
        sentence.Length > 1 && char.IsUpper(sentence[0]) && !char.IsUpper(sentence[1]) ? char.ToLowerInvariant(sentence[0]) + sentence[1..] : sentence;
}
