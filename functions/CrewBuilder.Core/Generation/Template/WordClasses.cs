namespace CrewBuilder.Core.Generation.Template;

/// <summary>The small closed classes of English words the clause reader needs to know by name.</summary>
internal static class WordClasses
{
    public static readonly HashSet<string> Determiners =
    [
        "a", "an", "the", "our", "my", "their", "its", "your", "his", "her", "all", "any", "each", "every", "some", "these", "those",
        "this", "that", "both", "either", "no", "another", "other", "such", "several", "many", "most", "few",
    ];

    /// <summary>Determiners that speak of every item, so the phrase reads as a plural in a sentence ("every payout" → "the payouts").</summary>
    public static readonly HashSet<string> Distributive = ["each", "every", "any", "all"];

    public static readonly HashSet<string> Prepositions =
    [
        "for", "to", "from", "with", "into", "in", "on", "onto", "by", "about", "at", "against", "via", "through", "per", "across", "within",
        "over", "under", "after", "before", "until", "as", "like", "using", "inside", "between", "among", "toward", "towards", "without",
        "than", "versus", "vs", "off", "out", "up", "down", "of", "around", "since", "during", "along",
    ];

    public static readonly HashSet<string> RelativeWords = ["whose", "that", "which", "who", "whom", "where", "when", "what", "whenever", "wherever"];

    public static readonly HashSet<string> Subordinators = ["when", "whenever", "if", "once", "after", "before", "as", "while", "until", "because", "since", "unless"];

    /// <summary>Words that stand for something named before them; they take the object of the clause before.</summary>
    public static readonly HashSet<string> Pronouns = ["them", "it", "they", "those", "these", "this", "that", "each", "ones", "one", "all", "both", "everything", "him", "her", "theirs", "me", "us", "you"];

    /// <summary>Verbs of saying: "what people say about our brand" asks for mentions of it.</summary>
    public static readonly HashSet<string> SayingVerbs = ["say", "says", "said", "saying", "write", "writes", "post", "posts", "talk", "talks", "think", "thinks", "feel", "feels"];

    /// <summary>Pronouns for people: "send it to me" is said to the person who asked, not to the thing before.</summary>
    public static readonly HashSet<string> PersonPronouns = ["me", "us", "you", "him", "her"];

    /// <summary>Pronouns for things (not people): what the job acts on when nothing before names it.</summary>
    public static readonly HashSet<string> ThingPronouns = ["it", "them", "they", "this", "these", "those", "that", "everything", "all"];

    /// <summary>"The risky ones", "the ones written in German": the kind of thing the requirement is about, with a qualifier.</summary>
    public static readonly HashSet<string> Ones = ["ones", "one"];

    /// <summary>Verbs of being and happening; they end a subject ("a new lead signs up", "our audience is discussing").</summary>
    public static readonly HashSet<string> StateVerbs = ["is", "are", "was", "were", "gets", "get", "arrives", "arrive", "comes", "come", "signs", "sign", "lands", "appears", "has", "have", "goes", "drops", "fails", "changes", "exceeds", "opens", "submits", "places", "reaches", "falls", "becomes"];

    /// <summary>Verbs that end a noun phrase wherever they stand ("what our audience is discussing", "whether it qualifies").</summary>
    public static readonly HashSet<string> PhraseEnders = ["is", "are", "was", "were", "say", "says", "said", "do", "does", "think", "thinks", "qualifies", "qualify", "means", "mean"];

    public static readonly HashSet<string> Wh = ["what", "whether", "how", "which", "who", "where", "why"];

    /// <summary>Past participles that end a noun phrase and start a description of it ("a reply grounded in…", "the ones written in German").</summary>
    public static readonly HashSet<string> IrregularParticiples = ["written", "sent", "made", "given", "taken", "held", "built", "known", "shown", "paid", "found", "left", "done"];

    public static readonly HashSet<string> SubjectWords = ["i", "we", "you", "it", "they", "crew", "system", "agent", "agents", "assistant", "workflow", "pipeline"];

    /// <summary>Nouns that, right after a verb, make it describe the crew being built ("build a crew", "create an agent"); "team" is not one ("email the finance team").</summary>
    public static readonly HashSet<string> BuiltThings = ["crew", "system", "agent", "agents", "workflow", "pipeline", "assistant", "bot", "automation"];

    public static readonly HashSet<string> Modals = ["should", "must", "will", "would", "can", "could", "shall", "to", "please", "then", "also", "just", "first", "next", "finally", "automatically", "and", "or", "need", "needs", "want", "wants", "like", "help", "helps", "me", "us"];

    /// <summary>Nouns for the thing being built; a verb in front of them ("build a crew that…") describes the crew, not its work.</summary>
    public static readonly HashSet<string> CrewNouns = ["crew", "team", "system", "agent", "agents", "workflow", "pipeline", "assistant", "bot", "app", "tool", "something", "way", "service", "automation", "program"];

    /// <summary>Words of time; a possessive of one ("the day's payments") says when, not whose.</summary>
    public static readonly HashSet<string> TimeWords =
    [
        "day", "days", "night", "week", "weeks", "month", "months", "year", "years", "today", "yesterday", "tomorrow", "morning", "evening",
        "quarter", "hour", "last", "previous", "this", "next", "weekend", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ];

    /// <summary>Nouns that hold other things; "a list of payments" is about payments, and a holder can be dropped from a short name.</summary>
    public static readonly HashSet<string> Holders =
    [
        "list", "set", "batch", "summary", "table", "number", "count", "overview", "breakdown", "digest", "report", "collection", "group", "series",
        "copy", "version", "record", "records", "page", "pages", "site", "sites", "inbox", "mailbox", "account", "folder", "channel", "sheet", "feed", "details",
    ];

    public static readonly HashSet<string> NumberWords = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "fifty", "hundred", "dozen", "top", "first", "up", "least", "most"];

    /// <summary>Words that say which or how, not what; they never start a name ("new", "incoming").</summary>
    public static readonly HashSet<string> Qualifiers =
    [
        "new", "incoming", "latest", "recent", "relevant", "daily", "weekly", "monthly", "hourly", "nightly", "quarterly", "yearly", "annual",
        "open", "current", "existing", "outstanding", "pending", "unread", "important", "main", "key", "shared", "own", "same", "whole", "single", "full",
    ];

    public static bool IsName(string word) => !Pronouns.Contains(word.ToLowerInvariant()) && !Determiners.Contains(word.ToLowerInvariant());
}
