namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// What follows a clause's object: phrases opened by a preposition, each read as a source ("from Stripe", "in our
/// Outlook mailbox"), a destination ("to the #pricing channel in Slack"), a reference checked against ("against the
/// invoices in QuickBooks") or a quantity ("from 1 to 100"); a relative clause ("whose amounts differ…") is kept as
/// written. <see cref="Text"/> is the whole rest with its pronouns replaced by what they stand for.
/// </summary>
internal sealed record Modifiers(
    string Text, NounPhrase FirstPhrase, IReadOnlyList<string> Sources, IReadOnlyList<string> Destinations, IReadOnlyList<(string System, NounPhrase Data)> References)
{
    private enum Role { None, Source, Destination, Reference, Quantity, Other }

    private static readonly HashSet<string> Openers =
    [
        "from", "to", "into", "onto", "in", "inside", "on", "at", "within", "against", "with", "than", "versus", "vs", "via", "through", "using",
        "for", "by", "about", "of", "per", "over", "across", "like", "as",
    ];

    public static Modifiers Read(IReadOnlyList<string> tokens, int start, NounPhrase subject, NounPhrase kind, VerbSense sense)
    {
        var text = new List<string>();
        var sources = new List<string>();
        var destinations = new List<string>();
        var references = new List<(string, NounPhrase)>();
        var first = NounPhrase.Empty;
        var reference = NounPhrase.Empty;
        var last = Role.None;
        var conditional = false;
        var i = start;
        while (i < tokens.Count)
        {
            var lower = tokens[i].ToLowerInvariant();
            conditional |= WordClasses.RelativeWords.Contains(lower) || WordClasses.Subordinators.Contains(lower) && !Openers.Contains(lower);
            if (!Openers.Contains(lower))
            {
                text.Add(Sentence.Ours([tokens[i]]).Single());
                i++;
                continue;
            }

            var (phrase, end, pronoun) = PhraseReader.Read(tokens, i + 1, subject, capitalisedSystems: true, kind);
            var role = conditional ? Role.Other : Classify(lower, phrase, last, sense);
            if (role is Role.Source or Role.Destination)
            {
                (role == Role.Source ? sources : destinations).AddRange(phrase.Systems);
            }

            if (role == Role.Reference)
            {
                reference = lower is "in" or "inside" or "on" or "at" or "within" && !reference.IsEmpty ? reference : phrase;
                references.AddRange(phrase.Systems.Select(system => (system, reference)));
            }

            first = first.IsEmpty && role != Role.Quantity ? phrase : first;
            text.Add(tokens[i]);
            text.Add(pronoun ? Standing(tokens[i + 1], phrase) : PhraseReader.Said(tokens, i + 1, end, phrase));
            last = role;
            i = Math.Max(end, i + 1);
        }

        return new Modifiers(Sentence.Join(text), first, sources, destinations, references);
    }

    /// <summary>What a pronoun after a preposition says, spelled out: "of each" → "of each vendor invoice", "to them" → "to the leads".</summary>
    private static string Standing(string pronoun, NounPhrase phrase) =>
        phrase.IsEmpty || WordClasses.PersonPronouns.Contains(pronoun.ToLowerInvariant()) ? pronoun : pronoun.Equals("each", StringComparison.OrdinalIgnoreCase) ? $"each {phrase.SingularText}" : phrase.Definite;

    private static Role Classify(string preposition, NounPhrase phrase, Role last, VerbSense sense) => preposition switch
    {
        "to" when sense.Verb is "reply" or "respond" or "answer" => Role.Other,
        "with" or "via" or "through" or "using" when phrase.Systems.Count > 0 => Role.Source,
        "in" or "inside" or "on" or "at" or "within" when last == Role.None && phrase.Systems.Any(KnownSystems.IsChannel) => sense.Kind == JobKind.Deliver ? Role.Destination : Role.Other,
        "from" when phrase.Words.Count > 0 && phrase.Words.All(word => char.IsDigit(word[0])) => Role.Quantity,
        "from" or "via" or "through" or "using" => Role.Source,
        "to" or "into" or "onto" => last == Role.Quantity ? Role.Quantity : Role.Destination,
        "in" or "inside" or "on" or "at" or "within" => last is Role.Source or Role.Destination or Role.Reference or Role.Other ? last
            : sense.Kind == JobKind.Deliver ? Role.Destination : Role.Source,
        "against" or "than" or "versus" or "vs" or "like" => Role.Reference,
        "with" => sense.Kind == JobKind.Deliver ? Role.Other : Role.Reference,
        _ => Role.Other,
    };
}
