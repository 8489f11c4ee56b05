namespace TestGate.Core.Model;

/// <summary>The four levels of the standard's test pyramid, plus tests no signal classified.</summary>
public enum TestKind
{
    Unclassified = 0,
    Unit,
    Integration,
    Application,
    E2E,
}

public static class TestKindText
{
    public static bool TryParse(string? text, out TestKind kind)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "UNIT": kind = TestKind.Unit; return true;
            case "INTEGRATION": kind = TestKind.Integration; return true;
            case "APPLICATION": case "USECASE": case "USE-CASE": kind = TestKind.Application; return true;
            case "E2E": case "ENDTOEND": case "END-TO-END": kind = TestKind.E2E; return true;
            default: kind = TestKind.Unclassified; return false;
        }
    }
}
