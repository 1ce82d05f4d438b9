using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Template;
using CrewBuilder.Tests.Generation.Template;

namespace CrewBuilder.Tests.Generation;

/// <summary>The requirements issue #19 quotes, and the reading rules behind them, each checked on its design.</summary>
public sealed class TemplateCrewDesignerTests
{
    [Fact]
    public void Stripe_and_quickbooks_each_get_a_job_and_the_crew_is_named_after_its_matching()
    {
        var design = Design("Each night, export the day's Stripe payments, match every payout against the invoices in our QuickBooks account, and email the finance team a list of payments whose amounts differ from their invoice.");

        Assert.Equal("Payout Matching Crew", design.Analysis.Title);
        Assert.Equal(["Stripe Payment Exporter", "QuickBooks Invoice Collector", "Payout Matcher", "Payment List Correspondent"], Roles(design));
        Assert.Equal("Fetch the invoices from QuickBooks, so that the Payout Matcher has everything it needs.", design.Roster.Agents[1].Goal);
        Assert.StartsWith("Every night, export the day's Stripe payments", design.Roster.Agents[0].Goal, StringComparison.Ordinal);
        Assert.Equal("Email the finance team a list of payments whose amounts differ from their invoice", design.Analysis.Capabilities[3].Action);
    }

    [Fact]
    public void An_object_phrase_ends_at_its_preposition_and_a_possessive_becomes_an_attribute()
    {
        var design = Design("Watch our competitors' pricing pages every week, compare each plan's price against last week's snapshot, and post the changes to the #pricing channel in Slack.");

        Assert.Equal(["Competitor Pricing Page Monitor", "Plan Price Comparer", "Change Publisher"], Roles(design));
        Assert.Equal("compare_plan_price", design.Plan.Tasks[1].Key);
        Assert.Equal(["Slack"], design.Analysis.Capabilities[2].Destinations);
        Assert.Equal(4, design.Analysis.RunsPerMonth);
    }

