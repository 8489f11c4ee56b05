namespace TestGate.EndToEnd.Tests;

/// <summary>
/// Packs TestGate.Sdk from this repository once per test run, with a unique prerelease version and NuGet caches of
/// its own: NuGet never re-extracts a version it has seen, so reusing one would test a stale package.
/// </summary>
public sealed class PackedSdk : IAsyncLifetime
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    public string Version { get; } = $"1.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{System.Environment.ProcessId}";

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("testgate-e2e-").FullName;

    public string Feed => Path.Combine(WorkDirectory, "feed");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Path.Combine(WorkDirectory, "nuget-packages"),
        ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(WorkDirectory, "nuget-http"),
    };

    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "TestGate.Sdk.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("TestGate.Sdk.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public async Task InitializeAsync()
    {
        var result = await DotnetProcess.RunAsync(
            RepositoryRoot, Environment, CommandTimeout,
            "pack", Path.Combine(RepositoryRoot, "sdk", "TestGate.Sdk", "TestGate.Sdk.csproj"),
            "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nologo",
            // Build and restore outside the repository's obj/ folders: with the isolated package cache, which is
            // deleted afterwards, the repository's own assets files would point at packages that no longer exist.
            "--artifacts-path", Path.Combine(WorkDirectory, "build"));
        if (result.ExitCode != 0 || !File.Exists(Path.Combine(Feed, $"TestGate.Sdk.{Version}.nupkg")))
        {
            throw new InvalidOperationException("Packing TestGate.Sdk failed: " + result);
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the OS temp cleanup gets it later.
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PackedSdkCollection : ICollectionFixture<PackedSdk>
{
    public const string Name = "Packed TestGate.Sdk";
}
