using System.Security.Cryptography;
using System.Text;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>
/// The <c>project_id</c> of <c>[tool.crewai]</c>, which <c>crewai run</c> and <c>crewai deploy</c> would otherwise mint
/// and write on first use: a UUID (version 4 in shape) derived from the generation, so a step that runs again writes the
/// same one and two generations never share one.
/// </summary>
public static class ProjectIdentity
{
    public static string For(string generationId)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"crewbuilder-project:{generationId}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
