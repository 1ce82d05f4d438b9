namespace CrewBuilder.Core.Generation.Workflow;

public sealed record DesignAgentsInput(GenerationRef Ref, RequirementAnalysis Analysis);

public sealed record DesignTasksInput(GenerationRef Ref, RequirementAnalysis Analysis, AgentRoster Roster);

public sealed record WriteCodeInput(GenerationRef Ref, CrewDesign Design);

public sealed record ProjectInput(GenerationRef Ref, CrewDesign Design, GeneratedProject Project);

public sealed record FailureInput(GenerationRef Ref, string? Step, string Error);

/// <summary>The orchestration's custom status: where it is, for operators looking at the task hub.</summary>
public sealed record WorkflowStatus(string Step, int StepNumber, int StepCount);
