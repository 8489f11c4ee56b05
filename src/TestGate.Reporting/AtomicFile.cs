using System.Text;

namespace TestGate.Reporting;

/// <summary>
/// Writes a report so that a reader never sees half a file: the content goes to a unique temporary file in the
/// same directory, then replaces the target in one rename. Concurrent writers each rename a complete file;
/// the last one wins and no bytes interleave.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, content, Utf8NoBom);
            MoveWithRetry(temporary, path);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    // On Windows a reader holding the target open makes the rename fail briefly; retrying is cheaper than failing a build.
    private static void MoveWithRetry(string source, string destination)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(source, destination, overwrite: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(50 * attempt);
            }
            catch (UnauthorizedAccessException) when (attempt < 10)
            {
                Thread.Sleep(50 * attempt);
            }
        }
    }
}
