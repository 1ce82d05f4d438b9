using CrewBuilder.Core.Clarification;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Workflow;

namespace CrewBuilder.Tests.Clarification;

/// <summary>
/// A clarified requirement's named systems, which the workflow assesses beside the analysis, are those the person
/// named or chose, not those a question only offered: an offered one would be a model call the report never shows.
/// </summary>
public sealed class ClarifiedRequirementTests
{
    private static readonly GenerationRef Generation = new("0123456789abcdef0123456789abcdef", "tenant", GenerationMode.Llm);
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_product_only_a_question_offered_is_not_assessed_early_but_the_analysis_still_reads_the_question()
    {
        var requirement = Chat("A crew that reads new Zendesk tickets and alerts the team about urgent ones.",
            ("Should the alerts go to Slack or Microsoft Teams?", "Slack, in #support"),
            ("Do you keep customer history in HubSpot or Salesforce?", "Neither"))
            .RequirementForGeneration();

        var input = GenerationOrchestration.InputFor(Generation, requirement, sequential: false);

        Assert.Equal(["Zendesk", "Slack"], input.NamedSystems);
        Assert.Contains("- Q: Should the alerts go to Slack or Microsoft Teams?\n  A: Slack, in #support\n", input.Requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refinement_carries_its_parents_clarification_and_its_questions_are_still_not_assessed_early()
    {
        var parent = Chat("A crew that reads new Zendesk tickets.", ("Where should urgent ones be posted: Slack or Discord?", "Discord")).RequirementForGeneration();
        var refinement = $"{parent}\n\nRefinement of the previous crew (generation 0123): also log each ticket in Google Sheets";

        Assert.Equal(["Zendesk", "Discord", "Google Sheets"], GenerationOrchestration.InputFor(Generation, refinement, sequential: false).NamedSystems);
    }

    [Fact]
    public void A_question_written_over_several_lines_is_left_out_whole()
    {
        var requirement = Chat("A crew that drafts replies to support emails.", ("Which help desk?\nFor example Freshdesk\r\nor Intercom.", "Gmail only")).RequirementForGeneration();

        Assert.Equal(["Gmail"], GenerationOrchestration.InputFor(Generation, requirement, sequential: false).NamedSystems);
        Assert.Contains("- Q: Which help desk? For example Freshdesk or Intercom.\n", requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requirement_without_a_clarification_is_read_whole()
    {
        const string requirement = "A crew that reads Stripe payouts and writes them to Google Sheets.";

        Assert.Equal(requirement, ClarifiedRequirement.WithoutQuestions(requirement));
    }

    private static ClarificationEntity Chat(string requirement, params (string Question, string Answer)[] exchanges)
    {
        var chat = new ClarificationEntity { Requirement = requirement };
        var messages = exchanges.SelectMany(exchange => new[]
        {
            new ChatMessage(ChatMessage.Assistant, exchange.Question, Now), new ChatMessage(ChatMessage.User, exchange.Answer, Now),
        });
        chat.Apply(messages, new ClarifierTurn(null, null), Now);
        return chat;
    }
}
