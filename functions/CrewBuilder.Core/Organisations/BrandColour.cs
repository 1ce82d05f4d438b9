using System.Globalization;

namespace CrewBuilder.Core.Organisations;

/// <summary>
/// Whether text in a brand colour can be read where the site uses it: links and headings on the page's light
/// backgrounds, white text on its buttons. WCAG's contrast ratio, against the tinted background the pages lay it on
/// (the darkest of their light ones, so white passes too), must reach 4.5:1, the level for body text.
/// </summary>
public static class BrandColour
{
    public const double MinContrast = 4.5;

    /// <summary>The site's light tint behind badges and the running step (<c>--brand-soft</c> in the stylesheet).</summary>
    private const string LightestBackground = "#eef2ff";

    /// <summary>The contrast of a #RRGGBB colour against the site's light backgrounds.</summary>
    public static double Contrast(string colour)
    {
        var (lighter, darker) = (Luminance(LightestBackground), Luminance(colour));
        return lighter >= darker ? (lighter + 0.05) / (darker + 0.05) : (darker + 0.05) / (lighter + 0.05);
    }

    public static bool IsReadable(string colour) => Contrast(colour) >= MinContrast;

    /// <summary>The lightest shade of the colour (its channels scaled down together) that reads.</summary>
    public static string ReadableShade(string colour)
    {
        var (r, g, b) = Channels(colour);
        for (var scale = 1.0; ; scale -= 0.02)
        {
            var shade = $"#{(int)(r * scale):x2}{(int)(g * scale):x2}{(int)(b * scale):x2}";
            if (IsReadable(shade))
            {
                return shade;
            }
        }
    }

    private static double Luminance(string colour)
    {
        var (r, g, b) = Channels(colour);
        return 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);
    }

    private static double Linear(int channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static (int R, int G, int B) Channels(string colour) =>
        (Hex(colour, 1), Hex(colour, 3), Hex(colour, 5));

    private static int Hex(string colour, int at) => int.Parse(colour.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
