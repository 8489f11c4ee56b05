namespace TestGate.Core.Model;

/// <summary>The standard's severities. P0 is the most severe; a lower number always means more severe.</summary>
public enum Severity
{
    P0 = 0,
    P1 = 1,
    P2 = 2,
    P3 = 3,
}

public static class SeverityText
{
    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "P0": severity = Severity.P0; return true;
            case "P1": severity = Severity.P1; return true;
            case "P2": severity = Severity.P2; return true;
            case "P3": severity = Severity.P3; return true;
            default: severity = default; return false;
        }
    }
}
