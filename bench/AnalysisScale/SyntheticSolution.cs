using System.Text;
using TestGate.Analysis;

namespace AnalysisScale;

/// <summary>
/// Writes a layered solution of the requested size to disk: domain entities with branches, services with loggers,
/// retries and cancellation, SQLite repositories, webhook handlers, DTOs; and five test methods per production type
/// spread over unit, application and integration test projects (the shapes the rules look at). Test bodies are either
/// one-liners (<see cref="TestBodies.Short"/>: the worst case for per-test costs, little text to parse per test) or
/// written like real suites (<see cref="TestBodies.Realistic"/>: arrange/act/assert over several lines, factories, mocks,
/// a real SQLite schema per test class).
/// </summary>
public enum TestBodies
{
    Short,
    Realistic,
}

public static class SyntheticSolution
{
    public static (IReadOnlyList<SourceFile> Production, IReadOnlyList<SourceFile> Tests) Write(string root, int productionTypes, TestBodies bodies = TestBodies.Short)
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
            var realistic = bodies == TestBodies.Realistic;
            var (project, test) = (i % 5) switch
            {
                2 => ("Synthetic.IntegrationTests", realistic ? RealisticIntegrationTests(i) : IntegrationTests(i)),
                1 => ("Synthetic.ApplicationTests", realistic ? RealisticApplicationTests(i) : ApplicationTests(i)),
                _ => ("Synthetic.UnitTests", realistic ? RealisticUnitTests(i) : UnitTests(i)),
            };
            tests.Add(Save(root, $"tests/{project}/Type{i}Tests.cs", project, test));
        }

        return (production, tests);
    }

    /// <summary>
    /// The project files that make the generated tree a solution <c>testgate review</c> can read: one SDK-style project
    /// per folder, the test projects marked as such and referencing xUnit. Nothing is built from them.
    /// </summary>
    public static void WriteProjects(string root, IEnumerable<SourceFile> files)
    {
        foreach (var project in files.Select(f => f.Project).Distinct(StringComparer.Ordinal))
        {
            var isTest = project.EndsWith("Tests", StringComparison.Ordinal);
            var folder = Path.Combine(root, isTest ? "tests" : "src", project);
            File.WriteAllText(Path.Combine(folder, project + ".csproj"), isTest
                ? """
                  <Project Sdk="Microsoft.NET.Sdk">
                    <PropertyGroup><TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject></PropertyGroup>
                    <ItemGroup><PackageReference Include="xunit" Version="2.9.3" /></ItemGroup>
                  </Project>
                  """
                : """
                  <Project Sdk="Microsoft.NET.Sdk">
                    <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                  </Project>
                  """);
        }
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

    private static string RealisticUnitTests(int i) => $$"""
        using Synthetic.Domain;

        namespace Synthetic.UnitTests;

        public class Type{{i}}Tests
        {
            [Fact]
            public void Advances_from_new()
            {
                // Arrange
                var entity = Entities.New();

                // Act
                entity.Advance(1);

                // Assert
                Assert.Equal(1, entity.State);
            }

            [Fact]
            public void Rejects_zero()
            {
                var entity = Entities.New();

                var error = Assert.Throws<ArgumentOutOfRangeException>(() => entity.Advance(0));

                Assert.Equal("amount", error.ParamName);
                Assert.Equal(0, entity.State);
            }

            [Theory]
            [InlineData(-1)]
            [InlineData(-100)]
            public void Rejects_negative(int amount)
            {
                var entity = Entities.New();

                Assert.Throws<ArgumentOutOfRangeException>(() => entity.Advance(amount));

                Assert.Equal(0, entity.State);
            }

            [Theory]
            [InlineData(11, 2)]
            [InlineData(5, 1)]
            public void Moves_by_the_amount(int amount, int expected)
            {
                var entity = Entities.Started();

                entity.Advance(amount);

                Assert.Equal(expected, entity.State);
            }

            [Fact]
            public void A_finished_entity_cannot_advance()
            {
                var entity = Entities.Started();
                entity.Advance(20);

                var error = Assert.Throws<InvalidOperationException>(() => entity.Advance(1));

                Assert.Equal("done", error.Message);
                Assert.Equal(2, entity.State);
            }

            private static class Entities
            {
                public static Entity{{i - i % 5}} New() => new();

                public static Entity{{i - i % 5}} Started()
                {
                    var entity = New();
                    entity.Advance(1);
                    return entity;
                }
            }
        }
        """;

    private static string RealisticApplicationTests(int i) => $$"""
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Logging.Testing;
        using Moq;
        using Synthetic.Application;

        namespace Synthetic.ApplicationTests;

        public class Type{{i}}Tests
        {
            private readonly Mock<IGateway{{i}}> _gateway = new();
            private readonly FakeLogger<Service{{i}}> _logger = new();

            private Service{{i}} CreateService() => new(_logger, _gateway.Object);

            [Fact(Timeout = 5000)]
            public async Task Returns_the_gateway_result()
            {
                _gateway.Setup(g => g.SendAsync(7, It.IsAny<CancellationToken>())).ReturnsAsync(42);

                var result = await CreateService().RunAsync(7, CancellationToken.None);

                Assert.Equal(42, result);
                _gateway.Verify(g => g.SendAsync(7, It.IsAny<CancellationToken>()), Times.Once);
            }

            [Fact(Timeout = 5000)]
            public async Task Retries_a_failing_gateway_until_it_answers()
            {
                _gateway.SetupSequence(g => g.SendAsync(1, It.IsAny<CancellationToken>()))
                    .ThrowsAsync(new HttpRequestException("down"))
                    .ReturnsAsync(5);

                var result = await CreateService().RunAsync(1, CancellationToken.None);

                Assert.Equal(5, result);
                _gateway.Verify(g => g.SendAsync(1, It.IsAny<CancellationToken>()), Times.Exactly(2));
            }

            [Fact(Timeout = 5000)]
            public async Task Gives_up_after_three_attempts()
            {
                _gateway.Setup(g => g.SendAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
                    .ThrowsAsync(new HttpRequestException("down"));

                var result = await CreateService().RunAsync(3, CancellationToken.None);

                Assert.Equal(-1, result);
                _gateway.Verify(g => g.SendAsync(3, It.IsAny<CancellationToken>()), Times.Exactly(3));
            }

            [Fact(Timeout = 5000)]
            public async Task Logs_each_failed_attempt_with_the_id()
            {
                _gateway.Setup(g => g.SendAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
                    .ThrowsAsync(new HttpRequestException("down"));

                await CreateService().RunAsync(9, CancellationToken.None);

                var errors = _logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Error).ToList();
                Assert.Equal(3, errors.Count);
                Assert.All(errors, e => Assert.Contains("9", e.Message));
            }

            [Fact(Timeout = 5000)]
            public async Task Honours_cancellation()
            {
                using var cancellation = new CancellationTokenSource();
                cancellation.Cancel();
                _gateway.Setup(g => g.SendAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
                    .Returns<int, CancellationToken>((_, token) => Task.FromCanceled<int>(token));

                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateService().RunAsync(1, cancellation.Token));
            }
        }
        """;

    private static string RealisticIntegrationTests(int i) => $$"""
        using Microsoft.Data.Sqlite;
        using Synthetic.Infrastructure;

        namespace Synthetic.IntegrationTests;

        public sealed class Type{{i}}Tests : IAsyncLifetime
        {
            private readonly SqliteConnection _connection = new("Data Source=:memory:");

            public async Task InitializeAsync()
            {
                await _connection.OpenAsync();
                var command = _connection.CreateCommand();
                command.CommandText = "CREATE TABLE items{{i}} (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, version INTEGER NOT NULL DEFAULT 0)";
                await command.ExecuteNonQueryAsync();
            }

            public async Task DisposeAsync() => await _connection.DisposeAsync();

            private async Task<long> CountAsync()
            {
                var command = _connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM items{{i}}";
                return (long)(await command.ExecuteScalarAsync())!;
            }

            [Fact(Timeout = 5000)]
            public async Task Saves_and_reads_back()
            {
                var repository = new Repository{{i}}(_connection);

                await repository.SaveAsync(1, "first", CancellationToken.None);

                Assert.Equal(1, await CountAsync());
            }

            [Fact(Timeout = 5000)]
            public async Task Rejects_a_duplicate_name_through_the_unique_constraint()
            {
                var repository = new Repository{{i}}(_connection);
                await repository.SaveAsync(1, "same", CancellationToken.None);

                var error = await Assert.ThrowsAsync<SqliteException>(() => repository.SaveAsync(2, "same", CancellationToken.None));

                Assert.Equal(19, error.SqliteErrorCode);
                Assert.Equal(1, await CountAsync());
            }

            [Fact(Timeout = 5000)]
            public async Task Rolls_back_when_the_insert_fails()
            {
                var repository = new Repository{{i}}(_connection);

                await Assert.ThrowsAsync<SqliteException>(() => repository.SaveAsync(1, null!, CancellationToken.None));

                Assert.Equal(0, await CountAsync());
            }

            [Fact(Timeout = 5000)]
            public async Task Concurrent_saves_of_the_same_id_keep_one_row()
            {
                var repository = new Repository{{i}}(_connection);

                var saves = new[] { repository.SaveAsync(5, "a", CancellationToken.None), repository.SaveAsync(5, "b", CancellationToken.None) };
                await Task.WhenAll(saves.Select(s => s.ContinueWith(_ => { })));

                Assert.Equal(1, await CountAsync());
            }

            [Fact(Timeout = 5000)]
            public async Task Saving_the_same_item_twice_is_idempotent()
            {
                var repository = new Repository{{i}}(_connection);

                await repository.SaveAsync(8, "x", CancellationToken.None);
                await Assert.ThrowsAsync<SqliteException>(() => repository.SaveAsync(8, "x", CancellationToken.None));

                Assert.Equal(1, await CountAsync());
            }
        }
        """;
}
