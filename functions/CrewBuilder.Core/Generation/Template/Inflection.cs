namespace CrewBuilder.Core.Generation.Template;

/// <summary>English number and articles, enough for the nouns of requirements: "replies" ↔ "reply", "an invoice".</summary>
internal static class Inflection
{
    private static readonly Dictionary<string, string> IrregularPlurals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["people"] = "person", ["children"] = "child", ["men"] = "man", ["women"] = "woman", ["data"] = "data", ["media"] = "media",
        ["criteria"] = "criterion", ["analyses"] = "analysis", ["news"] = "news", ["series"] = "series", ["status"] = "status",
        ["analytics"] = "analytics", ["sales"] = "sales", ["business"] = "business", ["process"] = "process", ["address"] = "address",
        ["access"] = "access", ["success"] = "success", ["cvs"] = "CV", ["pdfs"] = "PDF", ["faqs"] = "FAQ", ["kpis"] = "KPI",
        ["details"] = "details", ["finances"] = "finances", ["payables"] = "payables", ["receivables"] = "receivables", ["jobs"] = "job",
    };

    private static readonly HashSet<string> Uncountable = ["data", "feedback", "information", "news", "pricing", "revenue", "software", "content", "research", "availability", "inventory", "finance", "support", "stock", "traffic", "spend", "churn", "sentiment", "evidence", "advice", "mail", "email", "e-mail", "media", "analytics", "sales", "payroll", "uptime"];

    public static string Singular(string word)
    {
        if (IrregularPlurals.TryGetValue(word, out var single))
        {
            return MatchCase(word, single);
        }

        var lower = word.ToLowerInvariant();
        if (lower.Length < 4 || !lower.EndsWith('s') || lower.EndsWith("ss", StringComparison.Ordinal) || lower.EndsWith("us", StringComparison.Ordinal) || lower.EndsWith("is", StringComparison.Ordinal))
        {
            return word;
        }

        if (lower.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        return lower.EndsWith("ches", StringComparison.Ordinal) || lower.EndsWith("shes", StringComparison.Ordinal) || lower.EndsWith("xes", StringComparison.Ordinal)
            || lower.EndsWith("sses", StringComparison.Ordinal) || lower.EndsWith("zes", StringComparison.Ordinal)
            ? word[..^2]
            : word[..^1];
    }

    public static string Plural(string word)
    {
        var lower = word.ToLowerInvariant();
        if (IrregularPlurals.ContainsKey(word) || Uncountable.Contains(lower) || IsPlural(word) || !char.IsLetter(word[^1]))
        {
            return word;
        }

        if (lower.EndsWith('y') && lower.Length > 1 && !"aeiou".Contains(lower[^2]))
        {
            return word[..^1] + "ies";
        }

        return lower.EndsWith('s') || lower.EndsWith('x') || lower.EndsWith("ch", StringComparison.Ordinal) || lower.EndsWith("sh", StringComparison.Ordinal)
            ? word + "es"
            : word + "s";
    }

    public static bool IsPlural(string word) =>
        IrregularPlurals.TryGetValue(word, out var single) ? !string.Equals(single, word, StringComparison.OrdinalIgnoreCase) : !string.Equals(Singular(word), word, StringComparison.Ordinal);

    public static bool IsUncountable(string word) => Uncountable.Contains(word.ToLowerInvariant());

    /// <summary>"a" or "an" as <paramref name="phrase"/> is said: "an invoice", "a user", "an SLA".</summary>
    public static string Article(string phrase)
    {
        var word = phrase.TrimStart('#');
        if (word.Length == 0)
        {
            return "a";
        }

        var lower = word.ToLowerInvariant();
        var vowelSound = word.Length > 1 && word.All(char.IsUpper)
            ? "AEFHILMNORSX".Contains(word[0])
            : "aeiou".Contains(lower[0]) && !lower.StartsWith("use", StringComparison.Ordinal) && !lower.StartsWith("uni", StringComparison.Ordinal)
                && !lower.StartsWith("one", StringComparison.Ordinal) && !lower.StartsWith("eu", StringComparison.Ordinal) || lower.StartsWith("hour", StringComparison.Ordinal);
        return vowelSound ? "an" : "a";
    }

    private static string MatchCase(string original, string replacement) =>
        char.IsUpper(original[0]) && char.IsLower(replacement[0]) ? char.ToUpperInvariant(replacement[0]) + replacement[1..] : replacement;
}