    [Fact]
    public void Pronouns_take_the_object_before_them_and_ones_takes_the_thing_the_requirement_is_about()
    {
        var design = Design("When a new lead signs up on our website, look them up in Clearbit, score them against our ideal customer profile, and create a deal in Pipedrive for the ones that score above 70.");

        Assert.Equal("lead_scoring_crew", design.Analysis.PackageName);
        Assert.Equal(["Clearbit Lead Profiler", "Lead Scorer", "Deal Creator"], Roles(design));
        Assert.Equal("Look up the new leads in Clearbit", design.Analysis.Capabilities[0].Action);
        Assert.Equal("Create a deal in Pipedrive for the leads that score above 70", design.Analysis.Capabilities[2].Action);
        Assert.StartsWith("Whenever a new lead signs up on the website, ", design.Roster.Agents[0].Goal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_of_fields_is_named_after_what_holds_them_and_them_stands_for_the_list()
    {
        var design = Design("Read the incoming vendor invoices in our shared Outlook mailbox, extract the totals and due dates of each, and add them to the accounts payable sheet in Google Sheets.");

        Assert.Equal("Vendor Invoice Extraction Crew", design.Analysis.Title);
        Assert.Equal(["Outlook Vendor Invoice Reader", "Vendor Invoice Details Extractor", "Vendor Invoice Details Recorder"], Roles(design));
        Assert.Equal("Extract the totals and due dates of each incoming vendor invoice", design.Analysis.Capabilities[1].Action);
        Assert.Equal("Add the totals and due dates to the accounts payable sheet in Google Sheets", design.Analysis.Capabilities[2].Action);
        Assert.Equal(["Outlook"], design.Analysis.Capabilities[0].Sources);
    }

    [Fact]
    public void Jobs_of_one_verb_family_on_one_object_are_one_agent_whatever_their_number()
    {
        var design = Design("Triage incoming support tickets, draft replies to the common questions and write a reply for each urgent ticket.");

        Assert.Single(design.Roster.Agents, agent => agent.Role.EndsWith("Writer", StringComparison.Ordinal));
        Assert.Contains("write a reply for each urgent ticket", design.Analysis.RequirementPoints[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_scripts_and_addresses_are_not_read_as_work()
    {
        var design = Design("<script>alert('xss1')</script><img src=x onerror=alert(1)> Summarise the new GitHub issues every morning and notify the maintainers on Discord. See https://example.com/docs?x=1 for details.");
        var text = string.Join(' ', design.Roster.Agents.SelectMany(agent => new[] { agent.Role, agent.Goal, agent.Backstory }).Concat(design.Plan.Tasks.Select(task => task.Description)));

        Assert.DoesNotContain("xss", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example.com", text, StringComparison.Ordinal);
        Assert.Equal(["GitHub Issue Collector", "GitHub Issue Summariser", "Maintainer Notifier"], Roles(design));
    }

    [Fact]
    public void Names_keep_letters_of_any_script_and_the_package_name_is_plain_ascii()
    {
        var design = Design("Every Friday, collect the customer reviews of Café Zürich from Google Maps, translate the ones written in German into English and send a summary to Zoë Müller.");
        var french = Design("Traduire nos articles du centre d'aide en 日本語 et les envoyer à Zoë Müller.");

        Assert.Contains("Zoë Müller", design.Roster.Agents[2].Goal, StringComparison.Ordinal);
        Assert.Equal("Translate the customer reviews written in German into English", design.Analysis.Capabilities[1].Action);
        Assert.Equal(["Help-centre Article Translator", "Help-centre Article Dispatcher"], french.Roster.Agents.Select(agent => agent.Role));
        Assert.Contains("into 日本語", french.Roster.Agents[0].Goal, StringComparison.Ordinal);
        Assert.Contains("to Zoë Müller", french.Roster.Agents[1].Goal, StringComparison.Ordinal);
        Assert.Equal("help_centre_article_translation_crew", french.Analysis.PackageName);
    }

    [Fact]
    public void Schedules_and_triggers_set_how_often_the_crew_runs()
    {
        Assert.Equal(720, Design("Every hour, check our three public websites and alert the on-call engineer when a site is down.").Analysis.RunsPerMonth);
        Assert.Equal(8_640, Design("Every 15 minutes, pull new orders from WooCommerce and update stock levels in our Google Sheets inventory sheet.").Analysis.RunsPerMonth);
        Assert.Equal(4, Design("Every Monday, total last week's Stripe payouts and post them to the finance channel in Slack.").Analysis.RunsPerMonth);
        Assert.Equal("three", Design("Every hour, check our three public websites and alert the on-call engineer when a site is down.").Analysis.Capabilities[0].Quantity);
    }

    [Fact]
    public void A_named_destination_a_working_job_names_gets_a_delivery_job()
    {
        var design = Design("Summarise the week's support tickets into a digest in Notion.");

        Assert.Equal("deliver", design.Analysis.Capabilities[^1].Verb);
        Assert.Equal(["Notion"], design.Analysis.Capabilities[^1].Destinations);
    }

    [Fact]
    public void Words_about_building_the_crew_itself_do_not_become_agents()
    {
        var design = Design("Please build me a crew that summarizes customer feedback from app store reviews.");

        Assert.DoesNotContain(design.Roster.Agents, agent => agent.Role.Contains("Builder", StringComparison.Ordinal));
        Assert.Equal("summarize_customer_feedback", design.Plan.Tasks[0].Key);
    }

    [Fact]
    public void A_single_job_in_a_gallery_domain_starts_from_its_worked_design()
    {
        var design = Design("Triage our support tickets.");

        Assert.Equal(["triage", "draft", "escalate"], design.Analysis.Capabilities.Select(c => c.Verb));
        Assert.Contains("help-centre articles", design.Roster.Agents[1].Backstory, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_job_outside_the_gallery_gets_a_reviewer_so_the_crew_has_two_agents()
    {
        var design = Design("Something that translates product descriptions into Spanish.");

        Assert.Equal(["translate_product_descriptions", "review_product_descriptions"], design.Plan.Tasks.Select(t => t.Key));
    }

    [Fact]
    public void A_requirement_without_recognisable_verbs_becomes_research_analysis_and_a_report_on_its_topic()
    {
        var design = Design("Quarterly insights about customer churn for our subscription business.");

        Assert.Equal(["research", "analyse", "write"], design.Analysis.Capabilities.Select(c => c.Verb));
        Assert.Equal(["Customer Churn Researcher", "Customer Churn Analyst", "Customer Churn Report Writer"], Roles(design));
    }

    [Fact]
    public void At_most_seven_agents_are_designed()
    {
        var design = Design("Collect invoices, extract totals, validate them, reconcile payments, flag anomalies, notify finance, archive everything, email the auditors and post a summary to Slack.");

        Assert.Equal(JobPlanner.MaxJobs, design.Roster.Agents.Count);
        Assert.Equal(JobPlanner.MaxJobs, design.Analysis.RequirementPoints.Count);
        Assert.Contains("post a summary to Slack", design.Analysis.RequirementPoints[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_chain_is_named_for_what_flows_through_it_and_everything_is_what_it_started_from()
    {
        var design = Design("Collect invoices, extract totals, validate them, reconcile payments, flag anomalies, notify finance and archive everything.");

        Assert.Equal("Invoice Processing Crew", design.Analysis.Title);
        Assert.Equal("Invoice Archivist", design.Roster.Agents[^1].Role);
        Assert.Equal("Archive the invoices", design.Analysis.Capabilities[^1].Action);
        Assert.Equal("Notify finance, so that the Invoice Archivist has everything it needs.", design.Roster.Agents[^2].Goal);
    }

    [Fact]
    public void A_question_clause_keeps_its_order_with_the_pronoun_spelled_out_and_what_people_say_is_named_as_mentions()
    {
        var refund = Design("When a customer submits a refund request in Intercom, check the order in Shopify, decide whether it qualifies under our refund policy, and reply to the customer with the decision.");
        var mentions = Design("Every day, collect what people say about our brand and our two main competitors on social media and news sites, classify each mention by sentiment and topic, and write a short daily digest with the mentions that need a reply.");

        Assert.Equal("Decide whether the order qualifies under the refund policy", refund.Analysis.Capabilities[1].Action);
        Assert.Equal("Brand Mention Collector", mentions.Roster.Agents[0].Role);
        Assert.Equal("collect_brand_mentions", mentions.Plan.Tasks[0].Key);
    }

    [Fact]
    public void A_pronoun_with_nothing_before_it_acts_on_an_item_and_a_person_pronoun_stays_the_person()
    {
        var design = Design("Check it and send it to me.");

        Assert.Equal("Item Checking Crew", design.Analysis.Title);
        Assert.Equal(["Item Checker", "Item Dispatcher"], Roles(design));
        Assert.Equal("Send the item to me", design.Analysis.Capabilities[1].Action);
    }

    [Fact]
    public void A_list_of_fields_is_read_whole_however_many_commas_it_has()
    {
        var design = Design("Read the supplier invoices that arrive as PDFs in our invoices folder, extract supplier, number, date, line items and totals, check them against the purchase orders in our accounting system, flag mismatches, and prepare the matched ones for payment approval.");

        Assert.Equal("Extract supplier, number, date, line items and totals", design.Analysis.Capabilities[1].Action);
        Assert.Equal("Check the supplier, number, date, line items and totals against the purchase orders in the accounting system", design.Analysis.Capabilities[2].Action);
        Assert.Equal("Supplier Invoice Processing Crew", design.Analysis.Title);
    }

    [Fact]
    public void The_same_requirement_always_gives_the_same_crew()
    {
        const string requirement = "Research new leads on LinkedIn, score them and draft outreach emails.";

        Assert.Equal(Describe(Design(requirement)), Describe(Design(requirement)));
    }

    [Theory]
    [InlineData("123 class import !!! and then some more words here")]
    [InlineData("毎朝、Slackの未読メッセージを要約して")]
    [InlineData("Check it and send it to me.")]
    public void Names_are_valid_python_identifiers_whatever_the_requirement(string requirement)
    {
        var design = Design(requirement);

        Assert.True(Naming.IsPythonIdentifier(design.Analysis.PackageName), design.Analysis.PackageName);
        Assert.All(design.Roster.Agents, a => Assert.True(Naming.IsPythonIdentifier(a.Key), a.Key));
        Assert.All(design.Plan.Tasks, t => Assert.True(Naming.IsPythonIdentifier(t.Key), t.Key));
        Assert.Empty(design.Roster.Agents.Select(agent => agent.Role).SelectMany(EnglishChecks.NameProblems));
    }

    private static CrewDesign Design(string requirement) => TemplateDesignPropertiesTests.Design(requirement);

    private static string[] Roles(CrewDesign design) => [.. design.Roster.Agents.Select(agent => agent.Role)];

    private static string Describe(CrewDesign design) =>
        string.Join('|', design.Roster.Agents.Select(a => $"{a.Key}:{a.Role}:{a.Goal}").Concat(design.Plan.Tasks.Select(t => $"{t.Key}:{t.Description}")));
}
