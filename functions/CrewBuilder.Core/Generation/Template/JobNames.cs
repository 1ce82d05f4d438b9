namespace CrewBuilder.Core.Generation.Template;

/// <summary>Names made from a job: the agent's role ("Payout Matcher"), the task's key, the crew's product name.</summary>
internal static class JobNames
{
    private const int RoleWords = 3;
    private const int TitleWords = 2;

    /// <summary>Holders that are what a writing job makes: a "Meeting Summary Writing Crew" keeps its "Summary".</summary>
    private static readonly HashSet<string> Documents = ["summary", "report", "digest", "overview", "breakdown"];

    public static NounPhrase Phrase(string subject) => PhraseReader.Read(RequirementText.Tokens(subject), 0, NounPhrase.Empty, capitalisedSystems: false).Phrase;

    /// <summary>"Stripe Payment Exporter": the object's name and the doer's noun, without saying a word twice ("Reply Writer", not "Reply Reply Writer").</summary>
    public static string Role(string subject, string agentNoun)
    {
        var name = Phrase(subject).NameWords(RoleWords).Select(Title).ToList();
        var noun = agentNoun.Split(' ');
        if (name.Count > 0 && string.Equals(Inflection.Singular(name[^1]), noun[0], StringComparison.OrdinalIgnoreCase))
        {
            name.RemoveAt(name.Count - 1);
        }

        return string.Join(' ', [.. name, .. noun]);
    }

    /// <summary>"Payout Matching Crew": the main object (a holder such as "pages" left out) and the main job's activity.</summary>
    public static string CrewTitle(string subject, string activity)
    {
        var words = Phrase(subject).NameWords(TitleWords + 1).ToList();
        if (words.Count > 1 && WordClasses.Holders.Contains(words[^1].ToLowerInvariant()) && !(activity is "Writing" or "Drafting" && Documents.Contains(words[^1].ToLowerInvariant())))
        {
            words.RemoveAt(words.Count - 1);
        }

        var name = words.Count > TitleWords ? words[^TitleWords..] : words;
        var title = string.Join(' ', [.. name.Select(Title), .. activity.Split(' ').Where(word => !name.Contains(word, StringComparer.OrdinalIgnoreCase))]);
        return Naming.EndingIn(title, "crew") is var crew && crew.EndsWith(" crew", StringComparison.Ordinal) ? crew[..^5] + " Crew" : crew;
    }

    /// <summary>"Stripe" stays as spelled, "payout" becomes "Payout", "#pricing" "Pricing".</summary>
    public static string Title(string word)
    {
        var bare = word.TrimStart('#');
        return bare.Any(char.IsUpper) ? bare : char.ToUpperInvariant(bare[0]) + bare[1..];
    }
}
