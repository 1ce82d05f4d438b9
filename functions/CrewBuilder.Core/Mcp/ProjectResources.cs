using System.ComponentModel;
using CrewBuilder.Core.Generation.Requests;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ModelContextProtocol;

namespace CrewBuilder.Core.Mcp;

/// <summary>A completed generation's project as MCP resources: the zip, and each file as text.</summary>
[McpServerResourceType]
public sealed class ProjectResources(McpCall call, GenerationService generations)
{
    private const string Generations = "crewbuilder://generations/";
    private const string ZipType = "application/zip";

    public static string ProjectUri(string id) => $"{Generations}{Uri.EscapeDataString(id)}/project.zip";

    public static string FileUri(string id, string path) =>
        $"{Generations}{Uri.EscapeDataString(id)}/files/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}";

    public static ResourceLinkBlock ProjectLink(string id) => new() { Uri = ProjectUri(id), Name = "project.zip", MimeType = ZipType };

    public static ResourceLinkBlock FileLink(string id, ArtifactFile file) =>
        new() { Uri = FileUri(id, file.Path), Name = file.Path, MimeType = "text/plain", Size = file.Size };

    [McpServerResource(UriTemplate = Generations + "{id}/project.zip", Name = "project", MimeType = ZipType)]
    [Description("The generated CrewAI project as a zip, once the generation has completed.")]
    public async Task<ResourceContents> ProjectAsync(string id, CancellationToken cancellationToken)
    {
        RefuseWithoutReadScope();
        if (await generations.OpenArtifactAsync(call.Caller, id, cancellationToken) is not ArtifactResult.Ready { Download: var download })
        {
            throw NotFound("completed generation");
        }

        await using var content = download.Content;
        using var bytes = new MemoryStream();
        await content.CopyToAsync(bytes, cancellationToken);
        return BlobResourceContents.FromBytes(bytes.ToArray(), ProjectUri(id), ZipType);
    }

    [McpServerResource(UriTemplate = Generations + "{id}/files/{+path}", Name = "project-file", MimeType = "text/plain")]
    [Description("One file of a completed generation's project, by a path the generation lists.")]
    public async Task<ResourceContents> FileAsync(string id, string path, CancellationToken cancellationToken)
    {
        RefuseWithoutReadScope();
        var file = ProjectFilePath.From(Uri.UnescapeDataString(path));
        return file is not null && await generations.ReadFileAsync(call.Caller, id, file, cancellationToken) is { } text
            ? new TextResourceContents { Uri = FileUri(id, file), MimeType = "text/plain", Text = text }
            : throw NotFound("file");
    }

    private void RefuseWithoutReadScope()
    {
        if (call.Caller.Lacks(Scopes.GenerationsRead))
        {
            throw new McpProtocolException($"This needs a token with the '{Scopes.GenerationsRead}' scope.", McpErrorCode.InvalidRequest);
        }
    }

    private static McpProtocolException NotFound(string what) =>
        new($"There is no {what} with this id that you can see.", McpErrorCode.ResourceNotFound);
}
