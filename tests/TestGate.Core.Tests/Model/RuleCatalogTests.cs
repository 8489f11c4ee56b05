using TestGate.Core.Model;

namespace TestGate.Core.Tests.Model;

public class RuleCatalogTests
{
    [Fact]
    public void The_catalog_has_43_rules_with_unique_ids_in_id_order()
    {
        var ids = RuleCatalog.Rules.Select(r => r.Id).ToArray();

        Assert.Equal(43, ids.Length);
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal("TG0101", ids[0]);
        Assert.Equal("TG0903", ids[^1]);
    }

    [Fact]
    public void Rule_names_are_unique_kebab_case()
    {
        var names = RuleCatalog.Rules.Select(r => r.Name).ToArray();

        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", n));
    }

    [Theory]
    [InlineData("TG0101", "pyramid-inverted")]
    [InlineData("TG0102", "unit-test-uses-database")]
    [InlineData("TG0103", "unit-test-uses-network")]
    [InlineData("TG0104", "unit-test-uses-framework")]
    [InlineData("TG0105", "e2e-test-without-idempotency-or-retry-assertion")]
    [InlineData("TG0106", "application-test-without-transaction-boundary-check")]
    [InlineData("TG0201", "mock-of-domain-type")]
    [InlineData("TG0202", "mock-of-repository-in-integration-test")]
    [InlineData("TG0203", "mock-of-internal-helper")]
    [InlineData("TG0204", "mock-of-orm")]
    [InlineData("TG0205", "fake-database-in-integration-test")]
    [InlineData("TG0301", "sync-over-async-in-test")]
    [InlineData("TG0302", "async-void-test")]
    [InlineData("TG0303", "async-test-without-timeout")]
    [InlineData("TG0304", "missing-cancellation-test")]
    [InlineData("TG0305", "blocking-sync-fixture")]
    [InlineData("TG0401", "repository-without-integration-test")]
    [InlineData("TG0402", "missing-unique-constraint-test")]
    [InlineData("TG0403", "missing-foreign-key-test")]
    [InlineData("TG0404", "missing-concurrent-update-test")]
    [InlineData("TG0405", "missing-rollback-test")]
    [InlineData("TG0406", "missing-locking-test")]
    [InlineData("TG0407", "missing-idempotency-test")]
    [InlineData("TG0408", "missing-migration-test")]
    [InlineData("TG0501", "webhook-missing-duplicate-delivery-test")]
    [InlineData("TG0502", "webhook-missing-out-of-order-test")]
    [InlineData("TG0503", "webhook-missing-retry-test")]
    [InlineData("TG0504", "webhook-missing-exactly-once-test")]
    [InlineData("TG0601", "missing-external-timeout-test")]
    [InlineData("TG0602", "missing-retry-exhaustion-test")]
    [InlineData("TG0603", "missing-circuit-breaker-test")]
    [InlineData("TG0604", "missing-partial-db-failure-test")]
    [InlineData("TG0605", "missing-cache-failure-test")]
    [InlineData("TG0701", "shared-mutable-static-state")]
    [InlineData("TG0702", "order-dependent-tests")]
    [InlineData("TG0703", "unseeded-randomness")]
    [InlineData("TG0704", "magic-values-instead-of-factory")]
    [InlineData("TG0801", "missing-error-log-test")]
    [InlineData("TG0802", "missing-correlation-id-test")]
    [InlineData("TG0803", "missing-failure-metric-test")]
    [InlineData("TG0901", "layer-coverage-below-threshold")]
    [InlineData("TG0902", "coverage-missing")]
    [InlineData("TG0903", "unmapped-production-types")]
    public void Rule_ids_and_names_are_a_stable_contract(string id, string name)
    {
        Assert.Equal(name, RuleCatalog.Get(id).Name);
        Assert.Equal(name, RuleCatalog.NameOf(id));
        Assert.Equal($"docs/rules/{id}.md", RuleCatalog.Get(id).HelpPath);
    }

    [Theory]
    [InlineData("TG0401", Severity.P0)]
    [InlineData("TG0501", Severity.P0)]
    [InlineData("TG0504", Severity.P0)]
    [InlineData("TG0901", Severity.P1)]
    [InlineData("TG0902", Severity.P1)]
    [InlineData("TG0903", Severity.P3)]
    [InlineData("TG0704", Severity.P3)]
    public void Default_severities_of_key_rules(string id, Severity expected) =>
        Assert.Equal(expected, RuleCatalog.Get(id).DefaultSeverity);

    [Fact]
    public void Lookup_ignores_case()
    {
        Assert.True(RuleCatalog.TryGet("tg0901", out var rule));
        Assert.Equal("TG0901", rule.Id);
    }

    [Theory]
    [InlineData("TG0000")]
    [InlineData("TG0904")]
    [InlineData("")]
    public void Unknown_ids_are_not_found(string id)
    {
        Assert.False(RuleCatalog.TryGet(id, out _));
        Assert.Throws<KeyNotFoundException>(() => RuleCatalog.Get(id));
        Assert.Throws<KeyNotFoundException>(() => RuleCatalog.NameOf(id));
    }

    [Theory]
    [InlineData(DiagnosticCodes.CoverageUnreadable, "TG0001", "coverage-unreadable")]
    [InlineData(DiagnosticCodes.InvalidConfiguration, "TG0002", "invalid-configuration")]
    [InlineData(DiagnosticCodes.SourceUnreadable, "TG0003", "source-unreadable")]
    [InlineData(DiagnosticCodes.InternalError, "TG0004", "internal-error")]
    [InlineData(DiagnosticCodes.NoInputs, "TG0005", "no-inputs")]
    public void Diagnostic_codes_have_names_but_are_not_rules(string code, string expectedCode, string name)
    {
        Assert.Equal(expectedCode, code);
        Assert.Equal(name, RuleCatalog.NameOf(code));
        Assert.False(RuleCatalog.TryGet(code, out _));
        Assert.Equal($"docs/rules/{code}.md", RuleCatalog.Diagnostics.Single(d => d.Code == code).HelpPath);
    }

    [Fact]
    public void Finding_rule_name_comes_from_the_catalog() =>
        Assert.Equal("layer-coverage-below-threshold", Make.Finding("TG0901", Severity.P1).RuleName);
}
