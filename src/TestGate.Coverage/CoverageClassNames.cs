namespace TestGate.Coverage;

/// <summary>
/// Producers name the same source type differently: coverlet writes nested and compiler-generated types as
/// <c>Outer/&lt;Method&gt;d__3</c>, Microsoft's collector as <c>Outer.&lt;Method&gt;d__3</c> or <c>Outer+Inner</c>, and
/// generic types carry <c>`1</c> or <c>&lt;T&gt;</c>. Coverage is judged per source type, so all of these fold to the
/// outermost type's full name.
/// </summary>
public static class CoverageClassNames
{
    public static string Fold(string className)
    {
        var name = className.Trim();
        var cut = name.IndexOfAny(['/', '+']);
        if (cut >= 0)
        {
            name = name[..cut];
        }

        // A compiler-generated part after a dot (Outer.<Method>d__3, Outer.<>c) belongs to the type before it.
        var generated = name.IndexOf(".<", StringComparison.Ordinal);
        if (generated > 0)
        {
            name = name[..generated];
        }

        var arity = name.IndexOf('`');
        if (arity >= 0)
        {
            name = name[..arity];
        }

        var typeArguments = name.IndexOf('<');
        if (typeArguments > 0)
        {
            name = name[..typeArguments];
        }

        return name;
    }

    /// <summary>Package names are assembly names; some producers keep the file extension.</summary>
    public static string? AssemblyOf(string? packageName)
    {
        if (string.IsNullOrWhiteSpace(packageName))
        {
            return null;
        }

        var name = packageName.Trim();
        return name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
            ? name[..^4]
            : name;
    }
}
