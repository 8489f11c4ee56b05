using System.Text;
using TestGate.Analysis;

namespace AnalysisScale;

/// <summary>
/// Writes a layered solution of the requested size to disk: domain entities with branches, services with loggers,
/// retries and cancellation, SQLite repositories, webhook handlers, DTOs; and five test methods per production type
/// spread over unit, application and integration test projects (the shapes the rules look at).
/// </summary>
public static class SyntheticSolution
{
    public static (IReadOnlyList<SourceFile> Production, IReadOnlyList<SourceFile> Tests) Write(string root, int productionTypes)
    {
        var production = new List<SourceFile>();
        var tests = new List<SourceFile>();
        for (var i = 0; i < productionTypes; i++)
        {
            var (layer, code) = (i % 5) switch
            {
                0 => ("Domain", Entity(i)),
                1 => ("Application", Service(i)),
                2 => ("Infrastructure", Repository(i)),
                3 => ("Api", Handler(i)),
                _ => ("Contracts", Dto(i)),
            };
            production.Add(Save(root, $"src/Synthetic.{layer}/Type{i}.cs", $"Synthetic.{layer}", code));
            var (project, test) = (i % 5) switch
            {
                2 => ("Synthetic.IntegrationTests", IntegrationTests(i)),
                1 => ("Synthetic.ApplicationTests", ApplicationTests(i)),
                _ => ("Synthetic.UnitTests", UnitTests(i)),
            };
            tests.Add(Save(root, $"tests/{project}/Type{i}Tests.cs", project, test));
        }

        return (production, tests);
    }

    private static SourceFile Save(string root, string relative, string project, string code)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, code, Encoding.UTF8);
        return new SourceFile(path, project, project);
    }

    private static string Entity(int i) => $$"""
        namespace Synthetic.Domain;

        public sealed class Entity{{i}}
        {
            public int State { get; private set; }

            public void Advance(int amount)
            {
                if (amount <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(amount));
                }

                State = State switch { 0 => 1, 1 when amount > 10 => 2, 1 => 1, _ => throw new InvalidOperationException("done") };
            }
        }
        """;

    private static string Service(int i) => $$"""
        using Microsoft.Extensions.Logging;

        namespace Synthetic.Application;

        public sealed class Service{{i}}(ILogger<Service{{i}}> logger, IGateway{{i}} gateway)
        {
            public async Task<int> RunAsync(int id, CancellationToken cancellationToken)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await gateway.SendAsync(id, cancellationToken);
                    }
                    catch (HttpRequestException ex)
                    {
                        logger.LogError(ex, "Sending {Id} failed on attempt {Attempt}", id, attempt);
                    }
                }

                return -1;
            }
        }

        public interface IGateway{{i}}
        {
            Task<int> SendAsync(int id, CancellationToken cancellationToken);
        }
        """;

    private static string Repository(int i) => $$"""
        using Microsoft.Data.Sqlite;

        namespace Synthetic.Infrastructure;

        public sealed class Repository{{i}}(SqliteConnection connection)
        {
            public async Task SaveAsync(int id, string name, CancellationToken cancellationToken)
            {
                await using var transaction = connection.BeginTransaction();
                var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO items{{i}} (id, name) VALUES ($id, $name)";
                command.Parameters.AddWithValue("$id", id);
                command.Parameters.AddWithValue("$name", name);
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        """;

    private static string Handler(int i) => $$"""
        namespace Synthetic.Api;

        public sealed class Handler{{i}}
        {
            private readonly HashSet<string> _seen = [];

            public bool Handle(string eventId, int sequence)
            {
                if (!_seen.Add(eventId) || sequence < 0)
                {
                    return false;
                }

                return true;
            }
        }
        """;

    private static string Dto(int i) => $$"""
        namespace Synthetic.Contracts;

        public sealed record Dto{{i}}(int Id, string Name, decimal Amount);
        """;

    private static string UnitTests(int i) => $$"""
        namespace Synthetic.UnitTests;

        public class Type{{i}}Tests
        {
            [Fact] public void Advances_from_new() => Assert.Equal(1, Make().State);
            [Fact] public void Rejects_zero() => Assert.Throws<ArgumentOutOfRangeException>(() => Make(0));
            [Fact] public void Rejects_negative() => Assert.Throws<ArgumentOutOfRangeException>(() => Make(-1));
            [Theory, InlineData(11)] public void Jumps_on_large_amounts(int amount) => Assert.True(amount > 10);
            [Fact(Timeout = 1000)] public async Task Completes_quickly() => await Task.Delay(1);

            private static Synthetic.Domain.Entity{{i - i % 5}} Make(int amount = 1)
            {
                var entity = new Synthetic.Domain.Entity{{i - i % 5}}();
                entity.Advance(amount);
                return entity;
            }
        }
        """;

    private static string ApplicationTests(int i) => $$"""
        namespace Synthetic.ApplicationTests;

        public class Type{{i}}Tests
        {
            [Fact(Timeout = 5000)] public async Task Sends_once() => Assert.Equal(1, await Run(1));
            [Fact(Timeout = 5000)] public async Task Retries_failures() => Assert.Equal(-1, await Run(-1));
            [Fact(Timeout = 5000)] public async Task Honours_cancellation() => await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run(0, new CancellationToken(true)));
            [Fact(Timeout = 5000)] public async Task Logs_errors() => Assert.Equal(-1, await Run(-2));
            [Fact(Timeout = 5000)] public async Task Returns_gateway_result() => Assert.Equal(7, await Run(7));

            private static Task<int> Run(int id, CancellationToken token = default) => Task.FromResult(id);
        }
        """;

    private static string IntegrationTests(int i) => $$"""
        using Microsoft.Data.Sqlite;

        namespace Synthetic.IntegrationTests;

        public class Type{{i}}Tests
        {
            [Fact(Timeout = 5000)] public async Task Saves_and_reads_back() { await using var c = new SqliteConnection("Data Source=:memory:"); await new Synthetic.Infrastructure.Repository{{i}}(c).SaveAsync(1, "a", default); }
            [Fact(Timeout = 5000)] public async Task Rejects_duplicates() { await using var c = new SqliteConnection("Data Source=:memory:"); await Assert.ThrowsAsync<SqliteException>(() => new Synthetic.Infrastructure.Repository{{i}}(c).SaveAsync(1, "a", default)); }
            [Fact(Timeout = 5000)] public async Task Rolls_back_on_error() { await using var c = new SqliteConnection("Data Source=:memory:"); await Task.Yield(); }
            [Fact(Timeout = 5000)] public async Task Concurrent_updates_conflict() { await Task.WhenAll(Task.Delay(1), Task.Delay(1)); }
            [Fact(Timeout = 5000)] public async Task Migration_applies_twice() { await Task.Yield(); }
        }
        """;
}
