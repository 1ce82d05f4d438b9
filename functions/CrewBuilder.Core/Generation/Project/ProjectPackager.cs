using System.IO.Compression;
using System.Text;

namespace CrewBuilder.Core.Generation.Project;

public static class ProjectPackager
{
    /// <summary>Zips the project under one top-level folder named after its package, as people expect of a download.</summary>
    public static byte[] Zip(GeneratedProject project, DateTimeOffset timestamp)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in project.Files)
            {
                var entry = archive.CreateEntry($"{project.PackageName}/{file.Path}", CompressionLevel.Optimal);
                entry.LastWriteTime = timestamp;
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(file.Content));
            }
        }

        return buffer.ToArray();
    }
}
