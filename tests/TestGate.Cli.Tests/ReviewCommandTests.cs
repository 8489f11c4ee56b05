using System.Text.Json;
using TestGate.Engine;

namespace TestGate.Cli.Tests;

/// <summary>`testgate review` over a source tree on disk that was never built.</summary>
[Trait("Category", "Integration")]
public sealed class ReviewCommandTests : IDisposable
{
    private readonly SourceTree _tree = new();

    private string Root => _tree.Root;

    public ReviewCommandTests()
    {
        Write("src/Shop.Domain/Shop.Domain.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("src/Shop.Domain/Order.cs", """
            namespace Shop.Domain;

            public sealed class Order
            {
                public int Quantity { get; private set; }

                public void Add(int quantity)
                {
                    if (quantity <= 0)
                    {
                        throw new ArgumentOutOfRangeException(nameof(quantity));
                    }

                    Quantity += quantity;
                }
            }
            """);
        Write("tests/Shop.Domain.UnitTests/Shop.Domain.UnitTests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="xunit" Version="2.9.3" />
                <ProjectReference Include="../../src/Shop.Domain/Shop.Domain.csproj" />
              </ItemGroup>
            </Project>
            """);
        Write("tests/Shop.Domain.UnitTests/OrderTests.cs", """
            namespace Shop.Domain.UnitTests;

            public class OrderTests
            {
                [Fact]
                public void Adding_increases_quantity()
                {
                    var order = new Shop.Domain.Order();
                    order.Add(2);
                    Assert.Equal(2, order.Quantity);
                }

                [Fact]
                public void Adding_nothing_is_rejected() => Assert.Throws<ArgumentOutOfRangeException>(() => new Shop.Domain.Order().Add(0));
            }
            """);
    }

    public void Dispose() => _tree.Dispose();

    private string Write(string relative, string content) => _tree.Write(relative, content);

