namespace CrewBuilder.Benchmarks;

internal sealed record HarnessOptions(int DirectRuns, int DurableRuns, int ConcurrentRuns, int RotationTenants, int QuotaOperations, bool QuotaAndAuditOnly, int AuditAppends, int AuditChainLength, double CallTimeDivisor, int Partitions)
{
    public static HarnessOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
        }

        return new HarnessOptions(Value("--direct", 200), Value("--durable", 20), Value("--concurrent", 10), Value("--rotation-tenants", 10_000), Value("--quota-operations", 2_000), args.Contains("--quota-and-audit"),
            Value("--audit-appends", 2_000), Value("--audit-chain", 100_000), Math.Max(1, Value("--call-time-divisor", 1)), Value("--partitions", 4));
    }
}
