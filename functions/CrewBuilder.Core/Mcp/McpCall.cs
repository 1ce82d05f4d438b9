using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Identity;

namespace CrewBuilder.Core.Mcp;

/// <summary>
/// Who made this MCP request and the scheduler its host follows generations with. The SDK runs a stateless request's
/// tools and resources with the request's own services, so this scoped holder, filled in by <see cref="McpEndpoint"/>
/// once the caller is admitted, is what they read.
/// </summary>
public sealed class McpCall
{
    private (Caller Caller, IGenerationScheduler Scheduler)? admitted;

    public Caller Caller => Admitted.Caller;

    public IGenerationScheduler Scheduler => Admitted.Scheduler;

    private (Caller Caller, IGenerationScheduler Scheduler) Admitted =>
        admitted ?? throw new InvalidOperationException("An MCP tool ran for a request McpEndpoint did not admit.");

    internal void Admit(Caller caller, IGenerationScheduler scheduler) => admitted = (caller, scheduler);
}
