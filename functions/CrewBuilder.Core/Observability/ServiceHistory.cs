using System.Globalization;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Observability;

/// <summary>
/// The status page's measurements in one table. Each minute's probe is a row in its hour's partition
/// (<c>minutes-yyyyMMddHH</c>, row <c>mm</c>), each completed generation a row in the hour it completed
/// (<c>generations-yyyyMMddHH</c>, row = generation id), both written idempotently. Once an hour has closed it is rolled
/// up into one row of partition <c>hours</c> (row <c>yyyyMMddHH</c>), so 30 days are one range query of 720 rows; the last
/// <see cref="RecentHours"/> hours are read from their own rows until their rollup exists.
/// </summary>
public sealed class ServiceHistory(StorageClients storage, TimeProvider time)
{
    public const string TableName = "servicestatus";
    public const int RecentHours = 24;

    /// <summary>How long after an hour ends its rollup waits, for a generation whose end is written a little late.</summary>
    public static readonly TimeSpan RollUpGrace = TimeSpan.FromMinutes(5);

    private const string HoursPartition = "hours";
    private const string LatestPartition = "latest";
    private const string LatestRow = "probe";
    private const string DurationsProperty = "durations";
    private const string OverallPrefix = "all";

    public static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);

    /// <summary>Keeps a probe as its minute's (a second probe in the same minute replaces the first), and makes it the latest.</summary>
    public async Task RecordAsync(ProbeRound round, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var minute = RoundEntity(round);
        minute.PartitionKey = $"minutes-{HourKey(round.At)}";
        minute.RowKey = round.At.UtcDateTime.ToString("mm", CultureInfo.InvariantCulture);
        await table.UpsertEntityAsync(minute, TableUpdateMode.Replace, cancellationToken);
        var latest = RoundEntity(round);
        latest.PartitionKey = LatestPartition;
        latest.RowKey = LatestRow;
        await table.UpsertEntityAsync(latest, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Keeps how long a completed generation took; writing it again (a retried settlement) changes nothing.</summary>
    public async Task RecordGenerationAsync(string generationId, DateTimeOffset completedAt, TimeSpan duration, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity($"generations-{HourKey(completedAt)}", generationId) { ["Seconds"] = DurationHistogram.Seconds(duration) },
            TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ProbeRound?> LatestAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var latest = await table.GetEntityIfExistsAsync<TableEntity>(LatestPartition, LatestRow, cancellationToken: cancellationToken);
        return latest.HasValue ? ToRound(latest.Value!) : null;
    }

    /// <summary>Rolls up each of the last <see cref="RecentHours"/> closed hours that has no rollup yet (an empty hour too).</summary>
    public async Task RollUpAsync(CancellationToken cancellationToken)
    {
        var newestClosed = HourOf(time.GetUtcNow() - RollUpGrace).AddHours(-1);
        var oldest = newestClosed.AddHours(1 - RecentHours);
        var rolledUp = (await RollupsAsync(oldest, newestClosed.AddHours(1), cancellationToken)).Select(hour => hour.Start).ToHashSet();
        var table = await TableAsync(cancellationToken);
        for (var hour = oldest; hour <= newestClosed; hour = hour.AddHours(1))
        {
            if (!rolledUp.Contains(hour))
            {
                await table.UpsertEntityAsync(RollupEntity(await RawHourAsync(hour, cancellationToken)), TableUpdateMode.Replace, cancellationToken);
            }
        }
    }

    /// <summary>The hours from the hour of <paramref name="from"/> to the hour of <paramref name="to"/>, oldest first; older hours without a rollup are left out.</summary>
    public async Task<IReadOnlyList<ServiceHour>> HoursAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (first, last) = (HourOf(from), HourOf(to));
        var hours = (await RollupsAsync(first, last.AddHours(1), cancellationToken)).ToDictionary(hour => hour.Start);
        var recent = HourOf(time.GetUtcNow()).AddHours(-RecentHours);
        for (var hour = first > recent ? first : recent; hour <= last; hour = hour.AddHours(1))
        {
            if (!hours.ContainsKey(hour))
            {
                hours[hour] = await RawHourAsync(hour, cancellationToken);
            }
        }

        return [.. hours.Values.OrderBy(hour => hour.Start)];
    }

    private async Task<IReadOnlyList<ServiceHour>> RollupsAsync(DateTimeOffset first, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var (from, to) = (HourKey(first), HourKey(end));
        var hours = new List<ServiceHour>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == HoursPartition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0, cancellationToken: cancellationToken))
        {
            hours.Add(ToHour(entity));
        }

        return hours;
    }

    private async Task<ServiceHour> RawHourAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var dependencies = new Dictionary<string, MinuteCounts>();
        var overall = MinuteCounts.None;
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == $"minutes-{HourKey(hour)}", cancellationToken: cancellationToken))
        {
            var round = ToRound(entity);
            foreach (var reading in round.Readings)
            {
                dependencies[reading.Dependency] = dependencies.GetValueOrDefault(reading.Dependency, MinuteCounts.None).Add(reading.State);
            }

            overall = overall.Add(round.Overall);
        }

        var durations = new DurationHistogram();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == $"generations-{HourKey(hour)}", select: ["Seconds"], cancellationToken: cancellationToken))
        {
            durations.Add(entity.GetInt32("Seconds") ?? 1);
        }

        return new ServiceHour(hour, dependencies, overall, durations);
    }

    private static TableEntity RoundEntity(ProbeRound round)
    {
        var entity = new TableEntity { ["At"] = round.At };
        foreach (var reading in round.Readings)
        {
            entity[$"{reading.Dependency}_state"] = reading.State.ToString();
            entity[$"{reading.Dependency}_ms"] = reading.LatencyMs;
        }

        return entity;
    }

    private static ProbeRound ToRound(TableEntity entity) => new(
        entity.GetDateTimeOffset("At") ?? default,
        [.. entity.Keys.Where(key => key.EndsWith("_state", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(key =>
        {
            var dependency = key[..^"_state".Length];
            return new DependencyReading(dependency, Enum.Parse<DependencyState>(entity.GetString(key)!), entity.GetInt32($"{dependency}_ms"));
        })]);

    private static TableEntity RollupEntity(ServiceHour hour)
    {
        var entity = new TableEntity(HoursPartition, HourKey(hour.Start)) { [DurationsProperty] = hour.Durations.ToString() };
        foreach (var (name, counts) in hour.Dependencies.Append(KeyValuePair.Create(OverallPrefix, hour.Overall)))
        {
            entity[$"{name}_up"] = counts.Up;
            entity[$"{name}_degraded"] = counts.Degraded;
            entity[$"{name}_down"] = counts.Down;
        }

        return entity;
    }

    private static ServiceHour ToHour(TableEntity entity)
    {
        MinuteCounts Counts(string name) =>
            new(entity.GetInt32($"{name}_up") ?? 0, entity.GetInt32($"{name}_degraded") ?? 0, entity.GetInt32($"{name}_down") ?? 0);

        var names = entity.Keys.Where(key => key.EndsWith("_up", StringComparison.Ordinal)).Select(key => key[..^"_up".Length]).ToList();
        var start = DateTimeOffset.ParseExact(entity.RowKey, "yyyyMMddHH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return new ServiceHour(start, names.Where(name => name != OverallPrefix).ToDictionary(name => name, Counts), Counts(OverallPrefix),
            DurationHistogram.Parse(entity.GetString(DurationsProperty)));
    }

    private static string HourKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
