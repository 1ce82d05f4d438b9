using CrewBuilder.Core.Observability;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Tests.Observability;

public sealed class KeyRedactionTests
{
    [Theory]
    [InlineData("key sk-proj-" + "REDACTCANARY0123456789abcd here", "key sk-proj-…abcd here")]
    [InlineData("sk-ant-" + "api03-REDACTCANARY0123456789wxyz", "sk-ant-…wxyz")]
    [InlineData("Bearer cb_REDACTCANARY0123456789abcdEFGH", "Bearer cb_…EFGH")]
    [InlineData("secret whsec_" + "REDACTCANARY0123456789", "secret whsec_…6789")]
    [InlineData("jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJSRURBQ1RDQU5BUlkifQ.c2lnbmF0dXJlLXZhbHVl end", "jwt [redacted-jwt] end")]
    public void Key_shaped_values_are_masked(string text, string expected)
    {
        Assert.Equal(expected, KeyRedaction.Redact(text));
    }

    [Theory]
    [InlineData("a risk-assessment-document for the task-management-team")]
    [InlineData("short sk-abc and cb_x stay as they are")]
    public void Ordinary_words_are_left_alone(string text)
    {
        Assert.Equal(text, KeyRedaction.Redact(text));
    }

    [Fact]
    public void Every_log_line_of_the_host_is_redacted_in_its_message_its_values_and_its_exception()
    {
        using var app = new SelfHostFactory();
        var logger = app.Services.GetRequiredService<ILogger<KeyRedactionTests>>();

        logger.LogInformation("Calling the provider with {Key}", "sk-proj-" + "REDACTCANARY0123456789abcd");
        logger.LogError(new InvalidOperationException("upstream said sk-ant-" + "REDACTCANARY0123456789wxyz",
            new HttpRequestException("inner cb_REDACTCANARY0123456789abcdEFGH")), "The call failed");

        var lines = string.Join('\n', app.Logs);
        Assert.Contains("sk-proj-…abcd", lines, StringComparison.Ordinal);
        Assert.Contains("sk-ant-…wxyz", lines, StringComparison.Ordinal);
        Assert.DoesNotContain("REDACTCANARY", lines, StringComparison.Ordinal);
    }
}
