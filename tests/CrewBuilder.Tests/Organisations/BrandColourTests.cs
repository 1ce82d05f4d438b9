using CrewBuilder.Core.Organisations;

namespace CrewBuilder.Tests.Organisations;

/// <summary>WCAG contrast of a brand colour against the site's light backgrounds.</summary>
public sealed class BrandColourTests
{
    [Theory]
    [InlineData("#4338ca", true)] // the site's own indigo
    [InlineData("#0f766e", true)]
    [InlineData("#000000", true)]
    [InlineData("#ffd400", false)]
    [InlineData("#22c55e", false)]
    [InlineData("#ffffff", false)]
    public void A_colour_reads_when_its_contrast_with_the_page_reaches_four_and_a_half_to_one(string colour, bool readable)
    {
        Assert.Equal(readable, BrandColour.IsReadable(colour));
    }

    [Fact]
    public void Black_against_the_lightest_tint_is_near_the_scale_s_top_and_white_against_it_near_its_bottom()
    {
        Assert.InRange(BrandColour.Contrast("#000000"), 18.5, 19.0);
        Assert.InRange(BrandColour.Contrast("#ffffff"), 1.1, 1.2);
    }

    [Theory]
    [InlineData("#ffd400")]
    [InlineData("#22c55e")]
    [InlineData("#ffffff")]
    public void The_shade_offered_reads_and_keeps_the_colour_s_hue(string colour)
    {
        var shade = BrandColour.ReadableShade(colour);

        Assert.True(BrandColour.IsReadable(shade), shade);
        var (r, g, b) = (Convert.ToInt32(colour[1..3], 16), Convert.ToInt32(colour[3..5], 16), Convert.ToInt32(colour[5..7], 16));
        var (sr, sg, sb) = (Convert.ToInt32(shade[1..3], 16), Convert.ToInt32(shade[3..5], 16), Convert.ToInt32(shade[5..7], 16));
        Assert.True(sr <= r && sg <= g && sb <= b, shade);
        Assert.Equal(r >= g, sr >= sg); // channels scaled together keep their order
    }
}
