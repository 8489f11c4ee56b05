namespace TestGate.Core.Model;

/// <summary>A test method found in a test project, with the kind the classification gave it.</summary>
/// <param name="KindInferred">True when no project setting, category or name gave the kind and it was inferred from
/// what the test touches (a real database, the network, the application's host, or none of them).</param>
public sealed record TestMethod(string Project, string ClassName, string MethodName, TestKind Kind, string Path, int Line, bool KindInferred = false);

public sealed record TestCounts(int Unit, int Integration, int Application, int E2E, int Unclassified)
{
    public int Total => Unit + Integration + Application + E2E + Unclassified;

    public static TestCounts From(IEnumerable<TestMethod> tests)
    {
        int unit = 0, integration = 0, application = 0, e2e = 0, unclassified = 0;
        foreach (var test in tests)
        {
            switch (test.Kind)
            {
                case TestKind.Unit: unit++; break;
                case TestKind.Integration: integration++; break;
                case TestKind.Application: application++; break;
                case TestKind.E2E: e2e++; break;
                default: unclassified++; break;
            }
        }

        return new TestCounts(unit, integration, application, e2e, unclassified);
    }
}
