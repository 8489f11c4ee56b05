namespace TestGate.Cli;

/// <summary>The parsed command line of <c>testgate review</c>.</summary>
public sealed record ReviewOptions(
    string Folder,
    IReadOnlyList<string> Coverage,
    string? OutputDirectory,
    string? FailOn,
    string? Formats,
    IReadOnlyList<string> Boundaries)
{
    /// <summary>
    /// Parses the arguments. Returns false with a problem for a usage error; true with null options for a help request.
    /// Values are checked for presence here; their meaning (levels, formats) is validated by the engine (TG0002).
    /// </summary>
    public static bool TryParse(string[] args, out ReviewOptions? options, out string problem)
    {
        options = null;
        problem = string.Empty;
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            return true;
        }

        if (args[0] != "review")
        {
            problem = $"unknown command '{args[0]}'.";
            return false;
        }

        string? folder = null, output = null, failOn = null, formats = null;
        var coverage = new List<string>();
        var boundaries = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var argument = args[i];
            if (argument is "-h" or "--help")
            {
                return true;
            }

            if (argument.StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    problem = $"option {argument} needs a value.";
                    return false;
                }

                var value = args[++i];
                switch (argument)
                {
                    case "--coverage": coverage.Add(value); break;
                    case "--out": output = value; break;
                    case "--fail-on": failOn = value; break;
                    case "--format": formats = value; break;
                    case "--boundary": boundaries.Add(value); break;
                    default:
                        problem = $"unknown option {argument}.";
                        return false;
                }
            }
            else if (folder is null)
            {
                folder = argument;
            }
            else
            {
                problem = $"unexpected argument '{argument}': review takes one folder.";
                return false;
            }
        }

        if (folder is null)
        {
            problem = "review needs the folder to review.";
            return false;
        }

        if (!Directory.Exists(folder))
        {
            problem = $"folder '{folder}' does not exist.";
            return false;
        }

        var missing = coverage.FirstOrDefault(c => !File.Exists(c));
        if (missing is not null)
        {
            problem = $"coverage file '{missing}' does not exist.";
            return false;
        }

        options = new ReviewOptions(folder, coverage, output, failOn, formats, boundaries);
        return true;
    }
}
