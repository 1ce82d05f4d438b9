namespace CrewBuilder.Core.Generation.Template;

/// <summary>A job of the crew: the clause it comes from and the requirement points it answers.</summary>
internal sealed record Job(ReadClause Clause, bool Implied, IReadOnlyList<string> Points)
{
    public string MergeKey => $"{Clause.Sense.Family}|{string.Join(' ', Clause.Object.NameWords(3)).ToLowerInvariant()}";
}

/// <summary>
/// Turns clauses into the crew's jobs: one per distinct job (the same verb family on the same object is one job,
/// "draft replies" and "write a reply"), with the jobs the requirement implies (reading a named system whose data a
/// later job works on; delivering to a named destination a working job names), between 2 and 7 in all.
/// </summary>
internal static class JobPlanner
{
    public const int MinJobs = 2;
    public const int MaxJobs = 7;

    public static IReadOnlyList<Job> Plan(IReadOnlyList<ReadClause> clauses)
    {
        var jobs = new List<Job>();
        foreach (var clause in clauses)
        {
            foreach (var read in ImpliedReads(clause, jobs))
            {
                Add(jobs, new Job(read, true, [$"{Sentence.Capitalise(read.Action)} (implied by: {clause.Point})"]));
            }

            Add(jobs, new Job(clause, false, [clause.Point]));
            if (ImpliedDelivery(clause) is { } delivery)
            {
                Add(jobs, new Job(delivery, true, [$"{delivery.Action} (implied by: {clause.Point})"]));
            }
        }

        while (jobs.Count > MaxJobs && jobs.FindLastIndex(job => job.Implied) is var implied and >= 0)
        {
            jobs.RemoveAt(implied);
        }

        if (jobs.Count > MaxJobs)
        {
            jobs[MaxJobs - 1] = jobs[MaxJobs - 1] with { Points = [.. jobs.Skip(MaxJobs - 1).SelectMany(job => job.Points)] };
            jobs.RemoveRange(MaxJobs, jobs.Count - MaxJobs);
        }

        return jobs;
    }

    private static void Add(List<Job> jobs, Job job)
    {
        var same = jobs.FindIndex(existing => existing.MergeKey == job.MergeKey);
        if (same < 0)
        {
            jobs.Add(job);
        }
        else if (!job.Implied)
        {
            jobs[same] = jobs[same] with { Points = [.. jobs[same].Points, .. job.Points], Implied = false };
        }
    }

    /// <summary>A working job on a named system's data, when no job before it reads that system: the read comes first.</summary>
    private static IEnumerable<ReadClause> ImpliedReads(ReadClause clause, List<Job> jobs)
    {
        if (clause.Sense.Kind != JobKind.Work || clause.Sense.Family is "monitor" or "backup" or "research")
        {
            yield break;
        }

        var named = clause.Object.Systems.Select(system => (System: system, Data: clause.Object)).Concat(clause.References).DistinctBy(item => item.System);
        foreach (var (system, data) in named)
        {
            if (jobs.Any(job => job.Clause.Sense.Kind == JobKind.Read && (job.Clause.Sources.Contains(system) || job.Clause.Object.Systems.Contains(system))) || data.IsEmpty)
            {
                continue;
            }

            var plural = data with { Plural = !data.IsList && !Inflection.IsUncountable(data.Words[^1]) };
            var action = data.Systems.Contains(system) ? $"Fetch {plural.Definite}" : $"Fetch {plural.Definite} from {system}";
            yield return new ReadClause(VerbLexicon.Find("fetch")!, data, action, action, clause.Schedule, null, [system], [], []);
        }
    }

    /// <summary>A working job that names a destination system ("summarise … into a digest in Notion") also needs its result delivered there.</summary>
    private static ReadClause? ImpliedDelivery(ReadClause clause)
    {
        if (clause.Sense.Kind != JobKind.Work || clause.Destinations.Count == 0 || clause.Object.IsEmpty)
        {
            return null;
        }

        var system = clause.Destinations[0];
        var action = $"Deliver the result of the {clause.Sense.Activity.ToLowerInvariant()} to {system}";
        return new ReadClause(VerbLexicon.Find("deliver")!, clause.Object, action, action, clause.Schedule, null, [], [system], []);
    }
}
