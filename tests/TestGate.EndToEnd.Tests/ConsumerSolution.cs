namespace TestGate.EndToEnd.Tests;

/// <summary>
/// Writes a consumer solution the way a team would set one up: Central Package Management, warnings as errors,
/// bare root namespaces (Domain, Application), a unit and an integration test project each carrying
/// <c>&lt;Sdk Name="TestGate.Sdk" Version="..." /&gt;</c>, and Directory.Solution.targets importing Solution.targets.
/// <see cref="CreateWithTestProjects"/> writes the same solution with any number of test projects.
/// </summary>
public sealed class ConsumerSolution
{
    private readonly PackedSdk _sdk;
    private readonly List<string> _projects = [];

    private ConsumerSolution(string root, PackedSdk sdk)
    {
        Root = root;
        _sdk = sdk;
    }

    public string Root { get; }

    public string ReportDirectory => Path.Combine(Root, "TestResults", "TestGate");

    public static ConsumerSolution Create(PackedSdk sdk, string name, bool domainFullyTested)
    {
        var solution = WithProductionCode(sdk, name);
        solution.TestProject("Domain.UnitTests", "Domain", DomainTests("Domain.UnitTests"));
        if (domainFullyTested)
        {
            solution.AddDomainRuleTests();
        }

        solution.TestProject("Application.IntegrationTests", "Application", ApplicationTests("Application.IntegrationTests"));
        return solution;
    }

    /// <summary>The unit tests of the order's rules that bring the Domain layer to full coverage.</summary>
    public void AddDomainRuleTests() =>
            Write("tests/Domain.UnitTests/OrderRulesTests.cs", """
                namespace Domain.UnitTests;

                public class OrderRulesTests
                {
                    [Fact]
                    public void A_zero_quantity_is_rejected() => Assert.Throws<ArgumentOutOfRangeException>(() => new Domain.Order(0));

                    [Fact]
                    public void Paying_twice_is_rejected()
                    {
                        var order = new Domain.Order(1);
                        order.Pay();
                        Assert.True(order.IsPaid);
                        Assert.Throws<InvalidOperationException>(order.Pay);
                    }
                }
                """);

    /// <summary>
    /// The same production code with <paramref name="testProjects"/> test projects, alternately unit tests of Domain
    /// (<c>Domain.UnitTests1</c>, <c>Domain.UnitTests3</c>, ...) and integration tests of Application
    /// (<c>Application.IntegrationTests2</c>, ...). Domain stays under-covered, so the gate fails with TG0901.
    /// </summary>
    public static ConsumerSolution CreateWithTestProjects(PackedSdk sdk, string name, int testProjects)
    {
        var solution = WithProductionCode(sdk, name);
        for (var i = 1; i <= testProjects; i++)
        {
            if (i % 2 == 1)
            {
                solution.TestProject($"Domain.UnitTests{i}", "Domain", DomainTests($"Domain.UnitTests{i}"));
            }
            else
            {
                solution.TestProject($"Application.IntegrationTests{i}", "Application", ApplicationTests($"Application.IntegrationTests{i}"));
            }
        }

        return solution;
    }

    /// <summary>Solution-wide files and the production projects Domain and Application, without test projects.</summary>
    private static ConsumerSolution WithProductionCode(PackedSdk sdk, string name)
    {
        var root = Path.Combine(sdk.WorkDirectory, name);
        var solution = new ConsumerSolution(root, sdk);
        solution.Write("NuGet.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="testgate" value="{sdk.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        solution.Write("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
            </Project>
            """);
        solution.Write("Directory.Packages.props", """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="xunit" Version="2.9.3" />
                <PackageVersion Include="xunit.runner.visualstudio" Version="3.1.5" />
                <PackageVersion Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
              </ItemGroup>
            </Project>
            """);
        solution.Write("Directory.Solution.targets", $"""
            <Project>
              <Import Project="Solution.targets" Sdk="TestGate.Sdk" Version="{sdk.Version}" />
            </Project>
            """);
        solution.Project("src/Domain/Domain.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        solution.Write("src/Domain/Order.cs", """
            namespace Domain;

            public sealed class Order
            {
                public Order(int quantity)
                {
                    if (quantity <= 0)
                    {
                        throw new ArgumentOutOfRangeException(nameof(quantity));
                    }

                    Quantity = quantity;
                }

                public int Quantity { get; }

                public bool IsPaid { get; private set; }

                public void Pay()
                {
                    if (IsPaid)
                    {
                        throw new InvalidOperationException("The order is already paid.");
                    }

                    IsPaid = true;
                }
            }
            """);
        solution.Project("src/Application/Application.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="../Domain/Domain.csproj" />
              </ItemGroup>
            </Project>
            """);
        solution.Write("src/Application/OrderService.cs", """
            using Domain;

            namespace Application;

            public sealed class OrderService
            {
                public Order Place(int quantity) => new(quantity);
            }
            """);
        return solution;
    }

    private static string DomainTests(string ns) => $$"""
        namespace {{ns}};

        public class OrderTests
        {
            [Fact]
            public void A_new_order_keeps_its_quantity() => Assert.Equal(3, new Domain.Order(3).Quantity);
        }
        """;

    private static string ApplicationTests(string ns) => $$"""
        namespace {{ns}};

        public class OrderServiceTests
        {
            [Fact]
            public void Placing_an_order_creates_it() => Assert.Equal(2, new Application.OrderService().Place(2).Quantity);
        }
        """;

    /// <summary>Writes Consumer.sln or Consumer.slnx with all projects (production first); returns its file name.</summary>
    public async Task<string> CreateSolutionFileAsync(string format)
    {
        await Dotnet("new", "sln", "--format", format, "-n", "Consumer");
        var file = $"Consumer.{format}";
        await Dotnet(["sln", file, "add", .. _projects]);
        return file;
    }

    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        DotnetProcess.RunAsync(Root, _sdk.Environment, PackedSdk.CommandTimeout, arguments);

    private async Task Dotnet(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed: {result}");
        }
    }

    private void Project(string relativePath, string content)
    {
        Write(relativePath, content);
        _projects.Add(relativePath);
    }

    private void TestProject(string name, string reference, string testSource)
    {
        Project($"tests/{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Sdk Name="TestGate.Sdk" Version="{_sdk.Version}" />
              <ItemGroup>
                <PackageReference Include="xunit" />
                <PackageReference Include="xunit.runner.visualstudio" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <Using Include="Xunit" />
                <ProjectReference Include="../../src/{reference}/{reference}.csproj" />
              </ItemGroup>
            </Project>
            """);
        Write($"tests/{name}/Tests.cs", testSource);
    }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
