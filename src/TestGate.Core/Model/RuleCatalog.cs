namespace TestGate.Core.Model;

/// <summary>One entry of the rule catalog. Ids and names are a public contract: never rename or reuse them.</summary>
public sealed record RuleDescriptor(string Id, string Name, string Clause, Severity DefaultSeverity)
{
    public string HelpPath => $"docs/rules/{Id}.md";
}

/// <summary>One code the gate uses for its own problems (not a rule about the suite).</summary>
public sealed record DiagnosticDescriptor(string Code, string Name, string Summary)
{
    public string HelpPath => $"docs/rules/{Code}.md";
}

public static class RuleCatalog
{
    public static IReadOnlyList<RuleDescriptor> Rules { get; } =
    [
        new("TG0101", "pyramid-inverted", "unit tests are the majority", Severity.P1),
        new("TG0102", "unit-test-uses-database", "unit: no database", Severity.P1),
        new("TG0103", "unit-test-uses-network", "unit: no network", Severity.P1),
        new("TG0104", "unit-test-uses-framework", "unit: no framework", Severity.P2),
        new("TG0105", "e2e-test-without-idempotency-or-retry-assertion", "e2e must assert idempotency and retries", Severity.P2),
        new("TG0106", "application-test-without-transaction-boundary-check", "use-case tests verify transaction boundaries", Severity.P3),
        new("TG0201", "mock-of-domain-type", "forbidden: domain logic", Severity.P1),
        new("TG0202", "mock-of-repository-in-integration-test", "forbidden: repositories in integration tests", Severity.P1),
        new("TG0203", "mock-of-internal-helper", "forbidden: internal helper functions", Severity.P2),
        new("TG0204", "mock-of-orm", "forbidden: ORM behaviour", Severity.P1),
        new("TG0205", "fake-database-in-integration-test", "integration: real database, not mocked", Severity.P1),
        new("TG0301", "sync-over-async-in-test", "anti-pattern: asyncio.run() in tests", Severity.P1),
        new("TG0302", "async-void-test", "anti-pattern: sync/async mixing", Severity.P1),
        new("TG0303", "async-test-without-timeout", "required: explicit timeouts", Severity.P2),
        new("TG0304", "missing-cancellation-test", "required: cancellation safety for long-running tasks", Severity.P2),
        new("TG0305", "blocking-sync-fixture", "anti-pattern: mixing sync and async fixtures", Severity.P2),
        new("TG0401", "repository-without-integration-test", "integration tests required for data access", Severity.P0),
        new("TG0402", "missing-unique-constraint-test", "DB: unique constraint enforcement", Severity.P1),
        new("TG0403", "missing-foreign-key-test", "DB: foreign key enforcement", Severity.P2),
        new("TG0404", "missing-concurrent-update-test", "DB: concurrent updates", Severity.P1),
        new("TG0405", "missing-rollback-test", "DB: transaction rollback on error", Severity.P1),
        new("TG0406", "missing-locking-test", "DB: locking behaviour (FOR UPDATE)", Severity.P2),
        new("TG0407", "missing-idempotency-test", "DB: idempotency", Severity.P1),
        new("TG0408", "missing-migration-test", "integration: migrations", Severity.P2),
        new("TG0501", "webhook-missing-duplicate-delivery-test", "webhooks: duplicate delivery", Severity.P0),
        new("TG0502", "webhook-missing-out-of-order-test", "webhooks: out-of-order delivery", Severity.P1),
        new("TG0503", "webhook-missing-retry-test", "webhooks: partial failure + retry", Severity.P1),
        new("TG0504", "webhook-missing-exactly-once-test", "webhooks: exactly-once behaviour", Severity.P0),
        new("TG0601", "missing-external-timeout-test", "failure modes: external service timeouts", Severity.P1),
        new("TG0602", "missing-retry-exhaustion-test", "failure modes: retry exhaustion", Severity.P1),
        new("TG0603", "missing-circuit-breaker-test", "failure modes: circuit breaker open state", Severity.P1),
        new("TG0604", "missing-partial-db-failure-test", "failure modes: partial DB failure", Severity.P1),
        new("TG0605", "missing-cache-failure-test", "failure modes: cache failures", Severity.P2),
        new("TG0701", "shared-mutable-static-state", "test data: no shared mutable state", Severity.P1),
        new("TG0702", "order-dependent-tests", "test data: order-independent", Severity.P2),
        new("TG0703", "unseeded-randomness", "test data: explicit data over random", Severity.P2),
        new("TG0704", "magic-values-instead-of-factory", "test data: factories, not magic values", Severity.P3),
        new("TG0801", "missing-error-log-test", "observability: errors logged with context", Severity.P1),
        new("TG0802", "missing-correlation-id-test", "observability: correlation IDs propagated", Severity.P1),
        new("TG0803", "missing-failure-metric-test", "observability: critical failures emit metrics", Severity.P1),
        // TG0901's severity is per layer (P1 for Domain, P2 for the others); P1 is its catalog default.
        new("TG0901", "layer-coverage-below-threshold", "coverage per layer (Domain ~100%)", Severity.P1),
        new("TG0902", "coverage-missing", "no coverage data for a layer that has code: fail closed, never \"100%\"", Severity.P1),
        new("TG0903", "unmapped-production-types", "types no layer claims", Severity.P3),
    ];

    /// <summary>Codes for the gate's own problems. They are errors or warnings of the run, not findings about the suite.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> Diagnostics { get; } =
    [
        new(DiagnosticCodes.CoverageUnreadable, "coverage-unreadable", "A coverage file is missing, malformed, truncated or hostile."),
        new(DiagnosticCodes.InvalidConfiguration, "invalid-configuration", "A TestGate property or item has a value the gate cannot use."),
        new(DiagnosticCodes.SourceUnreadable, "source-unreadable", "A source file could not be read, so its types are not known to the gate."),
        new(DiagnosticCodes.InternalError, "internal-error", "The gate failed unexpectedly; the verdict is a failure because nothing was decided."),
        new(DiagnosticCodes.NoInputs, "no-inputs", "The gate found no test project or no coverage to decide over."),
    ];

    private static readonly Dictionary<string, RuleDescriptor> ById = Rules.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);

    public static RuleDescriptor Get(string id) =>
        ById.TryGetValue(id, out var rule) ? rule : throw new KeyNotFoundException($"Unknown TestGate rule id '{id}'.");

    public static bool TryGet(string id, out RuleDescriptor rule) => ById.TryGetValue(id, out rule!);

    /// <summary>The name of a rule or of a gate diagnostic code.</summary>
    public static string NameOf(string id) =>
        ById.TryGetValue(id, out var rule) ? rule.Name
        : Diagnostics.FirstOrDefault(d => d.Code.Equals(id, StringComparison.OrdinalIgnoreCase))?.Name
        ?? throw new KeyNotFoundException($"Unknown TestGate code '{id}'.");
}

public static class DiagnosticCodes
{
    public const string CoverageUnreadable = "TG0001";
    public const string InvalidConfiguration = "TG0002";
    public const string SourceUnreadable = "TG0003";
    public const string InternalError = "TG0004";
    public const string NoInputs = "TG0005";
    public const string ReviewMode = "TG0006";
}
