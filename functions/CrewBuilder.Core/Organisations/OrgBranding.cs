using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace CrewBuilder.Core.Organisations;

/// <summary>
/// How an organisation presents itself to its members and in its generated projects (white-label): the name shown,
/// the brand colour, where its people get support, optionally a small PNG logo as a data URL, and the links its
/// white-label site's footer shows.
/// </summary>
public sealed partial record OrgBranding(
    string? DisplayName, string? PrimaryColor, string? SupportContact, string? LogoDataUrl, IReadOnlyList<BrandLink>? FooterLinks = null)
{
    public const int MaxLogoLength = 40_000;
    public const int MaxFooterLinks = 5;

    /// <summary>The branding as the pages show it: a colour saved before the contrast rule that cannot be read is not used.</summary>
    public OrgBranding Shown() => HasUnreadableColor ? this with { PrimaryColor = null } : this;

    private bool HasUnreadableColor => PrimaryColor is not null && Color().IsMatch(PrimaryColor) && !BrandColour.IsReadable(PrimaryColor);

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Trim().Length > 80 || DisplayName.Any(char.IsControl))
        {
            errors["displayName"] = ["Give a name of 1 to 80 characters, on one line."];
        }

        if (PrimaryColor is not null && !Color().IsMatch(PrimaryColor))
        {
            errors["primaryColor"] = ["A colour is written #RRGGBB, e.g. #0f766e."];
        }
        else if (HasUnreadableColor)
        {
            errors["primaryColor"] = [
                string.Create(CultureInfo.InvariantCulture, $"{PrimaryColor} is too light for the site's links and buttons: its contrast with the page is {BrandColour.Contrast(PrimaryColor!):0.0}:1, ")
                + string.Create(CultureInfo.InvariantCulture, $"and text needs {BrandColour.MinContrast}:1. A darker shade of it, {BrandColour.ReadableShade(PrimaryColor!)}, reads.")];
        }

        if (SupportContact is not null && !IsContact(SupportContact))
        {
            errors["supportContact"] = ["Give an e-mail address or an https:// link of at most 200 characters."];
        }

        if (LogoDataUrl is not null && (LogoDataUrl.Length > MaxLogoLength || !Logo().IsMatch(LogoDataUrl)))
        {
            errors["logoDataUrl"] = [$"A logo is a PNG as a data URL (data:image/png;base64,…) of at most {MaxLogoLength / 1000} KB."];
        }

        if (FooterLinks is { } links && (links.Count > MaxFooterLinks || links.Any(link => !link.IsValid())))
        {
            errors["footerLinks"] = [$"Give at most {MaxFooterLinks} footer links, each a label of 1 to 40 characters and an https:// address."];
        }

        return errors;
    }

    private static bool IsContact(string contact) =>
        contact.Length <= 200
        && (MailAddress.TryCreate(contact, out var address) && address.Address == contact
            || Uri.TryCreate(contact, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Color();

    [GeneratedRegex("^data:image/png;base64,[A-Za-z0-9+/]+={0,2}$")]
    private static partial Regex Logo();
}

/// <summary>A link in a white-label site's footer (terms, privacy, the organisation's own pages).</summary>
public sealed record BrandLink(string? Label, Uri? Url)
{
    public bool IsValid() =>
        Label is { Length: > 0 and <= 40 } && Label.Trim().Length > 0 && !Label.Any(char.IsControl)
        && Url is { IsAbsoluteUri: true, Scheme: "https" } && Url.OriginalString.Length <= 300;
}
