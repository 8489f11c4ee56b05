using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TestGate.Core.Suite;

namespace TestGate.Analysis;

/// <summary>
/// Blocking waits on tasks in a test body. Only waits on something known to be a task count: a call to an
/// <c>...Async</c> method, or a local that holds one without awaiting it. The traps seen in real suites are
/// excluded: <c>result.Result</c> where <c>result</c> came from an <c>await</c> (a typed HTTP result, not a task), and
/// <c>t.Result</c> after <c>await Task.WhenAll(...)</c> (already completed). With the semantic model, "known to be a
/// task" is the expression's type (any method returning a task, whatever its name); without it, the names decide: an
/// <c>...Async</c> name, or a method the solution itself declares, only ever returning a task (MediatR's <c>Handle</c>).
/// </summary>
public static class BlockingWaits
{
    /// <param name="taskMethods">Names of the solution's own methods that return a task wherever they are declared.</param>
    public static IReadOnlyList<BlockingWait> In(MethodDeclarationSyntax method, SuiteSemantics? semantics = null, IReadOnlySet<string>? taskMethods = null)
    {
        var body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
        if (body is null)
        {
            return [];
        }

        taskMethods ??= NoNames;
        var taskLocals = TaskLocals(body, taskMethods);
        var waits = new List<BlockingWait>();
        foreach (var node in body.Descendants())
        {
            switch (node)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } } } } getResult:
                    waits.Add(new BlockingWait(getResult.ToString(), SyntaxNames.LineOf(getResult)));
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" or "WaitAll" } access } wait
                    when IsTask(access.Expression, taskLocals, taskMethods, semantics) || (access.Expression is IdentifierNameSyntax { Identifier.ValueText: "Task" }):
                    waits.Add(new BlockingWait(wait.ToString(), SyntaxNames.LineOf(wait)));
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result
                    when IsTask(result.Expression, taskLocals, taskMethods, semantics) && !CompletedBefore(result, body):
                    waits.Add(new BlockingWait(result.ToString(), SyntaxNames.LineOf(result)));
                    break;
            }
        }

        return waits;
    }

    private static readonly HashSet<string> NoNames = [];

    /// <summary>
    /// The names of the methods declared in these trees that return <c>Task</c>/<c>ValueTask</c> (generic or not) in every
    /// declaration: a name also declared with another return type is left out, since a call to it proves nothing.
    /// </summary>
    public static IReadOnlySet<string> TaskReturningMethodNames(IEnumerable<SyntaxTree> trees)
    {
        var returnsTask = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            foreach (var node in tree.GetRoot().Descendants(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is MethodDeclarationSyntax method)
                {
                    var name = method.Identifier.ValueText;
                    var task = SyntaxNames.SimpleNameOf(method.ReturnType) is "Task" or "ValueTask";
                    returnsTask[name] = task && returnsTask.GetValueOrDefault(name, true);
                }
            }
        }

        return returnsTask.Where(r => r.Value).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsTask(ExpressionSyntax expression, HashSet<string> taskLocals, IReadOnlySet<string> taskMethods, SuiteSemantics? semantics) =>
        semantics?.IsTask(expression) ?? IsTaskByName(expression, taskLocals, taskMethods);

    private static bool IsTaskByName(ExpressionSyntax expression, HashSet<string> taskLocals, IReadOnlySet<string> taskMethods) => expression switch
    {
        InvocationExpressionSyntax invocation => SyntaxNames.InvokedName(invocation) is { } name && ReturnsTask(name, taskMethods),
        IdentifierNameSyntax identifier => taskLocals.Contains(identifier.Identifier.ValueText),
        ParenthesizedExpressionSyntax parenthesized => IsTaskByName(parenthesized.Expression, taskLocals, taskMethods),
        _ => false,
    };

    private static readonly HashSet<string> TaskFactories = new(StringComparer.Ordinal) { "Run", "StartNew", "WhenAll", "WhenAny", "AsTask" };

    /// <summary>
    /// A call of that name returns a task that may still be running: an <c>...Async</c> method, a task factory, or a
    /// method of the solution that always returns one. <c>Task.FromResult</c>'s task has already completed.
    /// </summary>
    internal static bool ReturnsTask(string name, IReadOnlySet<string> taskMethods) =>
        name.EndsWith("Async", StringComparison.Ordinal) || TaskFactories.Contains(name) || taskMethods.Contains(name);

    /// <summary>Locals declared as a task type, or initialized from an un-awaited call of a method that returns one.</summary>
    private static HashSet<string> TaskLocals(SyntaxNode body, IReadOnlySet<string> taskMethods)
    {
        var locals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in body.Descendants().OfType<VariableDeclarationSyntax>())
        {
            var declaredTask = declaration.Type is not IdentifierNameSyntax { IsVar: true }
                && SyntaxNames.SimpleNameOf(declaration.Type) is "Task" or "ValueTask";
            foreach (var variable in declaration.Variables)
            {
                var initializer = variable.Initializer?.Value;
                if (declaredTask || (initializer is InvocationExpressionSyntax call && SyntaxNames.InvokedName(call) is { } name
                    && ReturnsTask(name, taskMethods)))
                {
                    locals.Add(variable.Identifier.ValueText);
                }
            }
        }

        return locals;
    }

    /// <summary>
    /// True after an earlier <c>await</c> that completed the task: <c>await Task.WhenAll(...)</c> (also through a local
    /// that holds it), or <c>await t</c> itself, with or without <c>.WaitAsync(...)</c> or <c>.ConfigureAwait(...)</c>.
    /// </summary>
    private static bool CompletedBefore(MemberAccessExpressionSyntax use, SyntaxNode body)
    {
        var target = (use.Expression as IdentifierNameSyntax)?.Identifier.ValueText;

        // A task started after the await is not one it waited for.
        var declared = target is null ? -1
            : body.Descendants().OfType<VariableDeclaratorSyntax>().FirstOrDefault(v => v.Identifier.ValueText == target)?.SpanStart ?? -1;
        foreach (var node in body.Descendants())
        {
            if (node.SpanStart >= use.SpanStart)
            {
                break;
            }

            // An await in a lambda or local function has not run just because it is written earlier.
            if (node is AwaitExpressionSyntax awaited && node.SpanStart > declared && !InDeferredCode(awaited, body))
            {
                switch (Unwrapped(awaited.Expression))
                {
                    case InvocationExpressionSyntax call when SyntaxNames.InvokedName(call) is "WhenAll":
                        return true;
                    case IdentifierNameSyntax name when name.Identifier.ValueText == target || HoldsWhenAll(name.Identifier.ValueText, body):
                        return true;
                }
            }
        }

        return false;
    }

    private static bool InDeferredCode(SyntaxNode node, SyntaxNode body)
    {
        for (var ancestor = node.Parent; ancestor is not null && ancestor != body; ancestor = ancestor.Parent)
        {
            if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static ExpressionSyntax Unwrapped(ExpressionSyntax expression) => expression switch
    {
        ParenthesizedExpressionSyntax parenthesized => Unwrapped(parenthesized.Expression),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAsync" or "ConfigureAwait" } access } => Unwrapped(access.Expression),
        _ => expression,
    };

    private static bool HoldsWhenAll(string local, SyntaxNode body) =>
        body.Descendants().OfType<VariableDeclaratorSyntax>().Any(v =>
            v.Identifier.ValueText == local && v.Initializer?.Value is { } value
            && Unwrapped(value) is InvocationExpressionSyntax call && SyntaxNames.InvokedName(call) is "WhenAll");
}
