namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// Reads a requirement as clauses, each as a verb, the object phrase it acts on and its modifiers: the system it reads
/// from, the destination it delivers to, what it checks against, how often. A clause opening with "when" or "if" names
/// the trigger and what later pronouns stand for ("When a new lead signs up…, look them up…").
/// </summary>
internal static class ClauseReader
{
    private static readonly NounPhrase Unnamed = new(["item"], false, false, []);

    public static (IReadOnlyList<ReadClause> Clauses, string? Schedule) Read(string requirement)
    {
        var clauses = new List<ReadClause>();
        string? crewSchedule = null;
        string? trigger = null;
        var previous = NounPhrase.Empty;
        var previousName = NounPhrase.Empty;
        var first = NounPhrase.Empty;
        foreach (var raw in ClauseSplitter.Split(RequirementText.Tokens(requirement)))
        {
            var (schedule, rest) = Schedules.Take(Join(raw));
            crewSchedule ??= schedule;
            var tokens = RequirementText.Tokens(rest).Where(token => token != "\n").ToList();
            if (tokens.Count == 0)
            {
                continue;
            }

            if (WordClasses.Subordinators.Contains(tokens[0].ToLowerInvariant()) && !tokens[0].Equals("as", StringComparison.OrdinalIgnoreCase))
            {
                (trigger, previous) = Trigger(tokens, previous);
                (previousName, first) = (previous, first.IsEmpty ? previous : first);
                crewSchedule ??= trigger;
                continue;
            }

            if (Job(tokens, new Antecedents(previous, previousName, first), schedule ?? trigger) is var (clause, antecedent))
            {
                first = first.IsEmpty ? antecedent : first;
                clauses.Add(clause);
                (previous, previousName) = antecedent.IsEmpty ? (previous, previousName) : (antecedent, antecedent == previous ? previousName : clause.Object);
            }
        }

        return (clauses, crewSchedule);
    }

    /// <summary>"When a new lead signs up on our website": the trigger, and its subject ("new lead") for the pronouns after it.</summary>
    private static (string Trigger, NounPhrase Subject) Trigger(List<string> tokens, NounPhrase previous)
    {
        var end = 1;
        while (end < tokens.Count && !WordClasses.StateVerbs.Contains(tokens[end].ToLowerInvariant()) && VerbLexicon.Sense(tokens[end]) is null && !RequirementText.IsMark(tokens[end]))
        {
            end++;
        }

        var (subject, _, _) = PhraseReader.Read(tokens[..end], 1, previous, capitalisedSystems: false);
        var text = Sentence.Join(Sentence.Ours(tokens.Skip(1)));
        return ($"whenever {text}", subject.IsEmpty ? previous : subject);
    }

    /// <summary>The clause's job, and what a pronoun in the next clause stands for.</summary>
    private static (ReadClause Clause, NounPhrase Antecedent)? Job(List<string> tokens, Antecedents before, string? schedule)
    {
        var previous = before.Previous;
        var start = AfterCrewFrame(tokens);
        var at = Enumerable.Range(start, tokens.Count - start).FirstOrDefault(i => ClauseSplitter.IsVerbHere(tokens, i) && !DescribesTheCrew(tokens, i), -1);
        if (at < 0)
        {
            return null;
        }

        var body = tokens[(at + 1)..];
        if ((Phrasal(tokens[at], body) ?? VerbLexicon.Sense(tokens[at])) is not { } sense)
        {
            return null;
        }

        var recipient = new List<string>();
        if (VerbLexicon.TakesRecipient.Contains(sense.Verb))
        {
            var (first, firstEnd, _) = PhraseReader.Read(body, 0, previous, capitalisedSystems: true, before.First);
            var secondStarts = firstEnd < body.Count && !RequirementText.IsMark(body[firstEnd]) && !WordClasses.Prepositions.Contains(body[firstEnd].ToLowerInvariant())
                && !WordClasses.RelativeWords.Contains(body[firstEnd].ToLowerInvariant()) && !WordClasses.Subordinators.Contains(body[firstEnd].ToLowerInvariant());
            if (!first.IsEmpty && (secondStarts || sense.Family == "notify"))
            {
                recipient = [.. body[..firstEnd]];
                body = body[firstEnd..];
            }
        }

        var (phrase, end, pronoun) = PhraseReader.Read(body, 0, previous, capitalisedSystems: false, before.First);
        var asks = phrase.IsEmpty && end < body.Count && WordClasses.Wh.Contains(body[end].ToLowerInvariant());
        if (asks)
        {
            (phrase, pronoun) = Asked(body, end, previous, before.First);
        }

        var modifiers = Modifiers.Read(body, end, previous, before.First, sense);
        var recipientPhrase = recipient.Count > 0 ? PhraseReader.Read(recipient, 0, previous, capitalisedSystems: true).Phrase : NounPhrase.Empty;
        var subject = !phrase.IsEmpty ? phrase : !recipientPhrase.IsEmpty ? recipientPhrase : modifiers.FirstPhrase.IsEmpty ? previous : modifiers.FirstPhrase;
        if (subject.IsEmpty && pronoun && WordClasses.ThingPronouns.Contains(body[end - 1].ToLowerInvariant()))
        {
            // "Check it and send it to me" names nothing for "it" to stand for.
            subject = Unnamed;
        }

        var objectText = pronoun && !asks ? subject.Definite : PhraseReader.Said(body, 0, end, phrase);
        var question = asks && pronoun ? SpelledOut(modifiers.Text, body[end], body[end + 1], subject.Definite) : modifiers.Text;
        var action = Sentence.Join([sense.Verb, .. Sentence.Ours(recipient), objectText, question]);
        var point = Sentence.Join(tokens.Skip(start));
        var ownedBy = body.ElementAtOrDefault(end)?.ToLowerInvariant() == "of" ? modifiers.FirstPhrase
            : subject.Words.Count(word => word is "," or "and" or "or") >= 2 ? previous : NounPhrase.Empty;
        var named = pronoun && subject == previous ? before.PreviousName : subject.IsList ? Details(ownedBy, subject) : subject;
        var clause = new ReadClause(sense, named, Sentence.Capitalise(action), point, schedule, Quantity(body.Take(end)),
            [.. phrase.Systems.Where(_ => sense.Kind != JobKind.Deliver), .. modifiers.Sources], modifiers.Destinations, modifiers.References);
        return (clause, phrase.IsEmpty && !recipientPhrase.IsEmpty ? previous : subject);
    }

