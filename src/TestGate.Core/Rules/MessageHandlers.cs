using TestGate.Core.Suite;

namespace TestGate.Core.Rules;

/// <summary>
/// Request/command handlers (a MediatR-style <c>IRequestHandler</c>, a home-grown <c>ICommandHandler</c>, a consumer): a
/// test that sends the message through a mediator or a harness names only the message, and runs its handler.
/// </summary>
internal static class MessageHandlers
{
    private static readonly string[] HandlingPrefixes = ["Handle", "Consume", "Execute", "Process"];

    /// <summary>
    /// The message a method handles: the first parameter of a public method named <c>Handle*</c>, <c>Consume*</c>,
    /// <c>Execute*</c> or <c>Process*</c> (<c>HandleAsync(BookAppointmentCommand command, ...)</c>); null for other methods.
    /// </summary>
    public static string? MessageOf(MethodFacts method) =>
        method.IsPublic && method.ParameterTypes.Count > 0 && HandlingPrefixes.Any(h => method.Name.StartsWith(h, StringComparison.Ordinal))
            ? method.ParameterTypes[0]
            : null;
}
