using System.IO.Compression;

namespace CrewBuilder.Cli;

/// <summary>Writes a downloaded project into a folder: the zip's one top folder becomes the folder asked for.</summary>
public static class ProjectFolder
{
    public static int Extract(byte[] zip, string folder)
    {
        var root = Path.GetFullPath(folder);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new CliFailureException(ExitCodes.Usage, $"{folder} is not empty; choose another --out.");
        }

        using var archive = new ZipArchive(new MemoryStream(zip));
        var written = 0;
        foreach (var entry in archive.Entries.Where(entry => !entry.FullName.EndsWith('/')))
        {
            var inside = entry.FullName.Split('/', 2) is [_, var rest] ? rest : entry.FullName;
            var target = Path.GetFullPath(Path.Combine(root, inside));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new CliFailureException(ExitCodes.Unexpected, $"The project holds a path outside its folder ({entry.FullName}); nothing more was written.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target);
            written++;
        }

        return written;
    }
}
