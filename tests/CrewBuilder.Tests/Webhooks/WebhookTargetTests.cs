using CrewBuilder.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Tests.Webhooks;

/// <summary>Which URLs may be saved as webhook endpoints: public https only (the connection itself is checked again when delivering).</summary>
public sealed class WebhookTargetTests
{
    private static readonly WebhookTargets Targets = new(Options.Create(new WebhookOptions()));

    [Theory]
    [InlineData("http://hooks.example.com/in")]
    [InlineData("https://10.1.2.3/in")]
    [InlineData("https://192.168.0.10/in")]
    [InlineData("https://172.20.0.1/in")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/in")]
    [InlineData("https://[::1]/in")]
    [InlineData("https://[fd00::1]/in")]
    [InlineData("https://[fe80::1]/in")]
    [InlineData("https://[::ffff:127.0.0.1]/in")]
    [InlineData("https://localhost/in")]
    [InlineData("https://intranet/in")]
    [InlineData("https://user:pass@hooks.example.com/in")]
    [InlineData("ftp://hooks.example.com/in")]
    public void A_target_that_is_not_public_https_is_refused(string url) =>
        Assert.NotNull(Targets.ProblemWith(url));

    [Theory]
    [InlineData("https://hooks.example.com/in")]
    [InlineData("https://203.0.113.9:8443/in?source=crewbuilder")]
    public void A_public_https_target_is_accepted(string url) =>
        Assert.Null(Targets.ProblemWith(url));
}
