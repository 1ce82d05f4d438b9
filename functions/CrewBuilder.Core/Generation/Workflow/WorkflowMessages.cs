using CrewBuilder.Core.Generation.Review;

namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>
/// The systems to assess: one system when the workflow asks for each apart; template mode reads them from the requirement.
/// Only the requirement is read, not its analysis, so a system the requirement names is assessed beside the analysis.
/// </summary>
public sealed record FeasibilityInput(GenerationRef Ref, string Requirement, IReadOnlyList<string> Systems);

public sealed record DesignAgentsInput(GenerationRef Ref, RequirementAnalysis Analysis, FeasibilityReport Feasibility);

public sealed record DesignTasksInput(GenerationRef Ref, RequirementAnalysis Analysis, AgentRoster Roster);

/// <summary>One custom tool whose body the model writes; the task plan is not needed, so it is written beside it.</summary>
public sealed record WriteToolInput(GenerationRef Ref, RequirementAnalysis Analysis, CustomTool Tool);

/// <summary>The code step's input: the design and, in a repair round, the review's findings to fix.</summary>
public sealed record WriteCodeInput(GenerationRef Ref, CrewDesign Design, IReadOnlyList<string> Findings, int Round = 0);

/// <summary>The code step's output: the design as the code step left it (tool bodies, repaired tasks) and its project.</summary>
public sealed record CodeResult(CrewDesign Design, GeneratedProject Project);

/// <summary>A review after <paramref name="Round"/> repair rounds; on the last chance, failed checks fail the generation.</summary>
public sealed record ReviewInput(GenerationRef Ref, CrewDesign Design, GeneratedProject Project, int Round, bool LastChance);

/// <summary>The model reviews the design; the project's code does not travel to it.</summary>
public sealed record ModelReviewInput(GenerationRef Ref, CrewDesign Design);

/// <summary>The runnable gate of reviewed code; on the last chance, a failed gate fails the generation (and it is not charged).</summary>
public sealed record GateInput(GenerationRef Ref, CrewDesign Design, GeneratedProject Project, int Round, bool LastChance);

/// <summary>The documents are written from the design and the review; the code does not travel to this step.</summary>
public sealed record DocumentInput(GenerationRef Ref, CrewDesign Design, ReviewReport Review);

/// <summary>The deployment files are written from the design alone.</summary>
public sealed record DeployInput(GenerationRef Ref, CrewDesign Design);

/// <summary>The package step's input: the whole project, and the progress of the steps before it, which the completion records.</summary>
public sealed record ProjectInput(GenerationRef Ref, CrewDesign Design, GeneratedProject Project, WorkflowProgress Progress);

public sealed record FailureInput(GenerationRef Ref, string Step, string Error, WorkflowProgress Progress);

/// <summary>The orchestration's custom status: where it is, and every step's progress, which the status API shows.</summary>
public sealed record WorkflowStatus(string Step, int StepNumber, int StepCount, WorkflowProgress Progress);