    /// <summary>
    /// The thing a question clause is about: "what people say about our brand and our rivals" → brand mentions, "whether it qualifies" →
    /// what "it" stands for.
    /// </summary>
    private static (NounPhrase Phrase, bool Pronoun) Asked(List<string> body, int wh, NounPhrase previous, NounPhrase first)
    {
        var about = body.FindIndex(wh, token => token.Equals("about", StringComparison.OrdinalIgnoreCase));
        var (phrase, _, pronoun) = PhraseReader.Read(body, about > 0 ? about + 1 : wh + 1, previous, capitalisedSystems: false, first);
        var saying = about > 0 && body.Skip(wh).Take(about - wh).Any(token => WordClasses.SayingVerbs.Contains(token.ToLowerInvariant()));
        return saying && !phrase.IsEmpty
            ? (new NounPhrase([.. phrase.Words.TakeWhile(word => word is not ("and" or "or" or ",")), "mentions"], false, false, phrase.Systems), pronoun)
            : (phrase, pronoun);
    }

    /// <summary>"whether it qualifies" → "whether the order qualifies".</summary>
    private static string SpelledOut(string question, string wh, string pronoun, string standsFor) =>
        question.StartsWith($"{wh} {pronoun} ", StringComparison.OrdinalIgnoreCase) ? $"{wh} {standsFor} {question[(wh.Length + pronoun.Length + 2)..]}" : question;

    /// <summary>What pronouns stand for: the object before (as said and as named), and the first thing acted on (for "ones").</summary>
    private sealed record Antecedents(NounPhrase Previous, NounPhrase PreviousName, NounPhrase First);

    /// <summary>A list of fields is named after what holds them: "the totals and due dates of each invoice" → "invoice details".</summary>
    private static NounPhrase Details(NounPhrase owner, NounPhrase list) =>
        owner.IsEmpty || owner.IsList ? list : new NounPhrase([.. owner.SingularText.Split(' '), "details"], false, false, owner.Systems);

    /// <summary>"A crew that triages…", "I need an agent to…": the words about the crew itself are not a job.</summary>
    private static int AfterCrewFrame(List<string> tokens)
    {
        for (var i = 0; i < Math.Min(tokens.Count - 1, 9); i++)
        {
            if (WordClasses.CrewNouns.Contains(tokens[i].ToLowerInvariant()) && tokens[i + 1].ToLowerInvariant() is "that" or "which" or "who" or "to")
            {
                return i + 2;
            }
        }

        return 0;
    }

    private static bool DescribesTheCrew(List<string> tokens, int at) =>
        Enumerable.Range(at + 1, Math.Min(3, tokens.Count - at - 1)).Any(i => WordClasses.BuiltThings.Contains(tokens[i].ToLowerInvariant()));

    /// <summary>A verb with its particle ("look up"), taken out of the body wherever it stands ("look them up").</summary>
    private static VerbSense? Phrasal(string verb, List<string> body)
    {
        var stem = VerbLexicon.Particles.Keys.FirstOrDefault(key => verb.StartsWith(key, StringComparison.OrdinalIgnoreCase));
        if (stem is null)
        {
            return null;
        }

        var particle = VerbLexicon.Particles[stem];
        var at = body.Take(4).ToList().FindIndex(token => token.Equals(particle, StringComparison.OrdinalIgnoreCase));
        if (at < 0)
        {
            return null;
        }

        body.RemoveAt(at);
        return VerbLexicon.Find($"{stem} {particle}");
    }

    private static string? Quantity(IEnumerable<string> objectTokens)
    {
        var numbers = objectTokens.SkipWhile(token => WordClasses.Determiners.Contains(token.ToLowerInvariant()))
            .TakeWhile(token => char.IsDigit(token[0]) || WordClasses.NumberWords.Contains(token.ToLowerInvariant())).ToList();
        return numbers.Count > 0 && numbers.Any(token => char.IsDigit(token[0]) || token.ToLowerInvariant() is not ("top" or "first" or "up" or "least" or "most"))
            ? string.Join(' ', numbers) : null;
    }

    private static string Join(IEnumerable<string> tokens) => string.Join(' ', tokens);
}
