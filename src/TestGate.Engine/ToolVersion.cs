using System.Reflection;

namespace TestGate.Engine;

/// <summary>The version reports show: an assembly's informational version without the SDK's '+commit' suffix.</summary>
public static class ToolVersion
{
    public static string Of(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+');
        return plus < 0 ? informational : informational[..plus];
    }
}
