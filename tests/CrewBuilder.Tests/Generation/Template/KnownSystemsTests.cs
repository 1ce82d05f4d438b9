using CrewBuilder.Core.Generation.Template;

namespace CrewBuilder.Tests.Generation.Template;

/// <summary>The systems a requirement names outright, which the workflow assesses before the analysis is in.</summary>
public sealed class KnownSystemsTests
{
    [Theory]
    [InlineData("Pull last week's revenue from Stripe and expenses from QuickBooks, then compare Stripe with the budget.", "Stripe|QuickBooks")]
    [InlineData("Log every interested viewer as a lead in HubSpot CRM and post it to the #sales Slack channel.", "HubSpot|Slack")]
    [InlineData("Append each order to the Google Sheets inventory and e-mail a summary through sendgrid.", "Google Sheets")]
    [InlineData("Write a medium-length, linear summary of the amazon of tickets we get.", "")]
    [InlineData("<a href=\"https://slack.com\">Slack</a> us when <script>Stripe</script> fails.", "Slack")]
    public void The_systems_named_are_the_known_ones_written_capitalised_in_the_order_named_each_once(string requirement, string expected)
    {
        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), KnownSystems.NamedIn(requirement));
    }

    [Theory]
    [InlineData("HubSpot", "HubSpot CRM", true)]
    [InlineData("SendGrid", "Twilio SendGrid", true)]
    [InlineData("Google Sheets", "google-sheets", true)]
    [InlineData("Google Sheets", "Google Drive", false)]
    [InlineData("Stripe", "QuickBooks", false)]
    [InlineData("-", "-", true)]
    public void Two_names_are_of_one_system_when_the_words_of_one_hold_all_the_other_s(string one, string other, bool same)
    {
        Assert.Equal(same, KnownSystems.Same(one, other));
        Assert.Equal(same, KnownSystems.Same(other, one));
    }
}
