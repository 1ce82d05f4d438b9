namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// Jobs for a requirement that names fewer than two: the worked design's flow when it is in a gallery domain, else a
/// reviewer (or, before a delivery, a preparer); with no verb at all, research, analysis and a report on its topic.
/// </summary>
internal static class JobCompanions
{
    /// <summary>In a requirement with no verb this reader knows (another language, perhaps), its longer words are its nouns.</summary>
    private const int LongWord = 5;

    public static IReadOnlyList<Job> Complete(IReadOnlyList<Job> jobs, WorkedDesign? worked, IReadOnlyList<string> tokens, string? schedule)
    {
        if (jobs.Count >= JobPlanner.MinJobs)
        {
            return jobs;
        }

        if (jobs.Count == 0)
        {
            var topic = Topic(tokens);
            return
            [
                Synthetic("research", topic, $"Research {topic.Definite}", schedule),
                Synthetic("analyse", topic, $"Analyse what the research found about {topic.Definite}", schedule),
                Synthetic("write", topic with { Words = [.. topic.Words, "report"] }, $"Write a report on {topic.Definite}", schedule),
            ];
        }

        var only = jobs[0];
        if (worked is not null && worked.Jobs.Any(job => job.Family != only.Clause.Sense.Family))
        {
            var flow = worked.Jobs.Where(job => job.Family != only.Clause.Sense.Family)
                .Select(job => Synthetic(job.Verb, JobNames.Phrase(job.Subject), Sentence.Capitalise($"{job.Verb} {job.Subject}"), only.Clause.Schedule));
            var before = worked.Jobs.TakeWhile(job => job.Family != only.Clause.Sense.Family).Count();
            var all = flow.ToList();
            all.Insert(Math.Min(before, all.Count), only);
            return all.Take(JobPlanner.MaxJobs).ToList();
        }

        var things = only.Clause.Object with { Plural = !only.Clause.Object.IsList && !only.Clause.Object.IsEmpty && !Inflection.IsUncountable(only.Clause.Object.Words[^1]) };
        return only.Clause.Sense.Kind == JobKind.Deliver
            ? [Synthetic("prepare", only.Clause.Object, $"Prepare {things.Definite}", only.Clause.Schedule), only]
            : [only, Synthetic("review", only.Clause.Object, $"Review {things.Definite} for accuracy and completeness", only.Clause.Schedule)];
    }

    private static Job Synthetic(string verb, NounPhrase phrase, string action, string? schedule) =>
        new(new ReadClause(VerbLexicon.Find(verb)!, phrase, action, action, schedule, null, [], [], []), true, [Sentence.Join([Lower(action)])]);

    /// <summary>What a requirement without a known verb is about: the phrase after "about" or "on", else its first noun phrase.</summary>
    private static NounPhrase Topic(IReadOnlyList<string> tokens)
    {
        var about = tokens.Select((token, at) => (token, at)).FirstOrDefault(item => item.token.ToLowerInvariant() is "about" or "on" or "regarding" or "into").at;
        var start = about > 0 ? about + 1 : tokens.Select((token, at) => (token, at))
            .FirstOrDefault(item => char.IsLetter(item.token[0]) && !WordClasses.Determiners.Contains(item.token.ToLowerInvariant())).at;
        var phrase = PhraseReader.Read(tokens, start, NounPhrase.Empty, capitalisedSystems: false).Phrase;
        var words = about > 0
            ? phrase.Words.Where(word => char.IsLetter(word[0]) && !WordClasses.Qualifiers.Contains(word.ToLowerInvariant())).Take(3).ToList()
            : [.. tokens.Skip(1).Where(word => word.Length >= LongWord && word.All(char.IsLetter)).Take(2)];
        return words.Count == 0 ? new NounPhrase(["requirement"], false, false, []) : new NounPhrase(words, false, false, phrase.Systems);
    }

    private static string Lower(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
