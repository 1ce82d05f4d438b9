using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Generation;

namespace CrewBuilder.Core.Clarification;

/// <summary>A clarification chat in Table Storage: partition = tenant, row = clarification id.</summary>
public sealed class ClarificationEntity : ITableEntity
{
    public const string Asking = "asking";
    public const string Ready = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Requirement { get; set; } = "";
    public string Status { get; set; } = Asking;
    public string MessagesJson { get; set; } = "[]";
    public string? RefinedJson { get; set; }
    public bool UsesModel { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>For a chat started without an account: the hash of its access token.</summary>
    public string? AccessTokenHash { get; set; }

    public List<ChatMessage> ReadMessages() => JsonSerializer.Deserialize<List<ChatMessage>>(MessagesJson, Json) ?? [];

    public RefinedRequirement? ReadRefined() => RefinedJson is null ? null : JsonSerializer.Deserialize<RefinedRequirement>(RefinedJson, Json);

    /// <summary>Adds the interviewer's move: its question, or the refined requirement that ends the chat.</summary>
    public void Apply(IEnumerable<ChatMessage> messages, ClarifierTurn turn, DateTimeOffset now)
    {
        var all = messages.ToList();
        if (turn.Question is { } question)
        {
            all.Add(new ChatMessage(ChatMessage.Assistant, question, now));
        }

        if (turn.Refined is { } refined)
        {
            all.Add(new ChatMessage(ChatMessage.Assistant, "Thanks, that is enough to build your crew. Here is the refined requirement; generate when you are ready.", now));
            RefinedJson = JsonSerializer.Serialize(refined, Json);
            Status = Ready;
        }

        MessagesJson = JsonSerializer.Serialize(all, Json);
    }

    public ClarificationView ToView(string? accessToken = null) =>
        new(RowKey, Requirement, Status, ReadMessages(), ReadRefined(), UsesModel, accessToken);

    /// <summary>
    /// What the generation is given: the requirement, every question with its answer, and the refined requirement,
    /// so the answers reach each step that reads the requirement.
    /// </summary>
    public string RequirementForGeneration()
    {
        var text = new System.Text.StringBuilder(Requirement.Trim()).Append($"\n\n{ClarifiedRequirement.Heading}\n");
        ChatMessage? question = null;
        foreach (var message in ReadMessages())
        {
            if (message.Role == ChatMessage.Assistant)
            {
                question = message;
            }
            else if (question is not null)
            {
                text.Append(ClarifiedRequirement.Exchange(question.Text, message.Text));
            }
        }

        if (ReadRefined() is { } refined)
        {
            text.Append($"\nRefined requirement: {refined.Summary}\n");
            Section(text, "Features", refined.Features);
            Section(text, "Constraints", refined.Constraints);
            Section(text, "Success criteria", refined.SuccessCriteria);
            Section(text, "Assumptions", refined.Assumptions);
            Section(text, "Out of scope", refined.OutOfScope);
        }

        return text.ToString();
    }

    private static void Section(System.Text.StringBuilder text, string title, IReadOnlyList<string> items)
    {
        if (items.Count > 0)
        {
            text.Append($"{title}:\n").Append(string.Concat(items.Select(item => $"- {item}\n")));
        }
    }
}
