using TestGate.Core.Model;

namespace TestGate.Core.Layers;

/// <summary>
/// The standard's coverage table as layers, used when a project configures none: Domain ~100%, Services and
/// Repositories high, Handlers low, DTOs minimal. Each layer is recognised by a namespace or assembly segment
/// (bare <c>Domain</c> as well as <c>Acme.Shop.Domain.Orders</c>), with type-name conventions as a fallback.
/// </summary>
public static class DefaultLayers
{
    public static IReadOnlyList<LayerDefinition> All { get; } =
    [
        Layer("Domain", ["Domain", "Domains", "DomainModel"], [], 0.95, 0.90, Severity.P1, "Unit"),
        Layer("Services", ["Application", "Services", "UseCases", "Features"], ["*Service", "*UseCase"], 0.80, null, Severity.P2, "Application"),
        Layer("Repositories", ["Infrastructure", "Persistence", "Repositories", "DataAccess", "Data"], ["*Repository", "*DbContext"], 0.80, null, Severity.P2, "Integration"),
        Layer("Handlers", ["Api", "Web", "WebApi", "Host", "Handlers", "Controllers", "Endpoints", "Webhooks", "Functions"], ["*Controller", "*Handler", "*Endpoint", "*Endpoints"], 0.40, null, Severity.P2, "E2E"),
        Layer("DTOs", ["Contracts", "Dtos", "Dto", "Messages"], ["*Dto", "*Request", "*Response"], null, null, Severity.P3, "Unit"),
    ];

    /// <summary>
    /// Segments that hold the domain in layouts without a <c>Domain</c> project or namespace: the <c>Core</c> project of
    /// clean-architecture templates, eShopOnWeb's <c>ApplicationCore.Entities</c>, a <c>Model</c> project. They name
    /// other things too (a utility <c>Core</c> beside a real domain), so they stand in for Domain only when no type with
    /// code is in a Domain segment.
    /// </summary>
    public static IReadOnlyList<string> DomainStandIns { get; } = ["Core", "ApplicationCore", "Model", "Entities", "ValueObjects", "Aggregates"];

    /// <summary>The defaults with <see cref="DomainStandIns"/> added to the Domain layer's segments.</summary>
    public static IReadOnlyList<LayerDefinition> WithDomainStandIns { get; } =
        [Layer("Domain", ["Domain", "Domains", "DomainModel", .. DomainStandIns], [], 0.95, 0.90, Severity.P1, "Unit"), .. All.Skip(1)];

    /// <summary>
    /// The default layers that fit <paramref name="types"/>: <see cref="WithDomainStandIns"/> when no type with code
    /// maps to Domain by the defaults and some does through a stand-in, else <see cref="All"/>.
    /// </summary>
    public static IReadOnlyList<LayerDefinition> For(IReadOnlyCollection<ProductionType> types)
    {
        var withCode = types.Where(t => t.HasCode).ToArray();
        return !AnyInDomain(new LayerMapper(All), withCode) && AnyInDomain(new LayerMapper(WithDomainStandIns), withCode) ? WithDomainStandIns : All;

        static bool AnyInDomain(LayerMapper mapper, IEnumerable<ProductionType> types) =>
            types.Any(t => mapper.Map(t.FullName, t.Assembly, t.Path)?.Layer.Name == "Domain");
    }

    /// <summary>Patterns matching a namespace or assembly whose segment is <paramref name="segment"/>, at any depth.</summary>
    public static IEnumerable<string> SegmentPatterns(string segment) =>
        [segment, segment + ".*", "*." + segment, "*." + segment + ".*"];

    private static LayerDefinition Layer(
        string name, string[] segments, string[] typeNames, double? line, double? branch, Severity severity, string testType)
    {
        var patterns = segments.SelectMany(SegmentPatterns).ToArray();
        return LayerDefinition.Create(name, patterns, patterns, paths: null, typeNames, line, branch, severity, testType);
    }
}