    private (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = ReviewCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Without_coverage_the_tree_is_reviewed_structurally_and_layers_are_not_judged()
    {
        var (exit, output, _) = Run("review", Root, "--out", Path.Combine(Root, "out"));

        Assert.Equal(ReviewCommand.Passed, exit);
        Assert.Contains("1 production and 1 test project(s)", output);
        Assert.Contains("Testing standards satisfied.", output);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "out", "report.json"))).RootElement;
        Assert.Equal("pass", report.GetProperty("verdict").GetString());
        Assert.Equal(2, report.GetProperty("tests").GetProperty("unit").GetInt32());
        Assert.Equal(0, report.GetProperty("layers").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(Root, "out", "report.sarif")));
    }

    /// <summary>Cobertura for Order.cs with 4 of 5 lines (80%) and 1 of 2 branches covered; line 11 is missed.</summary>
    private string CoverageOfFourLinesInFive() => Write("coverage.cobertura.xml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <coverage>
              <sources><source>{Root}/src/</source></sources>
              <packages><package name="Shop.Domain"><classes>
                <class name="Shop.Domain.Order" filename="Shop.Domain/Order.cs">
                  <lines>
                    <line number="5" hits="1" />
                    <line number="8" hits="1" />
                    <line number="9" hits="1" branch="true" condition-coverage="50% (1/2)" />
                    <line number="11" hits="0" />
                    <line number="14" hits="1" />
                  </lines>
                </class>
              </classes></package></packages>
            </coverage>
            """);

    [Fact]
    public void Coverage_below_the_domain_threshold_fails_with_exit_code_1()
    {
        var coverage = CoverageOfFourLinesInFive();

        var (exit, output, _) = Run("review", Root, "--coverage", coverage, "--out", Path.Combine(Root, "out"));

        Assert.Equal(ReviewCommand.Failed, exit);
        Assert.Contains("src/Shop.Domain/Order.cs(11): error TG0901: Domain layer: line coverage 80% is below the required 95%", output);
    }

    [Fact]
    public void Settings_in_Directory_Build_props_apply_as_in_a_build_and_those_needing_a_build_are_named()
    {
        Write("Directory.Build.props", """
            <Project>
              <PropertyGroup Condition="'$(MSBuildProjectName)' == 'shop.domain.unittests' or '$(MSBuildProjectName)' == 'Other'">
                <TestGateTestKind>Integration</TestGateTestKind>
              </PropertyGroup>
              <PropertyGroup Condition="'$(MSBuildProjectName)' != 'Shop.Domain.UnitTests'">
                <TestGateTestKind>E2E</TestGateTestKind>
              </PropertyGroup>
              <ItemGroup>
                <TestGateLayer Include="Core" Namespaces="Shop.Domain">
                  <MinLineCoverage>70</MinLineCoverage>
                  <MinBranchCoverage>40</MinBranchCoverage>
                </TestGateLayer>
                <TestGateRule Include="TG0901" Severity="None" Condition="'$(Configuration)' == 'Release'" />
              </ItemGroup>
            </Project>
            """);
        var coverage = CoverageOfFourLinesInFive();

        var (exit, output, _) = Run("review", Root, "--coverage", coverage, "--out", Path.Combine(Root, "out"));

        Assert.Equal(ReviewCommand.Passed, exit);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "out", "report.json"))).RootElement;
        var layer = Assert.Single(report.GetProperty("layers").EnumerateArray());
        Assert.Equal("Core", layer.GetProperty("name").GetString());
        Assert.Equal(0.7, layer.GetProperty("minLineCoverage").GetDouble(), 3);
        Assert.Equal(2, report.GetProperty("tests").GetProperty("integration").GetInt32());
        Assert.Contains("info TG0006: 1 TestGate setting(s) were not applied because their condition needs a build", output);
        Assert.Contains("TestGateRule in Directory.Build.props (line 13) of Shop.Domain.UnitTests", output);
    }

    [Fact]
    public void A_Directory_Build_props_that_is_not_XML_is_reported_and_its_projects_are_still_reviewed()
    {
        var props = Write("tests/Directory.Build.props", "<Project><PropertyGroup>");

        var (exit, output, _) = Run("review", Root, "--out", Path.Combine(Root, "out"));

        Assert.Equal(ReviewCommand.Passed, exit);
        Assert.Contains("1 production and 1 test project(s)", output);
        Assert.Contains("warning TG0003: Directory.Build.props could not be read, so the TestGate settings in it are not applied", output);
        Assert.Contains(Path.GetRelativePath(Root, props).Replace('\\', '/'), output);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "out", "report.json"))).RootElement;
        Assert.Equal(2, report.GetProperty("tests").GetProperty("unit").GetInt32());
    }

    [Fact]
    public void Fail_on_None_reports_but_passes()
    {
        var coverage = Write("empty.cobertura.xml", "<coverage />");

        var (exit, output, _) = Run("review", Root, "--coverage", coverage, "--fail-on", "None", "--out", Path.Combine(Root, "out"));

        Assert.Equal(ReviewCommand.Passed, exit);
        Assert.Contains("TG0902", output);
    }

    [Fact]
    public void A_usage_error_exits_2_and_prints_the_usage()
    {
        var (exit, _, error) = Run("review", Path.Combine(Root, "missing"));

        Assert.Equal(ReviewCommand.UsageError, exit);
        Assert.Contains("does not exist", error);
        Assert.Contains("Usage: testgate review", error);
    }

    [Fact]
    public void Build_output_and_unreadable_project_files_do_not_break_the_review()
    {
        Write("src/Shop.Domain/obj/Debug/Generated.cs", "this is not C# {{{");
        Write("src/Broken/Broken.csproj", "<Project><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>");

        var (exit, output, _) = Run("review", Root, "--out", Path.Combine(Root, "out"));

        Assert.Equal(ReviewCommand.Passed, exit);
        Assert.Contains("warning TG0003", output);
        Assert.Contains("Broken.csproj", output);
    }

    [Fact]
    public void Hidden_folders_and_node_modules_are_not_walked_as_msbuild_leaves_them_out_of_projects()
    {
        Write("src/Shop.Domain/.vs/Scratch.cs", "namespace Shop.Domain; public sealed class Scratch { public void Run() { } }");
        Write("src/Shop.Domain/ClientApp/node_modules/tool/Tool.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("src/Shop.Domain/ClientApp/node_modules/tool/Tool.cs", "namespace Tool; public sealed class Tool { public void Run() { } }");

        var (exit, output, _) = Run("review", Root, "--out", Path.Combine(Root, "out"));

        Assert.Equal(ReviewCommand.Passed, exit);
        Assert.Contains("1 production and 1 test project(s)", output);
        Assert.DoesNotContain(Path.Combine(".vs", "Scratch.cs"), FolderFiles.Under(Root, "*.cs", diagnostics: null).Select(f => Path.GetRelativePath(Path.Combine(Root, "src", "Shop.Domain"), f)));
    }

    [Fact]
    public void Projects_that_share_a_name_in_different_folders_are_reviewed_as_one()
    {
        // A repository that keeps a copy of its sample (or two samples with the same project names).
        foreach (var file in Directory.GetFiles(Root, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(Root, "copies", "old", Path.GetRelativePath(Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var (exit, output, _) = Run("review", Root, "--out", Path.Combine(Root, "out"));

        Assert.Equal(ReviewCommand.Passed, exit);
        Assert.Contains("2 production and 2 test project(s)", output);
        Assert.Contains("1 more test project(s) share a name with another one", output);
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "out", "report.json"))).RootElement;
        Assert.Equal(4, report.GetProperty("tests").GetProperty("unit").GetInt32());
    }

    [Fact]
    public void A_folder_link_back_to_an_ancestor_is_followed_once_not_forever()
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, "src", "loop"), Root);
        Directory.CreateSymbolicLink(Path.Combine(Root, "tests", "again"), Root);

        // Written with a trailing separator, the folder must still be recognised when a link leads back to it.
        var (exit, output, _) = Run("review", Root + Path.DirectorySeparatorChar, "--out", Path.Combine(Root, "out"));

        Assert.Equal(ReviewCommand.Passed, exit);
        Assert.Contains("1 production and 1 test project(s)", output);
        Assert.DoesNotContain("share a name", output);
    }

    [Fact]
    public void A_link_inside_a_project_back_to_the_repository_does_not_make_the_repository_its_sources()
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, "src", "Shop.Domain", "repo"), Root);
        var diagnostics = new List<TestGate.Core.Model.GateDiagnostic>();
        var projects = ProjectDiscovery.Find(Root, diagnostics);

        var sources = ProjectDiscovery.SourcesOf(projects.Single(p => p.Name == "Shop.Domain"), projects);

        Assert.Equal([Path.Combine(Root, "src", "Shop.Domain", "Order.cs")], sources.Select(f => f.Path));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Test_projects_are_recognised_from_their_Directory_Build_props_and_the_MSTest_project_SDK()
    {
        Write("tests/Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <IsTestProject>true</IsTestProject>
              </PropertyGroup>
              <ItemGroup Condition="'$(Configuration)' == 'Debug'">
                <PackageReference Include="coverlet.collector" />
              </ItemGroup>
            </Project>
            """);
        Write("tests/Shop.Api.Tests/Shop.Api.Tests.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("checks/Shop.Checks/Shop.Checks.csproj", """<Project Sdk="MSTest.Sdk/3.6.0" />""");
        Write("checks/Shop.Smoke/Shop.Smoke.csproj", """<Project><Sdk Name="MSTest.Sdk" Version="3.7.0" /></Project>""");
        Write("checks/Shop.Probe/Shop.Probe.csproj", """<Project><Import Project="Sdk.props" Sdk="MSTest.Sdk" /></Project>""");
        Write("checks/Shop.Lookalike/Shop.Lookalike.csproj", """<Project Sdk="MSTest.SdkTools/1.0.0" />""");
        Write("src/Directory.Build.props", """
            <Project>
              <PropertyGroup Condition="$(MSBuildProjectName.EndsWith('Tests'))">
                <IsTestProject>true</IsTestProject>
              </PropertyGroup>
            </Project>
            """);
        Write("src/Shop.Api/Shop.Api.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web" />""");
        var diagnostics = new List<TestGate.Core.Model.GateDiagnostic>();

        var projects = ProjectDiscovery.Find(Root, diagnostics).ToDictionary(p => p.Name, p => p.IsTest);

        Assert.True(projects["Shop.Api.Tests"]);
        Assert.True(projects["Shop.Checks"]);
        Assert.True(projects["Shop.Smoke"]);
        Assert.True(projects["Shop.Probe"]);
        Assert.False(projects["Shop.Lookalike"]);
        Assert.True(projects["Shop.Domain.UnitTests"]);

        // A condition the review cannot evaluate picks some projects only: it is not applied to all.
        Assert.False(projects["Shop.Api"]);
        Assert.False(projects["Shop.Domain"]);
    }

    [Fact]
    public void A_test_projects_framework_is_read_from_the_framework_package_it_or_its_directory_props_reference()
    {
        Write("tests/Directory.Build.props", """
            <Project>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <PackageReference Include="NUnit" />
              </ItemGroup>
            </Project>
            """);
        Write("tests/Shop.UnitTests/Shop.UnitTests.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("tests/Shop.Rentals.Tests/Shop.Rentals.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><PackageReference Include="TUnit" /></ItemGroup>
            </Project>
            """);
        Write("checks/Shop.Checks/Shop.Checks.csproj", """<Project Sdk="MSTest.Sdk/3.7.0" />""");
        Write("checks/Shop.Engine.Checks/Shop.Engine.Checks.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><PackageReference Include="TUnit.Engine" /><PackageReference Include="TUnit.Assertions" /></ItemGroup>
            </Project>
            """);
        Write("src/Shop.Api/Shop.Api.csproj", """<Project Sdk="Microsoft.NET.Sdk.Web" />""");

        var projects = ProjectDiscovery.Find(Root, []).ToDictionary(p => p.Name, p => p.TestFramework);

        Assert.Equal("nunit", projects["Shop.UnitTests"]);
        Assert.Equal("tunit", projects["Shop.Rentals.Tests"]);
        Assert.Equal("mstest", projects["Shop.Checks"]);
        Assert.Equal("tunit", projects["Shop.Engine.Checks"]);
        Assert.Null(projects["Shop.Api"]);
    }

    [Fact]
    public void Settings_test_packages_and_IsTestProject_apply_in_the_order_a_build_reads_the_project_its_directory_files_and_their_imports()
    {
        Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <TestGateFailOn>P3</TestGateFailOn>
              </PropertyGroup>
              <ItemGroup>
                <TestGateRule Include="TG0704" Severity="None" />
              </ItemGroup>
            </Project>
            """);

        // The tests folder's props chains the root one first, then overrides one of its settings.
        Write("tests/Directory.Build.props", """
            <Project>
              <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
              <PropertyGroup>
                <TestGateFailOn>P1</TestGateFailOn>
              </PropertyGroup>
            </Project>
            """);
        Write("build/Testing.props", """
            <Project>
              <Import Project="Cycle.props" />
              <ItemGroup>
                <PackageReference Include="NUnit" />
              </ItemGroup>
            </Project>
            """);
        Write("build/Cycle.props", """<Project><Import Project="Testing.props" /></Project>""");
        Write("build/CiOnly.props", """<Project><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>""");
        Write("checks/Shop.Checks/Shop.Checks.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="$(MSBuildThisFileDirectory)..\..\build\Testing.props" Condition="Exists('$(MSBuildThisFileDirectory)..\..\build\Testing.props')" />
            </Project>
            """);
        Write("checks/Shop.Tool/Shop.Tool.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="../../build/CiOnly.props" Condition="'$(CI)' == 'true'" />
            </Project>
            """);
        Write("checks/Shop.Fixtures/Shop.Fixtures.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <IsTestProject>true</IsTestProject>
              </PropertyGroup>
            </Project>
            """);

        // Directory.Build.targets is read after the project: its setting wins, as in a build.
        Write("checks/Directory.Build.targets", """
            <Project>
              <PropertyGroup Condition="'$(MSBuildProjectName)' == 'Shop.Fixtures'">
                <IsTestProject>false</IsTestProject>
              </PropertyGroup>
            </Project>
            """);
        var diagnostics = new List<TestGate.Core.Model.GateDiagnostic>();

        var projects = ProjectDiscovery.Find(Root, diagnostics).ToDictionary(p => p.Name);

        var unitTests = projects["Shop.Domain.UnitTests"].Settings;
        Assert.Equal("P1", unitTests.FailOn);
        Assert.Equal("TG0704", Assert.Single(unitTests.Rules).RuleId);
        Assert.True(projects["Shop.Checks"].IsTest);
        Assert.False(projects["Shop.Tool"].IsTest);
        Assert.False(projects["Shop.Fixtures"].IsTest);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_review_that_fails_unexpectedly_exits_with_its_own_code_and_a_TG0004_error_not_a_crash()
    {
        var file = Write("occupied", "a file where the report folder should go");

        var (exit, _, error) = Run("review", Root, "--out", Path.Combine(file, "reports"));

        Assert.Equal(ReviewCommand.InternalError, exit);
        Assert.StartsWith("testgate: error TG0004: the review failed unexpectedly and decided nothing: ", error);
        Assert.Contains("check that it can be read or written", error);
        Assert.Contains("docs/rules/TG0004.md", error);
    }

    [Fact]
    public void A_test_support_library_is_read_with_the_tests_not_as_production_code()
    {
        Write("tests/Shop.Testing/Shop.Testing.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><IsTestProject>false</IsTestProject></PropertyGroup>
            </Project>
            """);
        Write("tests/Shop.Testing/OrderBuilder.cs", """
            namespace Shop.Testing;
            public sealed class OrderBuilder { public Shop.Domain.Order Build() => new(); }
            """);
        Write("src/Shop.TestUtilities/Shop.TestUtilities.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        var diagnostics = new List<TestGate.Core.Model.GateDiagnostic>();

        var projects = ProjectDiscovery.Find(Root, diagnostics).ToDictionary(p => p.Name);
        var (_, output, _) = Run("review", Root, "--out", Path.Combine(Root, "out"));

        Assert.True(projects["Shop.Testing"].IsTestSupport);
        Assert.True(projects["Shop.TestUtilities"].IsTestSupport);
        Assert.False(projects["Shop.Domain"].IsTestSupport);
        Assert.False(projects["Shop.Domain.UnitTests"].IsTestSupport);
        Assert.Contains("1 production, 2 test-support and 1 test project(s)", output);
    }

    [Fact]
    public void A_unique_constraint_in_a_production_projects_SQL_script_is_reviewed_at_its_line_and_scripts_elsewhere_are_not()
    {
        Write("src/Shop.Data/Shop.Data.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("src/Shop.Data/CustomerStore.cs", """
            using Microsoft.Data.Sqlite;
            namespace Shop.Data;
            public sealed class CustomerRepository(SqliteConnection connection)
            {
                public async Task AddAsync(string email, CancellationToken cancellationToken)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = "INSERT INTO customers (email) VALUES ($email)";
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            """);
        const string Schema = """
            -- customers and their sign-in e-mail
            CREATE TABLE customers (
                id    INTEGER PRIMARY KEY,
                email TEXT NOT NULL UNIQUE
            );
            """;
        Write("src/Shop.Data/Migrations/0001_customers.sql", Schema);
        Write("src/Shop.Data/bin/Debug/0001_customers.sql", Schema.Replace("customers", "copies"));
        Write("tests/Shop.Data.IntegrationTests/Shop.Data.IntegrationTests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="xunit" Version="2.9.3" />
                <ProjectReference Include="../../src/Shop.Data/Shop.Data.csproj" />
              </ItemGroup>
            </Project>
            """);
        Write("tests/Shop.Data.IntegrationTests/schema.sql", "CREATE TABLE fixtures (name TEXT NOT NULL UNIQUE);");
        Write("tests/Shop.Data.IntegrationTests/CustomerRepositoryTests.cs", """
            using Microsoft.Data.Sqlite;
            namespace Shop.Data.IntegrationTests;
            public class CustomerRepositoryTests
            {
                [Fact(Timeout = 10_000)]
                public async Task Adds_a_customer()
                {
                    await using var connection = new SqliteConnection("Data Source=shop.db");
                    await new Shop.Data.CustomerRepository(connection).AddAsync("ada@example.com", CancellationToken.None);
                }
            }
            """);

        Run("review", Root, "--out", Path.Combine(Root, "out"));

        var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "out", "report.json"))).RootElement.GetProperty("findings")
            .EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "TG0402").ToArray();
        var finding = Assert.Single(findings);
        Assert.Equal("src/Shop.Data/Migrations/0001_customers.sql", finding.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(4, finding.GetProperty("location").GetProperty("line").GetInt32());
        Assert.Contains("customers.email UNIQUE, declared in the schema script 0001_customers.sql:4", finding.GetProperty("missingOrBrokenTest").GetString());
    }
}
